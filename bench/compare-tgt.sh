#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Measures Blockhouse and Debian's tgt on the SAME back-end file, one after the other, with the same initiators
# (libiscsi's iscsi-perf, qemu-img bench over QEMU's libiscsi block driver), and prints a comparison table.
# Builds nothing: it takes an already packaged daemon jar. See bench/README.md.
set -uo pipefail

usage() {
    cat <<USAGE
Usage: $0 [options]
  --jar PATH         Blockhouse daemon jar (default: daemon/target/blockhouse-daemon.jar)
  --size SIZE        back-end file size, a dd/truncate size like 1G or 512M (default: 1G)
  --duration SEC     iscsi-perf run time per target (default: 20)
  --only WHICH       run only "tgt" or "blockhouse" (the other column shows n/a)
  --workdir DIR      where to put the back-end file and logs (default: a fresh mktemp dir, removed on exit)
  --keep             keep the work directory (logs, raw tool output) after the run
  -h, --help         this help
Environment: COUNT_4K (default 200000), COUNT_64K (40000), COUNT_1M (4000) set the qemu-img bench request
counts; DEPTH (32) the queue depth of every test.
USAGE
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SCRIPT_DIR")
JAR="$REPO_DIR/daemon/target/blockhouse-daemon.jar"
SIZE=1G
DURATION=20
ONLY=""
WORK=""
KEEP=0
COUNT_4K=${COUNT_4K:-200000}
COUNT_64K=${COUNT_64K:-40000}
COUNT_1M=${COUNT_1M:-4000}
DEPTH=${DEPTH:-32}
BLOCK_SIZE=512
INITIATOR=iqn.2026-11.io.blockhouse:bench
TGT_IQN=iqn.2026-11.io.blockhouse.bench:tgt
BH_IQN=iqn.2026-11.io.blockhouse.bench:blockhouse

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift 2 ;;
        --size) SIZE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$ONLY" in ""|tgt|blockhouse) ;; *) echo "--only takes tgt or blockhouse" >&2; exit 2 ;; esac

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "missing command '$1' (install: $2)"; }
need iscsi-perf libiscsi-bin
need qemu-img "qemu-utils qemu-block-extra"
need ss iproute2
if [ "$ONLY" != blockhouse ]; then need tgtd tgt; need tgtadm tgt; fi
if [ "$ONLY" != tgt ]; then
    need java openjdk-17-jre-headless
    [ -f "$JAR" ] || die "daemon jar $JAR not found: build it first (mvn -o -q package -DskipTests)"
fi

# ------------------------------------------------------------------------------------------------ cleanup
TGT_PID=""
BH_PID=""
CREATED_WORK=0
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d /tmp/blockhouse-bench.XXXXXX)
    CREATED_WORK=1
else
    mkdir -p "$WORK"
fi

stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
    local pid=$1 grace=$2
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq $((grace * 10))); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
        sleep 0.1
    done
    log "pid $pid ignored SIGTERM for ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

cleanup() {
    stop_pid "$TGT_PID" 3
    TGT_PID=""
    stop_pid "$BH_PID" 20
    BH_PID=""
    if [ "$KEEP" = 1 ] || [ "$CREATED_WORK" = 0 ]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------ helpers
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
    done
}

