#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Measures Blockhouse and Debian's tgt on the SAME back-ends in one run, interleaved run by run, with the same
# public initiator (qemu-img bench over QEMU's libiscsi block driver), and prints a table:
# the median of N runs per figure, the ratio Blockhouse/tgt, and the CPU seconds each target process spent per GiB
# moved. Also measures a single-stream loopback iperf3 figure as the ceiling for 1 MiB reads.
# Builds nothing: it takes an already packaged daemon jar. See bench/README.md.
set -uo pipefail

ALL_TESTS="randread4k-qd1 randread4k-qd32 randwrite4k-qd1 randwrite4k-qd32 seqread64k seqwrite64k seqread1m seqwrite1m"

usage() {
    cat <<USAGE
Usage: $0 [options]
  --jar PATH          Blockhouse daemon jar (default: daemon/target/blockhouse-daemon.jar)
  --size SIZE         size of the file and RAM back-ends, e.g. 1G or 512M (default: 1G)
  --duration SEC      seconds per measurement; count-based tests scale their request counts with it (default: 8)
  --runs N            runs per figure; the table shows the median (default: 3)
  --quick             development mode: 1 run, 2 s, 256M back-ends (options given after --quick still apply)
  --backends LIST     comma-separated subset of file,ram,null (default: all three)
  --digests LIST      comma-separated subset of off,on (default: off,on)
  --tests LIST        comma-separated subset of: ${ALL_TESTS// /,}
  --only WHICH        run only "tgt" or "blockhouse" (the other column shows n/a)
  --no-iperf          skip the iperf3 loopback figure
  --no-warmup         skip the uncounted warm-up (each test per back-end and column, digests off, until steady)
  --jfr FILE          start the daemon with a JFR recording (settings=profile) written to FILE on exit
  --workdir DIR       where to put back-end files, logs and raw tool output (default: a fresh mktemp dir)
  --keep              keep the work directory after the run
  -h, --help          this help
Environment: DEPTH (32) is the queue depth of the sequential tests; JAVA_OPTS is passed to the daemon's JVM.
USAGE
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"
REPO_DIR=$(dirname "$SCRIPT_DIR")
JAR="$REPO_DIR/daemon/target/blockhouse-daemon.jar"
SIZE=1G
DURATION=8
RUNS=3
BACKENDS=file,ram,null
DIGESTS=off,on
TESTS=${ALL_TESTS// /,}
ONLY=""
IPERF=1
WARMUP=1
JFR=""
WORK=""
KEEP=0
DEPTH=${DEPTH:-32}
BLOCK_SIZE=512
INITIATOR=iqn.2026-11.io.blockhouse:bench

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift 2 ;;
        --size) SIZE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --quick) RUNS=1; DURATION=2; SIZE=256M; shift ;;
        --backends) BACKENDS=$2; shift 2 ;;
        --digests) DIGESTS=$2; shift 2 ;;
        --tests) TESTS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --no-iperf) IPERF=0; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        --jfr) JFR=$2; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done


# --------------------------------------------------------------------------------------------- argument checks
case "$ONLY" in ""|tgt|blockhouse) ;; *) die "--only takes tgt or blockhouse" ;; esac
require_positive "$DURATION" "--duration must be a positive whole number of seconds"
require_positive "$RUNS" "--runs must be a positive number"
IFS=, read -r -a BACKEND_LIST <<<"$BACKENDS"
IFS=, read -r -a DIGEST_LIST <<<"$DIGESTS"
IFS=, read -r -a TEST_LIST <<<"$TESTS"
for b in "${BACKEND_LIST[@]}"; do case "$b" in file|ram|null) ;; *) die "unknown back-end '$b'" ;; esac; done
for d in "${DIGEST_LIST[@]}"; do case "$d" in off|on) ;; *) die "unknown digest mode '$d'" ;; esac; done
for t in "${TEST_LIST[@]}"; do [[ " $ALL_TESTS " == *" $t "* ]] || die "unknown test '$t'"; done
COLUMNS_RUN=()
[ "$ONLY" != blockhouse ] && COLUMNS_RUN+=(tgt)
[ "$ONLY" != tgt ] && COLUMNS_RUN+=(blockhouse)

