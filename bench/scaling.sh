#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Session scaling: 4 KiB random reads at queue depth 32 from 1, 4 and 16 sessions at once (one iscsi-perf process
# per session, each its own initiator name), against Blockhouse and Debian's tgt on the same back-end in one run,
# interleaved run by run. Prints the aggregate IOPS of each (median of N runs), the ratio Blockhouse/tgt, the scaling
# factor against one session, and how many cores each target process kept busy. Builds nothing. See
# bench/README.md; results in docs/PERFORMANCE.md.
set -uo pipefail

usage() {
    cat <<USAGE
Usage: $0 [options]
  --jar PATH          Blockhouse daemon jar (default: daemon/target/blockhouse-daemon.jar); the daemon runs through
                      the launcher next to it (blockhouse-daemon), as users run it
  --backend NAME      file (a file of random data, page cache warm; tgt: rdwr) or null (both null stores);
                      default: file
  --size SIZE         size of the file back-end (default: 1G)
  --sessions LIST     comma-separated session counts (default: 1,4,16)
  --depth N           commands in flight per session (default: 32)
  --duration SEC      seconds per measurement (default: 10)
  --runs N            runs per figure; the table shows the median (default: 3)
  --workdir DIR       where to put the back-end file, logs and raw output (default: a fresh mktemp dir)
  --keep              keep the work directory
  -h, --help          this help
Environment: BLOCKHOUSE_JAVA_OPTS is passed to the daemon's JVM (after the launcher's own options).
USAGE
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bench/lib.sh
. "$SCRIPT_DIR/lib.sh"
REPO_DIR=$(dirname "$SCRIPT_DIR")
JAR="$REPO_DIR/daemon/target/blockhouse-daemon.jar"
BACKEND=file
SIZE=1G
SESSIONS=1,4,16
DEPTH=32
DURATION=10
RUNS=3
WORK=""
KEEP=0
BLOCK_SIZE=512

while [ $# -gt 0 ]; do
    case "$1" in
        --jar) JAR=$2; shift 2 ;;
        --backend) BACKEND=$2; shift 2 ;;
        --size) SIZE=$2; shift 2 ;;
        --sessions) SESSIONS=$2; shift 2 ;;
        --depth) DEPTH=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --workdir) WORK=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

case "$BACKEND" in file|null) ;; *) die "--backend takes file or null" ;; esac
require_positive "$DURATION" "--duration must be a positive whole number of seconds"
require_positive "$RUNS" "--runs must be a positive number"
require_positive "$DEPTH" "--depth must be a positive number"
IFS=, read -r -a SESSION_LIST <<<"$SESSIONS"
for n in "${SESSION_LIST[@]}"; do require_positive "$n" "bad session count '$n'"; done
LAUNCHER="$(dirname "$JAR")/blockhouse-daemon"
need iscsi-perf libiscsi-bin
need tgtd tgt
need tgtadm tgt
need ss iproute2
need java openjdk-17-jre-headless
[ -f "$JAR" ] || die "daemon jar $JAR not found: build it first (mvn -o -q package -DskipTests -pl daemon -am)"
[ -x "$LAUNCHER" ] || die "launcher $LAUNCHER not found: it is built with the jar (mvn package)"
CLK_TCK=$(getconf CLK_TCK)

BH_PID=""
PERF_PIDS=()
CREATED_WORK=0
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d /tmp/blockhouse-scaling.XXXXXX) || die "cannot create a work directory"
    CREATED_WORK=1
else
    mkdir -p "$WORK" || die "cannot create $WORK"
fi