wait_port() { # port, timeout seconds, pid that must stay alive
    local port=$1 timeout=$2 pid=$3
    for _ in $(seq $((timeout * 10))); do
        ss -Htln "sport = :$port" | grep -q . && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

declare -A RESULT

# Runs the whole suite against one target. Args: column name (tgt|blockhouse), port, iqn, lun.
run_suite() {
    local col=$1 port=$2 iqn=$3 lun=$4
    local url="iscsi://127.0.0.1:$port/$iqn/$lun"
    local out="$WORK/$col"
    mkdir -p "$out"
    # both targets serve from a warm page cache: this compares target overhead, not the disk
    cat "$DISK" >/dev/null

    log "$col: iscsi-perf 4 KiB random reads, $DEPTH in flight, ${DURATION}s"
    timeout $((DURATION + 60)) iscsi-perf -i "$INITIATOR" -m "$DEPTH" -b $((4096 / BLOCK_SIZE)) -t "$DURATION" -r \
        "$url" >"$out/iscsi-perf.txt" 2>&1
    RESULT["$col,perf"]=$(tr '\r' '\n' <"$out/iscsi-perf.txt" | sed -n 's/.*iops average \([0-9]*\).*/\1/p' | tail -1)

    qemu_bench "$col" "$url" write4k "$COUNT_4K" 4096 -w
    qemu_bench "$col" "$url" read64k "$COUNT_64K" 65536
    qemu_bench "$col" "$url" write64k "$COUNT_64K" 65536 -w
    qemu_bench "$col" "$url" read1m "$COUNT_1M" 1048576
    qemu_bench "$col" "$url" write1m "$COUNT_1M" 1048576 -w
}

# One qemu-img bench run. Args: column, url, test key, request count, request size, [-w].
qemu_bench() {
    local col=$1 url=$2 key=$3 count=$4 size=$5 write=${6:-}
    local file="$WORK/$col/qemu-$key.txt"
    log "$col: qemu-img bench $key ($count x $size bytes, depth $DEPTH)"
    timeout 600 qemu-img bench -f raw -t none -d "$DEPTH" -c "$count" -s "$size" $write "$url" >"$file" 2>&1
    local seconds
    seconds=$(sed -n 's/^Run completed in \([0-9.]*\) seconds.*/\1/p' "$file" | tail -1)
    if [ -z "$seconds" ]; then
        RESULT["$col,$key"]=""
        log "$col: $key failed: $(tail -2 "$file" | tr '\n' ' ')"
        return
    fi
    if [ "$size" -le 4096 ]; then
        RESULT["$col,$key"]=$(awk -v c="$count" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')
    else
        RESULT["$col,$key"]=$(awk -v c="$count" -v z="$size" -v s="$seconds" \
            'BEGIN { printf "%.1f", c * z / s / 1048576 }')
    fi
}

# ------------------------------------------------------------------------------------------------ back-end
DISK="$WORK/disk.img"
log "creating the shared back-end file $DISK ($SIZE of random data)"
truncate -s "$SIZE" "$DISK" || die "cannot create $DISK"
DISK_BYTES=$(stat -c %s "$DISK")
dd if=/dev/urandom of="$DISK" bs=1M count=$((DISK_BYTES / 1048576)) conv=notrunc status=none \
    || die "cannot fill $DISK"

# ------------------------------------------------------------------------------------------------ tgt
if [ "$ONLY" != blockhouse ]; then
    TGT_PORT=$(free_port)
    TGT_CONTROL=$((2000 + RANDOM % 30000))   # private control port: never touches another tgtd
    log "starting tgtd on 127.0.0.1:$TGT_PORT (control port $TGT_CONTROL)"
    tgtd -f -C "$TGT_CONTROL" --iscsi "portal=127.0.0.1:$TGT_PORT" >"$WORK/tgtd.log" 2>&1 &
    TGT_PID=$!
    wait_port "$TGT_PORT" 15 "$TGT_PID" || die "tgtd did not start: $(tail -5 "$WORK/tgtd.log")"
    tgtadm() { command tgtadm -C "$TGT_CONTROL" --lld iscsi "$@"; }
    tgtadm --op new --mode target --tid 1 --targetname "$TGT_IQN" || die "tgtadm target"
    tgtadm --op new --mode logicalunit --tid 1 --lun 1 --backing-store "$DISK" || die "tgtadm lun"
    tgtadm --op bind --mode target --tid 1 --initiator-address ALL || die "tgtadm bind"
    run_suite tgt "$TGT_PORT" "$TGT_IQN" 1
    stop_pid "$TGT_PID" 3
    TGT_PID=""
fi

# ------------------------------------------------------------------------------------------------ Blockhouse
if [ "$ONLY" != tgt ]; then
    BH_PORT=$(free_port)
    mkdir -p "$WORK/blockhouse-data"
    cat >"$WORK/blockhouse.json" <<JSON
{
  "iscsi": {"queueDepth": 128, "maxRecvDataSegmentLength": 262144, "maxBurstLength": 1048576,
            "firstBurstLength": 262144, "immediateData": true, "initialR2T": false,
            "headerDigest": true, "dataDigest": true},
  "listen": ["127.0.0.1:$BH_PORT"],
  "devices": [{"name": "bench0", "backend": "file", "path": "$DISK", "size": "$((DISK_BYTES / 1048576))M",
               "blockSize": $BLOCK_SIZE, "readOnly": false, "writeThrough": false, "directIo": false}],
  "targets": [{"name": "$BH_IQN", "enabled": true, "luns": [{"lun": 0, "device": "bench0"}]}]
}
JSON
    log "starting Blockhouse on 127.0.0.1:$BH_PORT ($JAR)"
    java -jar "$JAR" --config "$WORK/blockhouse.json" --data-dir "$WORK/blockhouse-data" \
        --listen "127.0.0.1:$BH_PORT" >"$WORK/blockhouse.log" 2>&1 &
    BH_PID=$!
    wait_port "$BH_PORT" 30 "$BH_PID" || die "Blockhouse did not start: $(tail -20 "$WORK/blockhouse.log")"
    run_suite blockhouse "$BH_PORT" "$BH_IQN" 0
    stop_pid "$BH_PID" 20
    BH_PID=""
fi

# ------------------------------------------------------------------------------------------------ report
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == 0) print "n/a"; else printf "%.2f", b / a }'
}
row() { # label, key
    local t=${RESULT["tgt,$2"]:-} b=${RESULT["blockhouse,$2"]:-}
    printf '%-40s %14s %14s %8s\n' "$1" "${t:-n/a}" "${b:-n/a}" "$(ratio "$t" "$b")"
}
echo
echo "Back-end: $DISK_BYTES-byte file, page cache warm; queue depth $DEPTH; loopback; $(nproc) CPUs"
printf '%-40s %14s %14s %8s\n' "test" "tgt" "Blockhouse" "BH/tgt"
printf '%-40s %14s %14s %8s\n' "----" "---" "----------" "------"
row "iscsi-perf 4 KiB random read (IOPS)" perf
row "qemu-img bench 4 KiB write (IOPS)" write4k
row "qemu-img bench 64 KiB read (MiB/s)" read64k
row "qemu-img bench 64 KiB write (MiB/s)" write64k
row "qemu-img bench 1 MiB read (MiB/s)" read1m
row "qemu-img bench 1 MiB write (MiB/s)" write1m

status=0
for key in perf write4k read64k write64k read1m write1m; do
    for col in tgt blockhouse; do
        if [ "$ONLY" = "" ] || [ "$ONLY" = "$col" ]; then
            [ -n "${RESULT["$col,$key"]:-}" ] || { log "$col $key produced no figure (see $WORK/$col)"; status=1; }
        fi
    done
done
if [ $status != 0 ]; then KEEP=1; fi
exit $status