need qemu-img "qemu-utils, plus qemu-block-extra for the iSCSI driver"
need ss iproute2
need timeout coreutils
need awk gawk/mawk
if [ "$IPERF" = 1 ]; then need iperf3 iperf3; need jq jq; fi
if [ "$ONLY" != blockhouse ]; then need tgtd tgt; need tgtadm tgt; fi
if [ "$ONLY" != tgt ]; then
    need java openjdk-17-jre-headless
    [ -f "$JAR" ] || die "daemon jar $JAR not found: build it first (mvn -o -q package -DskipTests -pl daemon -am)"
fi
qemu-img --help 2>/dev/null | grep -q '^Supported formats:.* iscsi' \
    || die "qemu-img has no iscsi driver (Debian package: qemu-block-extra)"
CLK_TCK=$(getconf CLK_TCK)

# ------------------------------------------------------------------------------------------------ cleanup
BH_PID=""
IPERF_PID=""
SHM_FILE=""
CREATED_WORK=0
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d /tmp/blockhouse-bench.XXXXXX) || die "cannot create a work directory"
    CREATED_WORK=1
else
    mkdir -p "$WORK" || die "cannot create $WORK"
fi

cleanup() {
    stop_pid "$IPERF_PID" 3; IPERF_PID=""
    stop_tgt
    stop_pid "$BH_PID" 20; BH_PID=""
    [ -n "$SHM_FILE" ] && rm -f "$SHM_FILE"
    if [ "$KEEP" = 1 ] || [ "$CREATED_WORK" = 0 ]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A RESULT CPU PORT_OF IQN_OF PID_OF
declare -A LUN_OF

# ------------------------------------------------------------------------------------------------ measurements
# The measurement function prints "<figure> <bytes moved>" on success and nothing on failure; the raw tool
# output goes to the file given as the first argument.

# qemu-img bench: count-based. Args: raw file, image-opts, count, request size, depth, step, [-w].
# Step 0 means sequential; a step of an odd number of 4 KiB blocks walks every block of a power-of-two sized
# device in a scattered order before it repeats (qemu-img bench wraps the offset at the device end).
m_qemu_bench() {
    local raw=$1 opts=$2 count=$3 size=$4 depth=$5 step=$6 write=${7:-}
    local stepopt=()
    [ "$step" != 0 ] && stepopt=(-S "$step")
    timeout $((DURATION * 20 + 120)) qemu-img bench --image-opts -t none -d "$depth" -c "$count" -s "$size" \
        "${stepopt[@]}" $write "$opts" >"$raw" 2>&1
    local seconds
    seconds=$(sed -n 's/^Run completed in \([0-9.]*\) seconds.*/\1/p' "$raw" | tail -1)
    [ -n "$seconds" ] || return 0
    awk -v c="$count" -v z="$size" -v s="$seconds" 'BEGIN {
        if (z <= 4096) printf "%.0f %.0f\n", c / s, c * z; else printf "%.1f %.0f\n", c * z / s / 1048576, c * z }'
}

STRIDE=$((4096 * 7919))   # 7919 blocks of 4 KiB: odd, so coprime with any power-of-two block count