cleanup() {
    for pid in "${PERF_PIDS[@]}"; do stop_pid "$pid" 3; done
    stop_tgt
    stop_pid "$BH_PID" 20; BH_PID=""
    if [ "$KEEP" = 1 ] || [ "$CREATED_WORK" = 0 ]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/raw"

# ------------------------------------------------------------------------------------------------ back-end
SIZE_BYTES=$(numfmt --from=iec "$SIZE") || die "bad --size $SIZE"
[ $((SIZE_BYTES % 1048576)) = 0 ] || die "--size must be a whole number of MiB"
DISK="$WORK/disk.img"
if [ "$BACKEND" = file ]; then
    log "creating the file back-end $DISK ($SIZE of random data; both targets use it)"
    dd if=/dev/urandom of="$DISK" bs=1M count=$((SIZE_BYTES / 1048576)) status=none || die "cannot fill $DISK"
fi

# ------------------------------------------------------------------------------------------------ tgt
TGT_PORT=$(free_port)
start_tgtd "$TGT_PORT"
tgtadm --lld iscsi --op new --mode target --tid 1 --targetname "$TGT_IQN" || die "tgtadm target"
# LUN 0 is tgt's controller; the back-end is LUN 1
if [ "$BACKEND" = file ]; then
    tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 --bstype rdwr --backing-store "$DISK" \
        || die "tgt file LUN"
else
    tgtadm --lld iscsi --op new --mode logicalunit --tid 1 --lun 1 --bstype null --backing-store /dev/null \
        || die "tgt null LUN: this tgtd has no 'null' backing store type"
fi
tgtadm --lld iscsi --op bind --mode target --tid 1 --initiator-address ALL || die "tgtadm bind"

# ------------------------------------------------------------------------------------------------ Blockhouse
BH_PORT=$(free_port)
mkdir -p "$WORK/blockhouse-data"
if [ "$BACKEND" = file ]; then
    device="{\"name\": \"bench\", \"backend\": \"file\", \"path\": \"$DISK\", \"size\": \"$((SIZE_BYTES / 1048576))M\", \"blockSize\": $BLOCK_SIZE, \"writeThrough\": false, \"directIo\": false}"
else
    device="{\"name\": \"bench\", \"backend\": \"null\", \"size\": \"$((SIZE_BYTES / 1048576))M\", \"blockSize\": $BLOCK_SIZE}"
fi
cat >"$WORK/blockhouse.json" <<JSON
{
  "iscsi": {"queueDepth": 128, "maxRecvDataSegmentLength": 262144, "immediateData": true, "initialR2T": false},
  "listen": ["127.0.0.1:$BH_PORT"],
  "devices": [$device],
  "targets": [{"name": "$BH_IQN", "enabled": true, "luns": [{"lun": 0, "device": "bench"}]}]
}
JSON
log "starting Blockhouse on 127.0.0.1:$BH_PORT ($LAUNCHER)"
BLOCKHOUSE_JAR="$JAR" "$LAUNCHER" --config "$WORK/blockhouse.json" --data-dir "$WORK/blockhouse-data" \
    --listen "127.0.0.1:$BH_PORT" >"$WORK/blockhouse.log" 2>&1 &
BH_PID=$!
wait_port "$BH_PORT" 60 "$BH_PID" || die "Blockhouse did not start: $(tail -20 "$WORK/blockhouse.log")"

declare -A URL_OF PID_OF RESULT CORES
URL_OF[tgt]="iscsi://127.0.0.1:$TGT_PORT/$TGT_IQN/1"
URL_OF[blockhouse]="iscsi://127.0.0.1:$BH_PORT/$BH_IQN/0"
PID_OF[tgt]=$TGT_PID
PID_OF[blockhouse]=$BH_PID
COLUMNS_RUN=(tgt blockhouse)

# ------------------------------------------------------------------------------------------------ measurement
# iscsi-perf prints a progress line per second ("iops average N") and stops on SIGINT, printing "finished." and
# exiting 0, or 1 when its session failed. Its average includes the login second; every column pays the same.
perf_average() { # raw output file; prints the last average IOPS, nothing when the run failed
    tr '\r' '\n' <"$1" | sed -n 's/.*iops average \([0-9]*\).*/\1/p' | tail -1
}

# Runs n sessions against one column for DURATION seconds. Args: column, sessions, run number (0: a warm-up,
# logged but not counted).
run_one() {
    local col=$1 n=$2 run=$3
    local before after total=0 failed=0 i
    PERF_PIDS=()
    for i in $(seq "$n"); do
        iscsi-perf -i "iqn.2026-11.io.blockhouse.bench:scaling-$i" -m "$DEPTH" -b $((4096 / BLOCK_SIZE)) -r -x 0 \
            "${URL_OF[$col]}" >"$WORK/raw/$col-$n-$run-$i.txt" 2>&1 &
        PERF_PIDS+=($!)
    done
    before=$(cpu_ticks "${PID_OF[$col]}")
    sleep "$DURATION"
    after=$(cpu_ticks "${PID_OF[$col]}")
    for pid in "${PERF_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null; done
    for pid in "${PERF_PIDS[@]}"; do
        if ! wait "$pid"; then failed=$((failed + 1)); fi
    done
    PERF_PIDS=()
    for i in $(seq "$n"); do
        local iops
        iops=$(perf_average "$WORK/raw/$col-$n-$run-$i.txt")
        if [ -z "$iops" ]; then failed=$((failed + 1)); else total=$((total + iops)); fi
    done
    if [ "$failed" -gt 0 ]; then
        log "$col $n session(s) run $run FAILED ($failed of $n iscsi-perf processes): see $WORK/raw/$col-$n-$run-*.txt"
        FAILURES=$((FAILURES + 1))
        return
    fi
    local cores
    cores=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v s="$DURATION" 'BEGIN { printf "%.2f", t / hz / s }')
    if [ "$run" = 0 ]; then
        log "$col warm-up with $n session(s): $total IOPS"
        return
    fi
    RESULT["$col,$n"]+="$total "
    CORES["$col,$n"]+="$cores "
    log "$col $n session(s) run $run: $total IOPS (target busy on $cores cores)"
}

