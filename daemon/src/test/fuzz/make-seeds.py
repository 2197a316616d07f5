#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the Jazzer fuzz tests (docs/RELIABILITY.md, "Fuzzing").

Each fuzz test reads its seeds from src/test/resources/<package>/<TestClass>Inputs/<method>/ (Jazzer's layout);
in plain `mvn test` they run as ordinary regression tests. Regression seeds from findings are added next to these
by hand (named finding-*) and are not touched by this script. Run from daemon/: python3 src/test/fuzz/make-seeds.py
"""
import hashlib
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "blockhouse")


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def pad4(b):
    return b + bytes((4 - len(b) % 4) % 4)


def bhs(opcode, flags=0, immediate=False, dsl=0, ahs_words=0, lun=0, itt=0, rest=b""):
    h = bytearray(48)
    h[0] = opcode | (0x40 if immediate else 0)
    h[1] = flags
    h[4] = ahs_words
    h[5:8] = dsl.to_bytes(3, "big")
    h[8:16] = lun.to_bytes(8, "big")
    h[16:20] = itt.to_bytes(4, "big")
    h[20:20 + len(rest)] = rest
    return h


def frame(header, data=b"", ahs=b"", hd=False, dd=False, corrupt_data_digest=False):
    header = bytearray(header)
    header[4] = len(ahs) // 4
    header[5:8] = len(data).to_bytes(3, "big")
    out = bytes(header) + ahs
    if hd:
        out += struct.pack("<I", crc32c(bytes(header) + ahs))
    if data:
        padded = pad4(data)
        out += padded
        if dd:
            digest = crc32c(padded) ^ (1 if corrupt_data_digest else 0)
            out += struct.pack("<I", digest)
    return out


def text(*pairs):
    return b"".join(p.encode() + b"\0" for p in pairs)


ISID = bytes([0x80, 0x12, 0x34, 0x56, 0, 1])
INITIATOR = "iqn.2026-01.io.blockhouse:test-initiator"
TARGET = "iqn.2026-01.io.blockhouse:disk1"


def login(transit, csg, nsg, itt=1, cmdsn=1, tsih=0):
    flags = (0x80 if transit else 0) | (csg << 2) | nsg
    rest = bytearray(28)
    # bytes 20.. of the BHS: CID(2) reserved(2) CmdSN(4) ExpStatSN(4)
    rest[4:8] = cmdsn.to_bytes(4, "big")
    h = bhs(0x03, flags, immediate=True, itt=itt, rest=rest)
    h[2] = 0
    h[3] = 0
    h[8:14] = ISID
    h[14:16] = tsih.to_bytes(2, "big")
    return h


def scsi_command(cdb, itt, cmdsn, edtl, read=False, write=False, final=True, lun=0):
    flags = (0x80 if final else 0) | (0x40 if read else 0) | (0x20 if write else 0) | 0x01
    rest = edtl.to_bytes(4, "big") + cmdsn.to_bytes(4, "big") + (0).to_bytes(4, "big") + pad16(cdb)
    return bhs(0x01, flags, lun=lun, itt=itt, rest=rest)


def pad16(cdb):
    return bytes(cdb[:16]) + bytes(max(0, 16 - len(cdb)))


def data_out(itt, ttt, datasn, offset, final=True):
    rest = ttt.to_bytes(4, "big") + bytes(4) + (0).to_bytes(4, "big") + bytes(4) + datasn.to_bytes(4, "big") \
        + offset.to_bytes(4, "big")
    return bhs(0x05, 0x80 if final else 0, itt=itt, rest=rest)


def nop_out(itt, cmdsn):
    rest = (0xFFFFFFFF).to_bytes(4, "big") + cmdsn.to_bytes(4, "big")
    return bhs(0x00, 0x80, immediate=True, itt=itt, rest=rest)


def text_request(itt, cmdsn):
    rest = (0xFFFFFFFF).to_bytes(4, "big") + cmdsn.to_bytes(4, "big")
    return bhs(0x04, 0x80, immediate=True, itt=itt, rest=rest)


def logout(itt, cmdsn):
    rest = bytes(4) + cmdsn.to_bytes(4, "big")
    return bhs(0x06, 0x80, immediate=True, itt=itt, rest=rest)


def tmf(function, itt, rtt, cmdsn):
    rest = rtt.to_bytes(4, "big") + cmdsn.to_bytes(4, "big")
    return bhs(0x02, 0x80 | function, immediate=True, itt=itt, rest=rest)


def cdb(*b):
    return bytes(b)


def be(value, width):
    return value.to_bytes(width, "big")


INQUIRY = cdb(0x12, 0, 0, 0, 96, 0)
READ10 = cdb(0x28, 0, 0, 0, 0, 8, 0, 0, 2, 0)
WRITE10 = cdb(0x2A, 0, 0, 0, 0, 8, 0, 0, 1, 0)
TUR = cdb(0, 0, 0, 0, 0, 0)


def write(directory, name, data):
    path = os.path.join(ROOT, directory)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


def frame_decoder_seeds():
    d = "iscsi/pdu/FrameDecoderFuzzTestInputs/decode"
    keys = text("InitiatorName=" + INITIATOR, "TargetName=" + TARGET, "SessionType=Normal")
    write(d, "login-request", bytes([0, 0, 0]) + frame(login(True, 1, 3), keys))
    stream = frame(scsi_command(READ10, 5, 2, 1024, read=True), hd=True) + frame(nop_out(6, 3), hd=True)
    write(d, "read-and-nop-header-digest-chunked", bytes([1, 7, 0]) + stream)
    block = bytes(range(256)) * 2
    write(d, "write-immediate-both-digests", bytes([7, 0, 0])
          + frame(scsi_command(WRITE10, 7, 4, 512, write=True), block, hd=True, dd=True))
    write(d, "data-out-data-digest", bytes([6, 13, 0]) + frame(data_out(7, 0x10, 0, 0), block, dd=True))
    ext = bytes(range(0x40, 0x60))
    ahs = be(17, 2) + bytes([1, 0]) + ext[16:32]
    write(d, "extended-cdb-ahs", bytes([0, 0, 0]) + frame(scsi_command(ext, 8, 5, 0), b"hello", ahs=ahs))
    write(d, "text-sendtargets", bytes([0, 3, 0]) + frame(text_request(9, 6), text("SendTargets=All")))
    oversized = bytearray(frame(nop_out(10, 7), bytes(9000)))
    write(d, "oversized-segment-during-login", bytes([0, 0, 0]) + bytes(oversized) + frame(nop_out(11, 8)))
    write(d, "bad-data-digest", bytes([2, 0, 0]) + frame(nop_out(12, 9), b"ping", dd=True, corrupt_data_digest=True)
          + frame(nop_out(13, 10), b"ping", dd=True))
    bad_header = bytearray(frame(nop_out(14, 11), hd=True))
    bad_header[48] ^= 0xFF
    write(d, "bad-header-digest", bytes([1, 0, 0]) + bytes(bad_header))
    write(d, "tmf-and-logout", bytes([0, 0, 0]) + frame(tmf(1, 15, 5, 12)) + frame(logout(16, 12)))


def login_pipeline_seeds():
    d = "iscsi/login/LoginPipelineFuzzTestInputs/connection"
    keys = ["InitiatorName=" + INITIATOR, "TargetName=" + TARGET, "SessionType=Normal", "HeaderDigest=None",
            "DataDigest=None", "MaxRecvDataSegmentLength=65536", "InitialR2T=No", "ImmediateData=Yes"]
    session = frame(login(True, 1, 3, itt=1, cmdsn=1), text(*keys))
    session += frame(scsi_command(INQUIRY, 2, 1, 96, read=True))
    session += frame(scsi_command(TUR, 3, 2, 0))
    session += frame(scsi_command(READ10, 4, 3, 1024, read=True))
    session += frame(scsi_command(WRITE10, 5, 4, 512, write=True), bytes(range(256)) * 2)
    session += frame(nop_out(6, 5), b"ping")
    session += frame(text_request(7, 5), text("SendTargets=All"))
    session += frame(logout(8, 5))
    write(d, "normal-session", bytes([0, 0]) + session)
    write(d, "normal-session-chunked", bytes([0, 5]) + session)
    # R2T path: a 1024-byte write without immediate data, then the Data-Out answering the first R2T (TTT guessed).
    r2t = frame(login(True, 1, 3), text(*keys[:3], "InitialR2T=Yes", "ImmediateData=No"))
    r2t += frame(scsi_command(WRITE10[:7] + bytes([0, 2, 0]), 9, 1, 1024, write=True))
    r2t += frame(data_out(9, 0, 0, 0), bytes(1024))
    write(d, "write-with-r2t", bytes([0, 0]) + r2t)
    digests = frame(login(True, 1, 3), text(*keys[:3], "HeaderDigest=CRC32C", "DataDigest=CRC32C"))
    digests += frame(scsi_command(INQUIRY, 2, 1, 96, read=True), hd=True)
    digests += frame(nop_out(3, 2), b"ping", hd=True, dd=True)
    write(d, "digests-negotiated", bytes([0, 0]) + digests)
    chap = frame(login(False, 0, 1), text("InitiatorName=" + INITIATOR, "TargetName=" + TARGET,
                                          "SessionType=Normal", "AuthMethod=CHAP,None"))
    chap += frame(login(False, 0, 1, itt=1), text("CHAP_A=7,5"))
    chap += frame(login(True, 0, 1, itt=1), text("CHAP_N=alice", "CHAP_R=0x" + "00" * 32))
    write(d, "chap-wrong-response", bytes([1, 0]) + chap)
    discovery = frame(login(True, 1, 3), text("InitiatorName=" + INITIATOR, "SessionType=Discovery"))
    discovery += frame(text_request(2, 1), text("SendTargets=All"))
    write(d, "discovery", bytes([0, 0]) + discovery)
    write(d, "discovery-chap-required", bytes([4, 0]) + discovery)
    tmfs = frame(login(True, 1, 3), text(*keys))
    tmfs += frame(scsi_command(WRITE10, 5, 1, 512, write=True, final=False))
    tmfs += frame(tmf(1, 6, 5, 2))
    tmfs += frame(tmf(5, 7, 0xFFFFFFFF, 2))
    write(d, "abort-task-and-lun-reset", bytes([0, 0]) + tmfs)


def text_negotiation_seeds():
    d = "iscsi/login/TextNegotiationFuzzTestInputs/negotiate"
    write(d, "login-operational", bytes([0]) + text(
        "HeaderDigest=CRC32C,None", "DataDigest=None", "MaxRecvDataSegmentLength=65536", "MaxBurstLength=262144",
        "FirstBurstLength=65536", "InitialR2T=No", "ImmediateData=Yes", "MaxOutstandingR2T=1",
        "DefaultTime2Wait=2", "DefaultTime2Retain=0", "DataPDUInOrder=Yes", "DataSequenceInOrder=Yes",
        "ErrorRecoveryLevel=0", "MaxConnections=1", "X-com.example.key=1", "IFMarker=No", "OFMarker=No"))
    write(d, "discovery", bytes([1]) + text("MaxRecvDataSegmentLength=8192", "HeaderDigest=None",
                                              "DataDigest=None", "SendTargets=All"))
    write(d, "full-feature-text", bytes([2]) + text("MaxRecvDataSegmentLength=131072", "MaxBurstLength=1024"))
    write(d, "two-requests", bytes([4]) + text("MaxBurstLength=0x40000", "FirstBurstLength=512") + b"\xff"
          + text("MaxBurstLength=262144", "InitialR2T=Yes"))
    write(d, "hex-and-out-of-range", bytes([0]) + text("MaxRecvDataSegmentLength=0x1000000",
                                                         "FirstBurstLength=0", "ErrorRecoveryLevel=2"))


def cdb_record(command, data=None, edtl=0, nexus=0):
    lengths = [6, 10, 12, 16, 32]
    selector = lengths.index(len(command))
    flags = nexus | (2 if data is not None else 0)
    size = len(data) if data is not None else edtl // 16
    return bytes([flags, selector]) + command + be(size, 2) + (data or b"")


def cdb_seeds():
    d = "scsi/CdbFuzzTestInputs/command"
    inq = cdb_record(INQUIRY, edtl=96)
    vpd83 = cdb_record(cdb(0x12, 1, 0x83, 0, 255, 0), edtl=256)
    vpd_b0 = cdb_record(cdb(0x12, 1, 0xB0, 0, 64, 0), edtl=64)
    cap16 = cdb_record(cdb(0x9E, 0x10) + bytes(8) + be(32, 4) + bytes(2), edtl=32)
    read10 = cdb_record(READ10, edtl=1024)
    write10 = cdb_record(WRITE10, data=bytes(range(256)) * 2)
    write(d, "inquiry-vpd-capacity", bytes([1]) + inq + vpd83 + vpd_b0 + cap16)
    write(d, "write-read", bytes([1]) + write10 + read10)
    write(d, "mode-sense-all-report-luns", bytes([0]) + cdb_record(cdb(0x5A, 0, 0x3F, 0, 0, 0, 0, 0x10, 0, 0),
                                                                   edtl=4096)
          + cdb_record(cdb(0xA0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0), edtl=256)
          + cdb_record(cdb(0x1A, 0, 0x08, 0, 255, 0), edtl=256))
    sync = cdb_record(cdb(0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    ws16 = cdb_record(cdb(0x93, 0x08) + be(16, 8) + be(8, 4) + bytes(2), data=bytes(512))
    gls = cdb_record(cdb(0x9E, 0x12) + be(0, 8) + be(64, 4) + bytes(2), edtl=64)
    write(d, "write-same-unmap-get-lba-status-sync", bytes([1]) + ws16 + gls + sync)
    caw = cdb_record(cdb(0x89, 0) + be(0, 8) + bytes(3) + bytes([1, 0, 0]), data=bytes(1024))
    verify = cdb_record(cdb(0x2F, 0x02, 0, 0, 0, 0, 0, 0, 1, 0), data=bytes(512))
    write(d, "compare-and-write-verify", bytes([0]) + caw + verify)
    rsoc = cdb_record(cdb(0xA3, 0x0C, 0, 0, 0, 0) + be(4096, 4) + bytes(2), edtl=4096)
    sense = cdb_record(cdb(0x03, 0, 0, 0, 252, 0), edtl=252)
    read6 = cdb_record(cdb(0x08, 0, 0, 1, 4, 0), edtl=2048)
    prefetch = cdb_record(cdb(0x34, 0, 0, 0, 0, 0, 0, 0, 16, 0))
    write(d, "opcodes-sense-read6-prefetch", bytes([0]) + rsoc + sense + read6 + prefetch)
    read32 = cdb_record(cdb(0x7F, 0, 0, 0, 0, 0, 0, 0x18, 0, 0x09, 0, 0) + be(0, 8) + bytes(8) + be(1, 4),
                        edtl=512)
    write(d, "variable-length-read32", bytes([0]) + read32)
    beyond = cdb_record(cdb(0x88, 0) + be(2047, 8) + be(2, 4) + bytes(2), edtl=1024)
    write(d, "read16-past-the-end", bytes([0]) + beyond)


def param_record(kind, a, b, data, nexus=0, claimed=None):
    kinds = ["PROUT", "UNMAP", "XCOPY", "MODE_SELECT_6", "MODE_SELECT_10"]
    flags = nexus | (kinds.index(kind) << 1) | (0x10 if claimed is not None else 0)
    return bytes([flags, a, b]) + be(claimed or 0, 2) + be(len(data), 2) + data


def prout_list(key, sa_key, aptpl=False, all_tg_pt=False):
    return be(key, 8) + be(sa_key, 8) + bytes(4) + bytes([(0x04 if all_tg_pt else 0) | (1 if aptpl else 0), 0]) \
        + bytes(2)


def naa(serial):
    h = hashlib.sha256(serial.encode()).digest()
    oui = 0x0A4248
    return bytes([0x60 | (oui >> 20), (oui >> 12) & 0xFF, (oui >> 4) & 0xFF, ((oui & 0x0F) << 4) | (h[0] & 0x0F)]) \
        + h[1:13]


def parameter_list_seeds():
    d = "scsi/ParameterListFuzzTestInputs/parameterList"
    register = param_record("PROUT", 0x00, 0x00, prout_list(0, 0xA1))
    reserve = param_record("PROUT", 0x01, 0x01, prout_list(0xA1, 0))
    register_b = param_record("PROUT", 0x00, 0x00, prout_list(0, 0xB2), nexus=1)
    preempt = param_record("PROUT", 0x04, 0x01, prout_list(0xB2, 0xA1), nexus=1)
    write(d, "register-reserve-preempt", bytes([1]) + register + reserve + register_b + preempt)
    write(d, "register-and-move", bytes([0]) + register + reserve
          + param_record("PROUT", 0x07, 0x01, be(0xA1, 8) + be(0xC3, 8) + bytes([0, 0]) + be(1, 2) + be(24, 4)
                         + bytes([0x05, 0, 0, 20]) + "iqn.2026-01.test:b\0\0".encode()))
    write(d, "register-aptpl-clear", bytes([0]) + param_record("PROUT", 0x06, 0, prout_list(0, 0xD4, aptpl=True))
          + param_record("PROUT", 0x03, 0, prout_list(0xD4, 0)))
    unmap = be(6 + 16, 2) + be(16, 2) + bytes(4) + be(8, 8) + be(16, 4) + bytes(4)
    write(d, "unmap", bytes([1]) + param_record("UNMAP", 0, 0, unmap))
    target = bytes([0xE4, 0, 0, 0, 0x01, 0x03, 0, 16]) + naa("FUZZ0001") + bytes([0, 0, 0, 0, 0]) + be(512, 3)
    segment = bytes([0x02, 0]) + be(24, 2) + be(0, 2) + be(0, 2) + bytes(2) + be(4, 2) + be(0, 8) + be(64, 8)
    xcopy = bytes([7, 0]) + be(32, 2) + bytes(4) + be(len(segment), 4) + bytes(4) + target + segment
    write(d, "extended-copy-block-to-block", bytes([1]) + param_record("XCOPY", 0, 0, xcopy))
    caching = bytes([0x08, 0x12, 0x04]) + bytes(17)
    ms10 = bytes(8) + caching
    write(d, "mode-select-10-caching", bytes([1]) + param_record("MODE_SELECT_10", 0x10, 0, ms10))
    control = bytes([0x0A, 0x0A, 0x04]) + bytes(9)
    ms6 = bytes([0, 0, 0, 8]) + bytes(5) + be(512, 3) + control
    write(d, "mode-select-6-control-dsense", bytes([0]) + param_record("MODE_SELECT_6", 0x10, 0, ms6))
    write(d, "unmap-length-lies", bytes([0]) + param_record("UNMAP", 0, 0, unmap, claimed=200))


def text_seed(directory, name, path_or_text):
    if os.path.exists(path_or_text):
        with open(path_or_text, "rb") as f:
            data = f.read()
    else:
        data = path_or_text.encode()
    write(directory, name, data)


def config_seeds():
    d = "config/ConfigParserFuzzTestInputs/parse"
    here = os.path.dirname(os.path.abspath(__file__))
    text_seed(d, "default-config.json", os.path.join(here, "..", "..", "main", "resources", "io", "blockhouse",
                                                     "config", "default-config.json"))
    text_seed(d, "full-example.json", """{
  "listen": ["0.0.0.0:3260"],
  "iscsi": {"queueDepth": 128, "maxRecvDataSegmentLength": 262144, "headerDigest": true, "dataDigest": true},
  "devices": [
    {"name": "vm1", "backend": "file", "path": "/mnt/vdisks/xfs1/vm1.img", "size": "100G", "blockSize": 512},
    {"name": "db", "backend": "block", "path": "/dev/md0", "directIo": true, "writeThrough": true},
    {"name": "scratch", "backend": "ram", "size": "4G"},
    {"name": "sink", "backend": "null", "size": "1T"}
  ],
  "targets": [
    {
      "name": "iqn.2026-11.com.example:storage1",
      "alias": "storage1",
      "chap": {"user": "esx", "secret": "twelve+chars", "mutualUser": "storage1", "mutualSecret": "another-secret"},
      "luns": [{"lun": 0, "device": "vm1"}],
      "groups": [
        {"name": "dbhosts", "initiators": ["iqn.1994-05.com.redhat:db1"],
         "luns": [{"lun": 0, "device": "db"}, {"lun": 1, "device": "scratch", "readOnly": true}]}
      ]
    }
  ],
  "alua": {
    "explicit": false,
    "portGroups": [
      {"id": 1, "name": "controller-a", "state": "active/optimized", "preferred": true,
       "ports": [{"target": "iqn.2026-11.com.example:storage1", "portals": ["10.0.0.1:3260"]}]},
      {"id": 2, "name": "controller-b", "state": "standby",
       "ports": [{"target": "iqn.2026-11.com.example:storage1", "portals": ["10.0.1.1:3260"]}]}
    ]
  },
  "metrics": {"listen": "10.0.0.5:9470"}
}
""")
    text_seed(d, "system-section.json", """{
  "listen": ["0.0.0.0:3260"], "devices": [], "targets": [],
  "system": {
    "network": {
      "hostname": "array1", "dns": ["192.0.2.53"], "gateway": "192.0.2.1",
      "interfaces": [
        {"name": "eth0", "mode": "none"}, {"name": "eth1", "mode": "none"},
        {"name": "bond0", "type": "bond", "bondMode": "802.3ad", "slaves": ["eth0", "eth1"],
         "mode": "static", "addresses": ["192.0.2.10/24"]},
        {"name": "bond0.20", "type": "vlan", "link": "bond0", "vlanId": 20, "mode": "dhcp"}
      ]
    },
    "time": {"timezone": "Europe/Berlin", "ntpServers": ["0.pool.ntp.org"]},
    "mail": {"relayHost": "mail.example.com", "relayPort": 25, "from": "array1@example.com",
             "to": ["ops@example.com"]}
  },
  "api": {"group": "storage-admins"}
}
""")
    text_seed(d, "bad-types.json", '{"listen": 3260, "devices": [{"name": 1, "size": "-1G"}], "targets": {}}')


def scst_seeds():
    d = "config/scst/ScstConfFuzzTestInputs/importConf"
    here = os.path.dirname(os.path.abspath(__file__))
    text_seed(d, "esos-scst.conf", os.path.join(here, "..", "resources", "scst", "esos-scst.conf"))
    text_seed(d, "minimal.conf", """HANDLER vdisk_fileio {
\tDEVICE disk0 {
\t\tfilename /mnt/vdisks/disk0.img
\t\tblocksize 512
\t}
}

TARGET_DRIVER iscsi {
\tenabled 1
\tTARGET iqn.2026-01.com.example:t1 {
\t\tenabled 1
\t\tIncomingUser "alice initiator-secret"
\t\tLUN 0 disk0
\t\tGROUP hosts {
\t\t\tINITIATOR iqn.1994-05.com.redhat:h1
\t\t\tLUN 0 disk0 { read_only 1 }
\t\t}
\t}
}
""")
    text_seed(d, "unbalanced.conf", "HANDLER vdisk_blockio {\n  DEVICE d {\n    filename /dev/sdb\n")


if __name__ == "__main__":
    frame_decoder_seeds()
    login_pipeline_seeds()
    text_negotiation_seeds()
    cdb_seeds()
    parameter_list_seeds()
    config_seeds()
    scst_seeds()