# Runs one test once against one column. Args: column, backend, digest, test, run number.
run_one() {
    local col=$1 backend=$2 digest=$3 test=$4 run=$5
    local key="$backend,$digest,$test"
    local port=${PORT_OF[$col]} iqn=${IQN_OF[$col]} lun=${LUN_OF[$col,$backend]} pid=${PID_OF[$col]}
    local hd=none
    [ "$digest" = on ] && hd=crc32c
    local opts="driver=iscsi,transport=tcp,portal=127.0.0.1:$port,target=$iqn,lun=$lun,header-digest=$hd"
    opts+=",initiator-name=$INITIATOR"
    local raw="$WORK/raw/$col-$backend-$digest-$test-$run.txt"
    local before after out
    before=$(cpu_ticks "$pid")
    case "$test" in
        randread4k-qd1) out=$(m_qemu_bench "$raw" "$opts" $((2000 * DURATION)) 4096 1 $STRIDE) ;;
        randread4k-qd32) out=$(m_qemu_bench "$raw" "$opts" $((15000 * DURATION)) 4096 32 $STRIDE) ;;
        randwrite4k-qd1) out=$(m_qemu_bench "$raw" "$opts" $((1500 * DURATION)) 4096 1 $STRIDE -w) ;;
        randwrite4k-qd32) out=$(m_qemu_bench "$raw" "$opts" $((12000 * DURATION)) 4096 32 $STRIDE -w) ;;
        seqread64k) out=$(m_qemu_bench "$raw" "$opts" $((12000 * DURATION)) 65536 "$DEPTH" 0) ;;
        seqwrite64k) out=$(m_qemu_bench "$raw" "$opts" $((8000 * DURATION)) 65536 "$DEPTH" 0 -w) ;;
        seqread1m) out=$(m_qemu_bench "$raw" "$opts" $((800 * DURATION)) 1048576 "$DEPTH" 0) ;;
        seqwrite1m) out=$(m_qemu_bench "$raw" "$opts" $((500 * DURATION)) 1048576 "$DEPTH" 0 -w) ;;
    esac
    after=$(cpu_ticks "$pid")
    if [ -z "$out" ]; then
        log "$col $key run $run FAILED: $(tr '\r' '\n' <"$raw" | grep -v '^$' | tail -2 | tr '\n' ' ')"
        FAILURES=$((FAILURES + 1))
        return
    fi
    local figure=${out% *} bytes=${out#* }
    local cpu
    cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v b="$bytes" \
        'BEGIN { if (b > 0) printf "%.2f", t / hz / (b / 1073741824); }')
    RESULT["$col,$key"]+="$figure "
    CPU["$col,$key"]+="$cpu "
    log "$col $key run $run: $figure (target CPU ${cpu} s/GiB)"
}

# Checks that a target negotiates the header digest this phase asks for, through the same QEMU driver options the
# measurements use (libiscsi logs the target's answer at debug level).
check_digest() { # column, backend, digest
    local col=$1 backend=$2 digest=$3 hd=None
    [ "$digest" = on ] && hd=CRC32C
    local opts="driver=iscsi,transport=tcp,portal=127.0.0.1:${PORT_OF[$col]},target=${IQN_OF[$col]}"
    opts+=",lun=${LUN_OF[$col,$backend]},header-digest=${hd,,},initiator-name=$INITIATOR"
    local answer
    answer=$(LIBISCSI_DEBUG=10 timeout 30 qemu-img info --image-opts "$opts" 2>&1 \
        | sed -n 's/.*TargetLoginReply: HeaderDigest=\([A-Za-z0-9]*\).*/\1/p' | head -1)
    [ "$answer" = "$hd" ] || die "$col answered HeaderDigest=${answer:-nothing} when $hd was asked for"
}

FAILURES=0
mkdir -p "$WORK/raw"

# ------------------------------------------------------------------------------------------------ back-ends
SIZE_BYTES=$(numfmt --from=iec "$SIZE") || die "bad --size $SIZE"
[ $((SIZE_BYTES % 1048576)) = 0 ] || die "--size must be a whole number of MiB"
has_backend() { [[ ",$BACKENDS," == *",$1,"* ]]; }
DISK="$WORK/disk.img"
if has_backend file; then
    log "creating the file back-end $DISK ($SIZE of random data; both targets use it)"
    dd if=/dev/urandom of="$DISK" bs=1M count=$((SIZE_BYTES / 1048576)) status=none || die "cannot fill $DISK"
fi
if has_backend ram && [ "$ONLY" != blockhouse ]; then
    # tgt has no RAM store: its RAM case is its rdwr store on a tmpfs file, which is served from memory too
    SHM_FILE=$(mktemp /dev/shm/blockhouse-bench.XXXXXX) || die "cannot create a file in /dev/shm"
    dd if=/dev/urandom of="$SHM_FILE" bs=1M count=$((SIZE_BYTES / 1048576)) status=none \
        || die "cannot fill $SHM_FILE"