FAILURES=0
[ "$BACKEND" = file ] && cat "$DISK" >/dev/null   # page cache warm: this compares targets, not the disk
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START_TIME=$(date -u +%FT%TZ)
# a JVM serves its first seconds interpreted: both targets get one uncounted run with the most sessions first
for col in "${COLUMNS_RUN[@]}"; do run_one "$col" "${SESSION_LIST[-1]}" 0; done
for n in "${SESSION_LIST[@]}"; do
    for run in $(seq "$RUNS"); do
        # interleaved, so both targets see the same drift in the machine's load
        for col in "${COLUMNS_RUN[@]}"; do run_one "$col" "$n" "$run"; done
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------------------------------------ report
first=${SESSION_LIST[0]}
echo
echo "Session scaling, 4 KiB random reads, depth $DEPTH per session, $BACKEND back-end; median of $RUNS run(s) of ${DURATION} s"
echo "started $START_TIME; load average at start $LOAD_START, at end $LOAD_END; $(nproc) CPUs"
echo
echo "| sessions | tgt IOPS | Blockhouse IOPS | BH/tgt | tgt scaling vs $first | BH scaling vs $first | tgt cores busy | BH cores busy |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
tgt_base=$(med "${RESULT[tgt,$first]:-}")
bh_base=$(med "${RESULT[blockhouse,$first]:-}")
for n in "${SESSION_LIST[@]}"; do
    t=$(med "${RESULT[tgt,$n]:-}")
    b=$(med "${RESULT[blockhouse,$n]:-}")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "${t:-n/a}" "${b:-n/a}" "$(ratio "$t" "$b")" \
        "$(ratio "$tgt_base" "$t")" "$(ratio "$bh_base" "$b")" "$(med "${CORES[tgt,$n]:-}")" \
        "$(med "${CORES[blockhouse,$n]:-}")"
done
[ "$FAILURES" = 0 ] || { log "$FAILURES measurement(s) failed"; exit 1; }
