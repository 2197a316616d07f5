#!/usr/bin/env bash
# Writes the Blockhouse appliance image to a USB stick (or any disk), after checking that the device is a whole,
# unused disk large enough for the image, and after the operator confirms by typing the device's name.
#
#   install-image.sh [--yes] IMAGE DEVICE        e.g. install-image.sh image-builder/target/blockhouse-usb.img /dev/sdb
#
# Refuses: a device that is not a block device, a partition, a disk with a mounted file system or active swap on it
# or one held by md/dm (RAID, LVM), a disk smaller than the image, an image without a partition table. Writes every
# byte of the image (no sparse skipping: stale data must not survive in the stick's free areas), flushes, then reads
# the written range back and compares it with the image. --yes skips the question (scripts).
#
# Copyright (C) 2026 Blockhouse contributors. SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

die() { echo "install-image: $*" >&2; exit 1; }

assume_yes=false
if [ "${1:-}" = --yes ]; then assume_yes=true; shift; fi
[ $# -eq 2 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
image="$1"
device="$2"

[ -f "$image" ] || die "no image file $image"
[ -b "$device" ] || die "$device is not a block device"
name="$(basename "$(readlink -f "$device")")"
sys="/sys/class/block/$name"
[ -d "$sys" ] || die "$device: no $sys"
[ ! -e "$sys/partition" ] || die "$device is a partition: give the whole disk (for example /dev/sdb)"

# Every node of the disk: the disk itself and its partitions, as major:minor.
nodes="$(cat "$sys/dev"; for p in "$sys"/"$name"*/dev; do if [ -e "$p" ]; then cat "$p"; fi; done)"
in_use() {
    local mm
    for mm in $nodes; do
        # mounted (mountinfo field 3 is the device's major:minor)
        awk -v mm="$mm" '$3 == mm { found = 1 } END { exit !found }' /proc/self/mountinfo && return 0
        # held by md or device-mapper
        [ -n "$(ls -A "/sys/dev/block/$mm/holders" 2>/dev/null)" ] && return 0
    done
    # active swap on the disk or one of its partitions (whose sysfs entries sit inside the disk's)
    local s swap
    for s in $(awk 'NR > 1 { print $1 }' /proc/swaps); do
        swap="$(basename "$(readlink -f "$s")")"
        [ "$swap" = "$name" ] || [ -e "$sys/$swap" ] && return 0
    done
    return 1
}
in_use && die "$device is in use (a mounted file system, swap, RAID or LVM on it): nothing written"

image_bytes="$(stat -c %s "$image")"
device_bytes="$(blockdev --getsize64 "$device")"
[ "$device_bytes" -ge "$image_bytes" ] \
    || die "$device holds $device_bytes bytes, the image needs $image_bytes: nothing written"
[ "$(od -An -tx1 -j510 -N2 "$image" | tr -d ' \n')" = 55aa ] \
    || die "$image has no partition table (not a disk image?): nothing written"

echo "Image:  $image ($image_bytes bytes)"
echo "Device: $device ($device_bytes bytes)"
lsblk -o NAME,SIZE,TYPE,TRAN,RM,MODEL,FSTYPE,LABEL "$device" 2>/dev/null || true
if [ "$(cat "$sys/removable" 2>/dev/null || echo 0)" != 1 ] \
        && ! readlink -f "$sys" | grep -q '/usb'; then
    echo "Warning: $device is neither removable nor on USB."
fi
if ! $assume_yes; then
    printf 'Everything on %s will be lost. Type the device name (%s) to write the image: ' "$device" "$device"
    read -r answer || answer=""
    [ "$answer" = "$device" ] || die "not confirmed: nothing written"
fi

dd if="$image" of="$device" bs=4M conv=fsync status=progress
blockdev --flushbufs "$device"
# Read back what was written, past any cache of the device's pages.
echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
cmp -n "$image_bytes" "$image" "$device" || die "read-back of $device differs from the image"
blockdev --rereadpt "$device" 2>/dev/null || true
echo "install-image: $device written and verified ($image_bytes bytes)"