fi

# ------------------------------------------------------------------------------------------------ tgt
if [ "$ONLY" != blockhouse ]; then
    TGT_PORT=$(free_port)
    start_tgtd "$TGT_PORT"
    tgtadm --lld iscsi --op new --mode target --tid 1 --targetname "$TGT_IQN" || die "tgtadm target"
    # LUN 0 is tgt's controller; the back-ends are LUNs 1-3
    if has_backend file; then
        tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 --bstype rdwr --backing-store "$DISK" || die "tgt file LUN"
        LUN_OF[tgt,file]=1
    fi
    if has_backend ram; then
        tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 2 --bstype rdwr --backing-store "$SHM_FILE" \
            || die "tgt tmpfs LUN"
        LUN_OF[tgt,ram]=2
    fi
    if has_backend null; then
        tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 3 --bstype null --backing-store /dev/null \
            || die "tgt null LUN: this tgtd has no 'null' backing store type"
        LUN_OF[tgt,null]=3
    fi
    tgtadm --lld iscsi --op bind --mode target --tid 1 --initiator-address ALL || die "tgtadm bind"
    PORT_OF[tgt]=$TGT_PORT; IQN_OF[tgt]=$TGT_IQN; PID_OF[tgt]=$TGT_PID
fi

# ------------------------------------------------------------------------------------------------ Blockhouse
if [ "$ONLY" != tgt ]; then
    BH_PORT=$(free_port)
    mkdir -p "$WORK/blockhouse-data"
    devices=() luns=() n=0
    for b in file ram null; do
        has_backend "$b" || continue
        case "$b" in
            file) devices+=("{\"name\": \"bench-file\", \"backend\": \"file\", \"path\": \"$DISK\", \"size\": \"$((SIZE_BYTES / 1048576))M\", \"blockSize\": $BLOCK_SIZE, \"writeThrough\": false, \"directIo\": false}") ;;
            ram) devices+=("{\"name\": \"bench-ram\", \"backend\": \"ram\", \"size\": \"$((SIZE_BYTES / 1048576))M\", \"blockSize\": $BLOCK_SIZE}") ;;
            null) devices+=("{\"name\": \"bench-null\", \"backend\": \"null\", \"size\": \"$((SIZE_BYTES / 1048576))M\", \"blockSize\": $BLOCK_SIZE}") ;;
        esac
        luns+=("{\"lun\": $n, \"device\": \"bench-$b\"}")
        LUN_OF[blockhouse,$b]=$n
        n=$((n + 1))
    done
    join() { local IFS=,; echo "$*"; }
    cat >"$WORK/blockhouse.json" <<JSON
{
  "iscsi": {"queueDepth": 128, "maxRecvDataSegmentLength": 262144, "maxBurstLength": 1048576,
            "firstBurstLength": 262144, "immediateData": true, "initialR2T": false,
            "headerDigest": true, "dataDigest": true},
  "listen": ["127.0.0.1:$BH_PORT"],
  "devices": [$(join "${devices[@]}")],
  "targets": [{"name": "$BH_IQN", "enabled": true, "luns": [$(join "${luns[@]}")]}]
}
JSON
    jvm_opts=()
    [ -n "${JAVA_OPTS:-}" ] && read -r -a jvm_opts <<<"$JAVA_OPTS"
    [ -n "$JFR" ] && jvm_opts+=("-XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true")
    log "starting Blockhouse on 127.0.0.1:$BH_PORT ($JAR)"
    java "${jvm_opts[@]}" -jar "$JAR" --config "$WORK/blockhouse.json" --data-dir "$WORK/blockhouse-data" \
        --listen "127.0.0.1:$BH_PORT" >"$WORK/blockhouse.log" 2>&1 &
    BH_PID=$!
    wait_port "$BH_PORT" 60 "$BH_PID" || die "Blockhouse did not start: $(tail -20 "$WORK/blockhouse.log")"
    PORT_OF[blockhouse]=$BH_PORT; IQN_OF[blockhouse]=$BH_IQN; PID_OF[blockhouse]=$BH_PID
