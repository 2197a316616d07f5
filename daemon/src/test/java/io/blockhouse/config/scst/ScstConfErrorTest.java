package io.blockhouse.config.scst;

import static io.blockhouse.config.scst.ScstConfSyntaxTest.assertError;
import static io.blockhouse.config.scst.ScstConfSyntaxTest.conf;
import static io.blockhouse.config.scst.ScstConfSyntaxTest.syntaxError;
import static io.blockhouse.config.scst.ScstConfWarningTest.device;
import static io.blockhouse.config.scst.ScstConfWarningTest.withTarget;

import org.junit.jupiter.api.Test;

/**
 * Settings that cannot become a valid Blockhouse configuration are errors naming the line and column, never a
 * silently broken or half-imported configuration.
 */
class ScstConfErrorTest {

    @Test
    void blockSizesOtherThan512And4096() {
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "blocksize 1024")), 4, 13,
                "blocksize 1024 is not supported");
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "blocksize 0x800")), 4, 13,
                "blocksize 0x800 is not supported");
    }

    @Test
    void numbersAcceptCPrefixes() throws Exception {
        var r = ScstConfImporter.importConf(device("vdisk_fileio", "filename /f", "blocksize 0x1000",
                "read_only 01"), "test.conf");
        org.junit.jupiter.api.Assertions.assertEquals(4096, r.config().devices().get(0).blockSize());
        org.junit.jupiter.api.Assertions.assertEquals(true, r.config().devices().get(0).readOnly());
    }

    @Test
    void badFlagsAndNumbers() {
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "read_only 2")), 4, 13,
                "read_only must be 0 or 1, got 2");
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "write_through yes")), 4, 17,
                "write_through: not a number: \"yes\"");
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "o_direct")), 4, 3,
                "o_direct takes exactly one value, got 0");
        assertError(syntaxError(device("vdisk_fileio", "filename /f /g")), 3, 15,
                "filename takes exactly one value, got 2");
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "rotational {", "}")), 4, 3,
                "rotational is an attribute here, not a section");
    }

    @Test
    void fileAndBlockDevicesNeedAnAbsoluteFilename() {
        assertError(syntaxError(device("vdisk_blockio", "read_only 1")), 2, 9, "vdisk_blockio device d1 needs a"
                + " filename");
        assertError(syntaxError(device("vdisk_fileio", "filename disks/d1.img")), 3, 12,
                "filename must be an absolute path");
    }

    @Test
    void duplicateDevicesAndPaths() {
        assertError(syntaxError(conf(
                "HANDLER vdisk_fileio {",
                "\tDEVICE d1 {",
                "\t\tfilename /a",
                "\t}",
                "}",
                "HANDLER vdisk_nullio {",
                "\tDEVICE d1",
                "}")), 7, 9, "device \"d1\" is defined twice");
        assertError(syntaxError(conf(
                "HANDLER vdisk_fileio {",
                "\tDEVICE d1 {",
                "\t\tfilename /a",
                "\t}",
                "\tDEVICE d2 {",
                "\t\tfilename /a",
                "\t}",
                "}")), 6, 12, "/a is already used by the device on line 3");
    }

    @Test
    void deviceNamesBlockhouseCannotUse() {
        assertError(syntaxError(conf("HANDLER vdisk_nullio {", "\tDEVICE disk@1", "}")), 2, 9,
                "device name \"disk@1\" is not a valid Blockhouse device name");
        assertError(syntaxError(conf("HANDLER vdisk_nullio {", "\tDEVICE", "}")), 2, 2,
                "DEVICE takes exactly one name");
    }

    @Test
    void nullioSizeBelowOneBlockAndOutOfRange() {
        assertError(syntaxError(device("vdisk_nullio", "size 4000")), 3, 8,
                "size of nullio device d1 must be at least 4096 bytes");
        assertError(syntaxError(device("vdisk_nullio", "size_mb 0x7fffffffffffffff")), 3, 11, "out of range");
        assertError(syntaxError(device("vdisk_nullio", "size 4096", "size_mb 1")), 4, 11,
                "the size is already given on line 3");
    }

    @Test
    void serialThatCannotBeAScsiSerial() {
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "t10_dev_id \"has blanks\"")), 4, 14,
                "t10_dev_id \"has blanks\" cannot be a Blockhouse serial number");
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "usn 0123456789abcdef0123456789abcdef0")),
                4, 7, "usn");
    }

    @Test
    void handlerAndDriverMustBeNamedSections() {
        assertError(syntaxError(conf("HANDLER vdisk_fileio")), 1, 9, "HANDLER vdisk_fileio must open a section");
        assertError(syntaxError(conf("HANDLER {", "}")), 1, 1, "HANDLER takes exactly one name");
        assertError(syntaxError(conf("TARGET_DRIVER iscsi extra {", "}")), 1, 21,
                "TARGET_DRIVER takes exactly one name");
    }

    @Test
    void lunProblems() {
        assertError(syntaxError(withTarget("\t\tLUN 1 nosuch")), 11, 9,
                "LUN 1 of target iqn.2026-11.com.example:t1: no device named \"nosuch\"");
        assertError(syntaxError(withTarget("\t\tLUN 0 d1")), 11, 7, "LUN 0 of target iqn.2026-11.com.example:t1 is"
                + " already mapped on line 10");
        assertError(syntaxError(withTarget("\t\tLUN 16384 d1")), 11, 7, "LUN number must be 0..16383, got 16384");
        assertError(syntaxError(withTarget("\t\tLUN x d1")), 11, 7, "LUN number must be 0..16383, got \"x\"");
        assertError(syntaxError(withTarget("\t\tLUN 3")), 11, 3, "LUN needs a number and a device name");
        assertError(syntaxError(withTarget("\t\tLUN 3 d1 {", "\t\t\tread_only maybe", "\t\t}")), 12, 14,
                "read_only: not a number");
    }

    @Test
    void invalidAndDuplicateIscsiNames() {
        assertError(syntaxError(conf("TARGET_DRIVER iscsi {", "\tTARGET storage1 {", "\t}", "}")), 2, 9,
                "target name \"storage1\" is not a valid iSCSI name");
        assertError(syntaxError(conf(
                "TARGET_DRIVER iscsi {",
                "\tTARGET iqn.2026-11.com.example:t1 {",
                "\t}",
                "\tTARGET IQN.2026-11.com.example:T1 {",
                "\t}",
                "}")), 4, 9, "target iqn.2026-11.com.example:t1 is already defined on line 2");
        assertError(syntaxError(withTarget("\t\tGROUP g {", "\t\t\tINITIATOR host1.example.com", "\t\t}")), 12, 14,
                "initiator name \"host1.example.com\" is not a valid iSCSI name");
    }

    @Test
    void initiatorInTwoGroupsOfOneTarget() {
        assertError(syntaxError(withTarget(
                "\t\tGROUP a {",
                "\t\t\tINITIATOR iqn.2026-11.com.example:h1",
                "\t\t}",
                "\t\tGROUP b {",
                "\t\t\tINITIATOR iqn.2026-11.com.example:H1",
                "\t\t}")), 15, 14, "initiator iqn.2026-11.com.example:h1 is already in a group of this target on"
                + " line 12");
    }

    @Test
    void groupNamesBlockhouseCannotUse() {
        assertError(syntaxError(withTarget("\t\tGROUP \"my hosts\" {", "\t\t}")), 11, 9,
                "group name \"my hosts\" is not valid in Blockhouse");
    }

    @Test
    void chapProblems() {
        assertError(syntaxError(withTarget("\t\tOutgoingUser \"tgt target-secret1\"")), 11, 16,
                "OutgoingUser of target iqn.2026-11.com.example:t1 without an IncomingUser");
        assertError(syntaxError(withTarget("\t\tIncomingUser \"joe\"")), 11, 16,
                "IncomingUser needs a user name and a secret");
        assertError(syntaxError(withTarget("\t\tIncomingUser joe 12charsecret extra")), 11, 16,
                "IncomingUser needs a user name and a secret");
        // Secret rules are the daemon's validator's; the error still points at the scst.conf line.
        assertError(syntaxError(withTarget("\t\tIncomingUser \"joe short\"")), 11, 16,
                "targets[0].chap.secret: must be 12..255 characters, got 5");
        assertError(syntaxError(withTarget("\t\tIncomingUser \"joe same-secret-1\"",
                "\t\tOutgoingUser \"tgt same-secret-1\"")), 11, 16, "mutualSecret: must differ from secret");
        assertError(syntaxError(conf("TARGET_DRIVER iscsi {", "\tenabled 1", "\tIncomingUser \"d short\"", "}")),
                3, 15, "discoveryChap.secret: must be 12..255 characters");
    }

    @Test
    void iscsiParameterValues() {
        assertError(syntaxError(withTarget("\t\tInitialR2T maybe")), 11, 14, "InitialR2T must be Yes or No");
        assertError(syntaxError(withTarget("\t\tHeaderDigest CRC32C,MD5")), 11, 16, "unknown digest \"MD5\"");
        assertError(syntaxError(withTarget("\t\tQueuedCommands -1")), 11, 18, "QueuedCommands must be 0..");
        // Ranges are the daemon's validator's, reported at the line that set the value.
        assertError(syntaxError(withTarget("\t\tMaxRecvDataSegmentLength 100")), 11, 28,
                "iscsi.maxRecvDataSegmentLength: must be 512..16777215, got 100");
        assertError(syntaxError(withTarget("\t\tFirstBurstLength 262144", "\t\tMaxBurstLength 65536")), 11, 20,
                "iscsi.firstBurstLength: must not exceed maxBurstLength");
    }

    @Test
    void singleValuedAttributesMayNotRepeat() throws Exception {
        assertError(syntaxError(device("vdisk_fileio", "filename /f", "read_only 0", "filename /g")), 5, 12,
                "filename is already set on line 3");
        assertError(syntaxError(withTarget("\t\tenabled 0")), 11, 11, "enabled is already set on line 9");
        assertError(syntaxError(conf("TARGET_DRIVER iscsi {", "\tenabled 1", "\tenabled 0", "}")), 3, 10,
                "enabled is already set on line 2");
        // Attributes the import drops anyway are not its business to police.
        ScstConfImporter.importConf(device("vdisk_fileio", "filename /f", "prod_id a", "prod_id b"), "test.conf");
    }

    @Test
    void exceptionNamesTheSource() {
        ScstConfException e = syntaxError(device("vdisk_fileio", "blocksize 520", "filename /f"));
        org.junit.jupiter.api.Assertions.assertEquals("test.conf", e.source());
    }
}
