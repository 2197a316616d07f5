# Shared by the appliance scripts (sourced).
CONFIG_LABEL=BH_CONFIG
LOGS_LABEL=BH_LOGS
STATE_DIR=${BLOCKHOUSE_STATE_DIR:-/run/blockhouse}
# Tests run the scripts on a build host: there messages go to stderr, never to the host's console or kernel log.
HOST_TEST=${BLOCKHOUSE_HOST_TEST:-}

# A line on the console and in the kernel log.
say() {
    if [ -n "$HOST_TEST" ]; then echo "blockhouse: $*" >&2; return 0; fi
    echo "blockhouse: $*" >/dev/console 2>/dev/null
    echo "blockhouse: $*" >/dev/kmsg 2>/dev/null
    return 0
}

# A condition an operator must see: also kept in /run/blockhouse/alerts (shown by the CLI/TUI).
alert() {
    say "ALERT: $*"
    mkdir -p "$STATE_DIR"
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >>"$STATE_DIR/alerts"
}

boot_slot() {
    sed -n 's/.*blockhouse\.slot=\([AB]\).*/\1/p' /proc/cmdline
}

# e2fsck -p repairs what is safe; exit 1 means it did. Anything worse is an alert and a forced repair.
check_config_fs() {
    e2fsck -p "$1" >/dev/null 2>&1
    rc=$?
    case $rc in
        0) ;;
        1) say "config partition: e2fsck repaired it" ;;
        *) alert "config partition: e2fsck -p exit $rc, running e2fsck -y"
           e2fsck -fy "$1" >/dev/null 2>&1 ;;
    esac
}