fi

# ------------------------------------------------------------------------------------------------ the suite
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START_TIME=$(date -u +%FT%TZ)
# Uncounted warm-up: every test on every back-end and column, digests off, with the measured request counts, at
# least WARMUP_MIN runs and then until two runs in a row agree within 5% (at most WARMUP_MAX runs), in a subshell so
# that nothing is recorded. A JVM runs its first commands interpreted and compiles its hot paths while they run; on
# 2 busy CPUs 4 KiB writes to a file climb for a few hundred thousand commands before they reach their steady rate,
# and without this the first runs of each test measured the compiler. tgt is C and settles at once, but gets the
# same pass.
WARMUP_MIN=3
WARMUP_MAX=8
warm_until_steady() { # column, backend, test
    local col=$1 backend=$2 test=$3 prev="" cur n
    for n in $(seq "$WARMUP_MAX"); do
        run_one "$col" "$backend" off "$test" "warmup$n"
        cur=$(awk '{ print $NF }' <<<"${RESULT["$col,$backend,off,$test"]:-}")
        [ -n "$cur" ] || return 0
        if [ "$n" -ge "$WARMUP_MIN" ] && awk -v a="$prev" -v b="$cur" 'BEGIN { exit !(b > 0.95 * a && b < 1.05 * a) }'; then
            return 0
        fi
        prev=$cur
    done
}
if [ "$WARMUP" = 1 ]; then
    log "warm-up pass (not counted)"
    if [ "$ONLY" != blockhouse ]; then
        tgtadm --lld iscsi --op update --mode target --tid 1 -n HeaderDigest -v None || die "tgtadm digest"
    fi
    (
        for backend in "${BACKEND_LIST[@]}"; do
            [ "$backend" = file ] && cat "$DISK" >/dev/null
            for test in "${TEST_LIST[@]}"; do
                for col in "${COLUMNS_RUN[@]}"; do warm_until_steady "$col" "$backend" "$test"; done
            done
        done
    ) || true
fi

for backend in "${BACKEND_LIST[@]}"; do
    # warm the page cache for the file back-end: this compares target overhead, not the disk
    [ "$backend" = file ] && cat "$DISK" >/dev/null
    for digest in "${DIGEST_LIST[@]}"; do
        if [ "$ONLY" != blockhouse ]; then
            # tgt chooses from its own list rather than the offer's order: set it to exactly what this phase asks for
            tgt_hd=None; [ "$digest" = on ] && tgt_hd=CRC32C
            tgtadm --lld iscsi --op update --mode target --tid 1 -n HeaderDigest -v "$tgt_hd" || die "tgtadm digest"
        fi
        for col in "${COLUMNS_RUN[@]}"; do check_digest "$col" "$backend" "$digest"; done
        for test in "${TEST_LIST[@]}"; do
            for run in $(seq "$RUNS"); do
                # interleaved, so both targets see the same drift in the machine's load
                for col in "${COLUMNS_RUN[@]}"; do run_one "$col" "$backend" "$digest" "$test" "$run"; done
            done
        done
    done
done

