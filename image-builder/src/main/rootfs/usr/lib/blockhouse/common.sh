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

# Assembles every software RAID array whose members are present (at boot, before the daemon opens its devices) and
# prints the arrays running afterwards. An array keeps the number in its name whatever host made it: mdadm alone
# would give an array whose superblock names another host (the host name changed, the disks moved) the next free
# number from md127 down, and a device configured as /dev/md0 would then be missing. So the arrays found are listed
# first with the device each name asks for (superblock name "host:0" or "host:md0" -> /dev/md0, "host:data" ->
# /dev/md/data); a second pass auto-assembles whatever that left (e.g. two arrays asking for the same number).
# No arrays is not an error. BLOCKHOUSE_MD_DEVICES (tests) replaces the devices scanned (default: /proc/partitions).
assemble_raid() {
    command -v mdadm >/dev/null 2>&1 || return 0
    mkdir -p "$STATE_DIR"
    devices="$STATE_DIR/mdadm-devices.conf"
    named="$STATE_DIR/mdadm.conf"
    echo "DEVICE ${BLOCKHOUSE_MD_DEVICES:-partitions}" >"$devices"
    {
        cat "$devices"
        mdadm --examine --scan --config="$devices" 2>/dev/null | awk '
            $1 == "ARRAY" {
                uuid = ""; name = ""
                for (i = 2; i <= NF; i++) {
                    if ($i ~ /^UUID=/) uuid = substr($i, 6)
                    if ($i ~ /^name=/) name = substr($i, 6)
                }
                sub(/^.*:/, "", name)
                if (uuid == "" || name == "") next
                if (name ~ /^(md)?[0-9]+$/) { sub(/^md/, "", name); dev = "/dev/md" name } else dev = "/dev/md/" name
                if (dev in used) next
                used[dev] = 1
                print "ARRAY " dev " UUID=" uuid
            }'
    } >"$named"
    mdadm --assemble --scan --config="$named" >/dev/null 2>&1
    mdadm --assemble --scan --homehost=any --config="$devices" >/dev/null 2>&1
    grep '^md' /proc/mdstat 2>/dev/null | cut -d' ' -f1 | tr '\n' ' '
    return 0
}

# Activates every LVM volume group found (on disks or on the arrays assemble_raid brought up), so logical volumes the
# daemon uses as block devices exist before it opens them. There is no udev in the RAM root: LVM makes the device
# nodes itself. Prints the names of the volume groups now active.
activate_lvm() {
    command -v lvm >/dev/null 2>&1 || return 0
    lvm vgchange --activate y --sysinit >/dev/null 2>&1
    lvm vgs --noheadings -o vg_name 2>/dev/null | tr -d ' ' | tr '\n' ' '
}
