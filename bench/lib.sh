# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers shared by the bench/ scripts (sourced, not run): logging, processes, ports, CPU accounting, medians, and a
# private tgtd. A script that sources this file sets WORK (its work directory) before calling start_tgtd.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "missing command '$1' (Debian package: $2)"; }
require_positive() { [[ "$1" =~ ^[1-9][0-9]*$ ]] || die "$2"; } # value, message when it is not a whole number > 0

# The two targets every bench script sets up on the same back-ends.
TGT_IQN=iqn.2026-11.io.blockhouse.bench:tgt
BH_IQN=iqn.2026-11.io.blockhouse.bench:blockhouse

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

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }
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

cpu_ticks() { # utime + stime of a process, all its threads included (fields 14 and 15 of /proc/PID/stat)
    # the command name (field 2) may contain spaces: count fields after its closing parenthesis
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    stat=${stat##*) }
    awk '{ print $12 + $13 }' <<<"$stat"
}

median() { # numbers as arguments; prints the median (mean of the middle two for an even count)
    [ $# -gt 0 ] || { echo ""; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%s", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# b / a with two decimals, "n/a" when either is missing or a is 0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == 0) print "n/a"; else printf "%.2f", b / a }'; }
# the median of a space-separated list given as one argument (empty when the list is)
med() { median ${1:-}; }

# ------------------------------------------------------------------------------------------------ a private tgtd
TGT_PID=""
TGT_CONTROL=""

tgtadm() { command tgtadm -C "$TGT_CONTROL" "$@"; }

start_tgtd() { # iSCSI port; sets TGT_PID and TGT_CONTROL, logs to $WORK/tgtd.log
    local port=$1
    TGT_CONTROL=$((2000 + RANDOM % 18000))   # private control port: never touches another tgtd
    log "starting tgtd on 127.0.0.1:$port (control port $TGT_CONTROL)"
    tgtd -f -C "$TGT_CONTROL" --iscsi "portal=127.0.0.1:$port" >"$WORK/tgtd.log" 2>&1 &
    TGT_PID=$!
    wait_port "$port" 15 "$TGT_PID" || die "tgtd did not start: $(tail -5 "$WORK/tgtd.log")"
}

# tgtd in the foreground does not stop on SIGTERM while it has targets: take it down through its own control port
stop_tgt() {
    [ -n "$TGT_PID" ] || return 0
    if kill -0 "$TGT_PID" 2>/dev/null; then
        tgtadm --op update --mode sys --name State -v offline >/dev/null 2>&1
        tgtadm --lld iscsi --op delete --mode target --tid 1 --force >/dev/null 2>&1
        tgtadm --op delete --mode system >/dev/null 2>&1
    fi
    stop_pid "$TGT_PID" 5
    TGT_PID=""
}