IPERF_FIGURE=""
if [ "$IPERF" = 1 ]; then
    IPERF_PORT=$(free_port)
    iperf3 -s -B 127.0.0.1 -p "$IPERF_PORT" >"$WORK/iperf3-server.log" 2>&1 &
    IPERF_PID=$!
    wait_port "$IPERF_PORT" 10 "$IPERF_PID" || die "iperf3 server did not start: $(tail -3 "$WORK/iperf3-server.log")"
    figures=()
    for run in $(seq "$RUNS"); do
        raw="$WORK/raw/iperf3-$run.json"
        timeout $((DURATION + 30)) iperf3 -c 127.0.0.1 -p "$IPERF_PORT" -P 1 -t "$DURATION" --json >"$raw" 2>&1
        f=$(jq -r '.end.sum_received | (.bytes / .seconds / 1048576 * 10 | floor) / 10' "$raw" 2>/dev/null)
        if [ -n "$f" ] && [ "$f" != null ]; then
            figures+=("$f"); log "iperf3 single stream run $run: $f MiB/s"
        else
            log "iperf3 run $run FAILED"; FAILURES=$((FAILURES + 1))
        fi
    done
    IPERF_FIGURE=$(median "${figures[@]}")
    stop_pid "$IPERF_PID" 3; IPERF_PID=""
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------------------------------------ report
label() {
    case "$1" in
        randread4k-qd1) echo "4 KiB random read, QD1 (IOPS)" ;;
        randread4k-qd32) echo "4 KiB random read, QD32 (IOPS)" ;;
        randwrite4k-qd1) echo "4 KiB random write, QD1 (IOPS)" ;;
        randwrite4k-qd32) echo "4 KiB random write, QD32 (IOPS)" ;;
        seqread64k) echo "64 KiB seq. read, QD$DEPTH (MiB/s)" ;;
        seqwrite64k) echo "64 KiB seq. write, QD$DEPTH (MiB/s)" ;;
        seqread1m) echo "1 MiB seq. read, QD$DEPTH (MiB/s)" ;;
        seqwrite1m) echo "1 MiB seq. write, QD$DEPTH (MiB/s)" ;;
    esac
}
# shellcheck disable=SC2086  # the stored lists are space-separated on purpose

echo
echo "Blockhouse vs tgt, $START_TIME; $(nproc) CPUs, load average $LOAD_START at start, $LOAD_END at end"
echo "median of $RUNS run(s), ${DURATION} s each, after $([ "$WARMUP" = 1 ] && echo "uncounted warm-up runs of each test (at least 3, until two agree within 5%)" || echo "no warm-up"); back-ends $SIZE (file: page cache warm; ram: Blockhouse RAM disk vs"
echo "tgt rdwr on tmpfs; null: both null stores); digests on = HeaderDigest CRC32C (no installed initiator can do"
echo "DataDigest); CPU = target process user+system seconds per GiB moved"
echo
echo "| back-end | digests | test | tgt | Blockhouse | BH/tgt | tgt CPU s/GiB | BH CPU s/GiB |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
below=0
for backend in "${BACKEND_LIST[@]}"; do
    for digest in "${DIGEST_LIST[@]}"; do
        for test in "${TEST_LIST[@]}"; do
            key="$backend,$digest,$test"
            t=$(med "${RESULT["tgt,$key"]:-}"); b=$(med "${RESULT["blockhouse,$key"]:-}")
            tc=$(med "${CPU["tgt,$key"]:-}"); bc=$(med "${CPU["blockhouse,$key"]:-}")
            r=$(ratio "$t" "$b")
            need_ratio=1.30; [ "$digest" = on ] && need_ratio=1.00
            mark=""
            if [ "$r" != n/a ] && awk -v r="$r" -v n="$need_ratio" 'BEGIN { exit !(r < n) }'; then
                mark=" (<$need_ratio)"; below=$((below + 1))
            fi
            echo "| $backend | $digest | $(label "$test") | ${t:-n/a} | ${b:-n/a} | $r$mark | ${tc:-n/a} | ${bc:-n/a} |"
        done
    done
done
if [ "$IPERF" = 1 ]; then
    echo
    echo "iperf3 single stream, loopback: ${IPERF_FIGURE:-n/a} MiB/s"
    if [[ " ${TEST_LIST[*]} " == *" seqread1m "* ]] && has_backend ram; then
        b=$(med "${RESULT["blockhouse,ram,off,seqread1m"]:-}")
        [ -z "$b" ] && b=$(med "${RESULT["blockhouse,ram,on,seqread1m"]:-}")
        echo "Blockhouse 1 MiB read from RAM / iperf3: $(ratio "$IPERF_FIGURE" "$b") (goal >= 0.90)"
    fi
fi
echo
echo "figures below the issue 7 goal (1.30 with digests off, 1.00 with digests on): $below"

if [ "$FAILURES" != 0 ]; then
    log "$FAILURES measurement(s) failed; raw output kept in $WORK/raw"
    KEEP=1
    exit 1
fi
exit 0
