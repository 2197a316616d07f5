#!/usr/bin/env bash
# Builds the Blockhouse appliance USB image: image-builder/target/blockhouse-usb.img
#
#   build-image.sh [--daemon-jar JAR] [--tui-jar JAR] [--out DIR] [--cache DIR] [--require-tools=false]
#   build-image.sh --relock      rewrite packages.lock from the versions apt knows today
#
# No root and no mounts: packages come from `apt-get download` (pinned versions, SHA256 checked against
# packages.lock), are unpacked with `dpkg -x`, the initramfs is written by cpio, the FAT boot partition by
# mkfs.vfat --offset + mtools, the ext4 partitions by mke2fs -d -E offset. Every timestamp is SOURCE_DATE_EPOCH
# and every identifier (volume ids, UUIDs, hash seeds, disk id) is fixed, so the same inputs give the same bytes.
#
# Copyright (C) 2026 Blockhouse contributors. SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
MAIN="$(cd "$HERE/.." && pwd)"                       # image-builder/src/main
MODULE_DIR="$(cd "$MAIN/../.." && pwd)"              # image-builder/
REPO="$(cd "$MODULE_DIR/.." && pwd)"

OUT="$MODULE_DIR/target"
CACHE="${BLOCKHOUSE_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/blockhouse-image}"
DAEMON_JAR="$REPO/daemon/target/blockhouse-daemon.jar"
TUI_JAR="$REPO/tui/target/blockhouse-tui.jar"
RELOCK=false
# --require-tools=false (what a plain `mvn verify` passes): on a host without the image tools, say so and build
# nothing instead of failing, unless BLOCKHOUSE_REQUIRE_EXTERNAL=true (CI) makes every missing tool an error.
REQUIRE_TOOLS=true

while [ $# -gt 0 ]; do
    case "$1" in
        --daemon-jar) DAEMON_JAR="$2"; shift 2 ;;
        --tui-jar) TUI_JAR="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --cache) CACHE="$2"; shift 2 ;;
        --relock) RELOCK=true; shift ;;
        --require-tools=*) REQUIRE_TOOLS="${1#*=}"; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "build-image: unknown option $1" >&2; exit 2 ;;
    esac
done

LOCK="$MAIN/image/packages.lock"
PACKAGES="$MAIN/image/packages.list"
MODULES="$MAIN/image/modules.list"
USERLAND="$MAIN/image/userland.list"
# jdk.crypto.ec: EC keys and ECDHE for the management API's TLS listener (SunEC lives outside java.base in 17).
JAVA_MODULES="java.base,java.desktop,java.logging,java.management,java.naming,java.xml,jdk.crypto.ec,jdk.unsupported"

# Partition layout (MiB). The boot partition holds two slots (A, B) of kernel + initramfs.
BOOT_START_MIB=1
BOOT_MIB=384
CONFIG_MIB=64
LOGS_MIB=192
DISK_ID=0xb10c4005
BOOT_VOLUME_ID=B10C0001
CONFIG_UUID=b10c4005-c0f1-4a00-8000-000000000001
LOGS_UUID=b10c4005-1095-4a00-8000-000000000002

STEP=0
STEPS=10
started=$(date +%s)
progress() {
    STEP=$((STEP + 1))
    printf '[image %2d/%d %4ds] %s\n' "$STEP" "$STEPS" "$(( $(date +%s) - started ))" "$*"
}
die() { echo "build-image: error: $*" >&2; exit 1; }

need_tools() {
    local missing=()
    for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
    [ -f /usr/lib/syslinux/mbr/mbr.bin ] || missing+=("/usr/lib/syslinux/mbr/mbr.bin (syslinux-common)")
    [ -d /usr/lib/grub/x86_64-efi ] || missing+=("/usr/lib/grub/x86_64-efi (grub-efi-amd64-bin)")
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$REQUIRE_TOOLS" = false ] && [ "${BLOCKHOUSE_REQUIRE_EXTERNAL:-}" != true ]; then
        echo "build-image: skipped, this host lacks: ${missing[*]} (see docs/APPLIANCE.md, 'Build requirements')" >&2
        rm -f "$OUT/blockhouse-usb.img"
        exit 0
    fi
    die "missing host tools: ${missing[*]} (see docs/APPLIANCE.md, 'Build requirements')"
}

# ---------------------------------------------------------------------------------------------------------------
# Pinned inputs
# ---------------------------------------------------------------------------------------------------------------

# packages.list: one Debian package name per line. packages.lock: "name version sha256" (what --relock writes).
relock() {
    need_tools apt-cache
    local tmp
    tmp="$(mktemp)"
    {
        echo "# Pinned Debian packages of the appliance image: name version sha256 (written by build-image.sh --relock)"
        grep -vE '^\s*(#|$)' "$PACKAGES" | while read -r pkg; do
            local show version sha
            show="$(apt-cache show --no-all-versions "$pkg")" || die "apt does not know package $pkg"
            version="$(awk '/^Version:/ {print $2; exit}' <<<"$show")"
            sha="$(awk '/^SHA256:/ {print $2; exit}' <<<"$show")"
            [ -n "$version" ] && [ -n "$sha" ] || die "no version/SHA256 for $pkg"
            echo "$pkg $version $sha"
        done
    } >"$tmp"
    mv "$tmp" "$LOCK"
    echo "build-image: wrote $LOCK ($(grep -vc '^#' "$LOCK") packages)"
}

# Downloads every locked package into the cache (once) and checks its SHA256; a mismatch is fatal.
fetch_packages() {
    mkdir -p "$CACHE/debs"
    local pkg version sha file count=0 fetched=0
    while read -r pkg version sha; do
        case "$pkg" in ''|'#'*) continue ;; esac
        count=$((count + 1))
        file="$CACHE/debs/${pkg}_${version//:/%3a}_amd64.deb"
        if [ ! -f "$file" ] || ! echo "$sha  $file" | sha256sum --quiet -c - >/dev/null 2>&1; then
            local dl
            dl="$(mktemp -d "$CACHE/dl.XXXXXX")"
            (cd "$dl" && apt-get download -q "$pkg=$version" >/dev/null 2>"$dl/.err") \
                || { cat "$dl/.err" >&2; rm -rf "$dl"; die "cannot download $pkg=$version (is it still in the mirror? see docs/APPLIANCE.md)"; }
            mv "$dl"/*.deb "$file"
            rm -rf "$dl"
            fetched=$((fetched + 1))
        fi
        echo "$sha  $file" | sha256sum --quiet -c - || { rm -f "$file"; die "SHA256 mismatch for $pkg=$version"; }
        echo "$file" >>"$WORK/debs.txt"
    done <"$LOCK"
    echo "    $count packages verified ($fetched downloaded, $((count - fetched)) from $CACHE/debs)"
}

extract_packages() {
    mkdir -p "$PKGROOT"
    while read -r deb; do dpkg-deb -x "$deb" "$PKGROOT"; done <"$WORK/debs.txt"
}

# ---------------------------------------------------------------------------------------------------------------
# Root file system (becomes the initramfs; the kernel unpacks it into a tmpfs)
# ---------------------------------------------------------------------------------------------------------------

# Merged /usr: everything lives under /usr, the classic top-level directories are links to it.
init_rootfs() {
    mkdir -p "$ROOTFS"/usr/{bin,sbin,lib/x86_64-linux-gnu,lib64} \
             "$ROOTFS"/{dev,proc,sys,run,tmp,etc,root,var/lib/blockhouse,var/log,mnt/config,mnt/logs,opt/blockhouse}
    ln -s usr/bin "$ROOTFS/bin"
    ln -s usr/sbin "$ROOTFS/sbin"
    ln -s usr/lib "$ROOTFS/lib"
    ln -s usr/lib64 "$ROOTFS/lib64"
    chmod 1777 "$ROOTFS/tmp"
    # The kernel runs /init: busybox init, configured by /etc/inittab.
    ln -s usr/bin/busybox "$ROOTFS/init"
}

# Maps a path inside a Debian package to its place in the merged-/usr root.
usr_path() {
    case "$1" in
        bin/*|sbin/*|lib/*|lib64/*) echo "usr/$1" ;;
        *) echo "$1" ;;
    esac
}

# userland.list: package-relative paths (globs allowed) of the programs the appliance ships.
install_userland() {
    local pattern path dest n=0
    while read -r pattern; do
        case "$pattern" in ''|'#'*) continue ;; esac
        local matched=false
        for path in $(cd "$PKGROOT" && compgen -G "$pattern" || true); do
            matched=true
            dest="$ROOTFS/$(usr_path "$path")"
            mkdir -p "$(dirname "$dest")"
            if [ -L "$PKGROOT/$path" ]; then
                ln -sfn "$(readlink "$PKGROOT/$path")" "$dest"
            elif [ -f "$PKGROOT/$path" ]; then
                cp "$PKGROOT/$path" "$dest"
            fi
            n=$((n + 1))
        done
        $matched || die "userland.list: nothing matches $pattern"
    done <"$USERLAND"
    # mke2fs reads its defaults from /etc/mke2fs.conf.
    cp "$PKGROOT/etc/mke2fs.conf" "$ROOTFS/etc/mke2fs.conf"
    echo "    $n programs"
}

# busybox provides the shell and the small tools; a real program of the same name wins.
install_busybox() {
    cp "$PKGROOT/bin/busybox" "$ROOTFS/usr/bin/busybox"
    local applet dest n=0
    for applet in $("$ROOTFS/usr/bin/busybox" --list-full); do
        dest="$ROOTFS/$(usr_path "$applet")"
        [ -e "$dest" ] || [ -L "$dest" ] && continue
        mkdir -p "$(dirname "$dest")"
        ln -s /usr/bin/busybox "$dest"
        n=$((n + 1))
    done
    echo "    busybox with $n applets"
}

# Copies every shared library the ELF files of the root need (transitively), from the unpacked packages only:
# the host's libraries never leak into the image.
install_libraries() {
    local libdirs=("$PKGROOT/lib/x86_64-linux-gnu" "$PKGROOT/usr/lib/x86_64-linux-gnu")
    local dest="$ROOTFS/usr/lib/x86_64-linux-gnu"
    cp -L "$PKGROOT/lib64/ld-linux-x86-64.so.2" "$ROOTFS/usr/lib64/ld-linux-x86-64.so.2"
    # Native libraries inside the jars (Netty's epoll transport, which the API socket needs) are unpacked to /tmp
    # by the JVM at run time: their dependencies (libdl, librt) must be in the image too.
    local natives="$WORK/jar-natives"
    mkdir -p "$natives"
    local jar
    for jar in "$ROOTFS"/opt/blockhouse/lib/*.jar; do
        unzip -q -o -d "$natives/$(basename "$jar")" "$jar" 'META-INF/native/*.so' 2>/dev/null || true
    done
    local pending=1 copied=0
    while [ "$pending" -gt 0 ]; do
        pending=0
        local needed
        needed="$(find "$ROOTFS" "$natives" -type f -print0 | xargs -0 -r file -N -F '|' | awk -F'|' '/ELF/ {print $1}' \
            | xargs -r -d '\n' readelf -d 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort -u)"
        local soname
        for soname in $needed; do
            [ -e "$dest/$soname" ] && continue
            # Provided by the Java runtime itself (found through its RUNPATH $ORIGIN).
            [ -n "$(find "$ROOTFS/opt" -name "$soname" -print -quit)" ] && continue
            local found=""
            for d in "${libdirs[@]}"; do
                if [ -e "$d/$soname" ]; then found="$d/$soname"; break; fi
            done
            [ -n "$found" ] || die "no package in packages.list provides $soname (needed by the image)"
            cp -L "$found" "$dest/$soname"
            pending=$((pending + 1))
            copied=$((copied + 1))
        done
    done
    echo "    $copied shared libraries"
}

# Kernel modules: modules.list names modules (or directories of them); modprobe --show-depends resolves what
# each needs (and its soft dependencies) against a depmod of the whole kernel package.
install_kernel() {
    KVER="$(ls "$PKGROOT/lib/modules")"
    [ "$(echo "$KVER" | wc -l)" -eq 1 ] || die "expected exactly one kernel in packages.lock, found: $KVER"
    cp "$PKGROOT/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
    depmod -b "$PKGROOT" "$KVER"
    local src="$PKGROOT/lib/modules/$KVER" dst="$ROOTFS/usr/lib/modules/$KVER"
    mkdir -p "$dst"
    local entry names=()
    while read -r entry; do
        case "$entry" in ''|'#'*) continue ;; esac
        if [ "${entry%/}" != "$entry" ]; then
            [ -d "$src/$entry" ] || die "modules.list: no directory $entry in kernel $KVER"
            while read -r ko; do names+=("$(basename "$ko" .ko)"); done < <(find "$src/$entry" -name '*.ko' | sort)
        else
            names+=("$entry")
        fi
    done <"$MODULES"
    local name line n=0
    for name in "${names[@]}"; do
        local deps
        deps="$(modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$name" 2>&1)" \
            || die "modules.list: kernel $KVER has no module $name ($deps)"
        while read -r line; do
            case "$line" in
                insmod\ *)
                    local ko="${line#insmod }"; ko="${ko%% *}"
                    local rel="${ko#"$src"/}"
                    if [ ! -e "$dst/$rel" ]; then
                        mkdir -p "$(dirname "$dst/$rel")"
                        cp "$src/$rel" "$dst/$rel"
                        n=$((n + 1))
                    fi ;;
            esac
        done <<<"$deps"
    done
    cp "$src"/modules.builtin "$src"/modules.builtin.modinfo "$src"/modules.order "$dst/"
    depmod -b "$ROOTFS" "$KVER"
    echo "    kernel $KVER, $n modules ($(du -sh "$dst" | cut -f1))"
}

# A jlink-ed runtime with only the modules the daemon and the console use (java.desktop: Lanterna parses its
# theme colours with java.awt.Color); cached by JDK version and module list.
install_java() {
    local jdk_version key
    jdk_version="$(java -version 2>&1 | head -1)"
    key="$(echo "$jdk_version $JAVA_MODULES" | sha256sum | cut -c1-16)"
    local jre="$CACHE/jre-$key"
    if [ ! -x "$jre/bin/java" ]; then
        rm -rf "$jre.tmp"
        jlink --add-modules "$JAVA_MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
            --output "$jre.tmp"
        # The console runs headless (no X11, no sound, no fonts): only libawt and libawt_headless are loaded, for
        # java.awt.Color. The rest would drag X11, ALSA, freetype, lcms and jpeg libraries into the image.
        (cd "$jre.tmp/lib" && rm -f libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so \
            liblcms.so libjavajpeg.so libmlib_image.so psfont*.properties*)
        mv "$jre.tmp" "$jre"
    fi
    cp -a "$jre" "$ROOTFS/opt/blockhouse/jre"
    mkdir -p "$ROOTFS/opt/blockhouse/lib"
    cp "$DAEMON_JAR" "$ROOTFS/opt/blockhouse/lib/blockhouse-daemon.jar"
    cp "$TUI_JAR" "$ROOTFS/opt/blockhouse/lib/blockhouse-tui.jar"
    echo "    runtime $(du -sh "$ROOTFS/opt/blockhouse/jre" | cut -f1) ($jdk_version), daemon $(du -h "$DAEMON_JAR" | cut -f1), console $(du -h "$TUI_JAR" | cut -f1)"
}

install_overlay() {
    cp -a "$MAIN/rootfs/." "$ROOTFS/"
    echo "$IMAGE_VERSION" >"$ROOTFS/etc/blockhouse-release"
}

# Fixed timestamps, owner root, sorted names: the archive depends only on the files' contents.
write_initramfs() {
    find "$ROOTFS" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    (cd "$ROOTFS" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort \
        | cpio --quiet -o -H newc -R 0:0 --reproducible) >"$WORK/initrd.cpio"
    zstd -q -T1 -12 -f "$WORK/initrd.cpio" -o "$WORK/initrd.img"
    echo "    initramfs $(du -h "$WORK/initrd.cpio" | cut -f1) unpacked, $(du -h "$WORK/initrd.img" | cut -f1) zstd"
}

# ---------------------------------------------------------------------------------------------------------------
# Disk image
# ---------------------------------------------------------------------------------------------------------------

# Sets the ctime of every file mke2fs -d copied from DIR into the ext4 file system at OFFSET to SOURCE_DATE_EPOCH.
fix_ctimes() {
    local img="$1" offset="$2" dir="$3" cmds="$WORK/debugfs.cmds"
    (cd "$dir" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort) \
        | sed "s|^\(.*\)$|set_inode_field /\1 ctime @$SOURCE_DATE_EPOCH|" >"$cmds"
    E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH" debugfs -w -f "$cmds" "$img?offset=$offset" >/dev/null 2>&1 \
        || die "debugfs could not set the ctimes"
}

write_disk() {
    local img="$WORK/disk.img"
    local mib=$((1024 * 1024))
    local boot_start=$((BOOT_START_MIB * mib))
    local config_start=$((boot_start + BOOT_MIB * mib))
    local logs_start=$((config_start + CONFIG_MIB * mib))
    local total=$((logs_start + LOGS_MIB * mib))
    rm -f "$img"
    truncate -s "$total" "$img"
    sfdisk --quiet --no-reread --no-tell-kernel "$img" <<EOF
label: dos
label-id: $DISK_ID
unit: sectors

start=$((boot_start / 512)), size=$((BOOT_MIB * mib / 512)), type=c, bootable
start=$((config_start / 512)), size=$((CONFIG_MIB * mib / 512)), type=83
start=$((logs_start / 512)), size=$((LOGS_MIB * mib / 512)), type=83
EOF

    # Boot partition: FAT32, two slots, syslinux (BIOS) and GRUB (UEFI).
    # mkfs.vfat stamps the volume label entry with the current time: freeze the clock for it.
    faketime "@$SOURCE_DATE_EPOCH" mkfs.vfat -F 32 -n BH_BOOT -i "$BOOT_VOLUME_ID" --offset=$((boot_start / 512)) "$img" $((BOOT_MIB * 1024)) >/dev/null 2>&1 \
        || die "mkfs.vfat failed"
    local fat="$img@@$boot_start"
    export MTOOLS_SKIP_CHECK=1
    local stage="$WORK/boot"
    mkdir -p "$stage/boot/A" "$stage/boot/B" "$stage/boot/syslinux" "$stage/EFI/BOOT"
    for slot in A B; do
        cp "$WORK/vmlinuz" "$stage/boot/$slot/vmlinuz"
        cp "$WORK/initrd.img" "$stage/boot/$slot/initrd.img"
        echo "$IMAGE_VERSION" >"$stage/boot/$slot/version"
    done
    sed "s/@KERNEL_ARGS@/$KERNEL_ARGS/g" "$MAIN/boot/syslinux.cfg" >"$stage/boot/syslinux/syslinux.cfg"
    sed "s/@KERNEL_ARGS@/$KERNEL_ARGS/g" "$MAIN/boot/grub.cfg" >"$stage/EFI/BOOT/grub.cfg"
    grub-mkimage -O x86_64-efi -p /EFI/BOOT -o "$stage/EFI/BOOT/BOOTX64.EFI" \
        part_msdos fat normal linux configfile echo test serial terminal efi_gop all_video search search_label \
        boot sleep
    find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    (cd "$stage" && mcopy -s -m -Q -i "$fat" boot EFI ::/)
    # syslinux writes ldlinux.sys through mtools with the current time: freeze the clock for it.
    faketime "@$SOURCE_DATE_EPOCH" syslinux --install --offset "$boot_start" --directory /boot/syslinux "$img"
    dd if="$SYSLINUX_MBR" of="$img" bs=440 count=1 conv=notrunc status=none

    # Config and logs partitions: ext4 found by label; the config partition starts with an empty generation store.
    local cfg="$WORK/config-fs" logs="$WORK/logs-fs"
    mkdir -p "$cfg/generations" "$logs/archive"
    cp "$MAIN/image/config-partition-README" "$cfg/README"
    cp "$MAIN/image/logs-partition-README" "$logs/README"
    find "$cfg" "$logs" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH" mke2fs -q -F -t ext4 -L BH_CONFIG -U "$CONFIG_UUID" \
        -E "offset=$config_start,hash_seed=$CONFIG_UUID,nodiscard,root_owner=0:0" -d "$cfg" "$img" "$((CONFIG_MIB * 1024))k"
    E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH" mke2fs -q -F -t ext4 -L BH_LOGS -U "$LOGS_UUID" \
        -E "offset=$logs_start,hash_seed=$LOGS_UUID,nodiscard,root_owner=0:0" -d "$logs" "$img" "$((LOGS_MIB * 1024))k"
    # mke2fs -d copies each source file's ctime, which no tool can set on the host: set it in the image instead.
    fix_ctimes "$img" "$config_start" "$cfg"
    fix_ctimes "$img" "$logs_start" "$logs"
    e2fsck -fn "$img?offset=$config_start" >/dev/null 2>&1 || die "config partition does not check clean"
    e2fsck -fn "$img?offset=$logs_start" >/dev/null 2>&1 || die "logs partition does not check clean"

    mv "$img" "$OUT/blockhouse-usb.img"
    {
        echo "version=$IMAGE_VERSION"
        echo "kernel=$KVER"
        echo "boot.offset=$boot_start"
        echo "config.offset=$config_start"
        echo "logs.offset=$logs_start"
        echo "size=$total"
    } >"$OUT/blockhouse-usb.properties"
}

# ---------------------------------------------------------------------------------------------------------------

main() {
    if $RELOCK; then relock; exit 0; fi
    need_tools apt-get dpkg-deb sha256sum depmod modprobe readelf file cpio zstd jlink java unzip sfdisk mkfs.vfat \
        mcopy syslinux grub-mkimage mke2fs e2fsck debugfs faketime truncate
    SYSLINUX_MBR=/usr/lib/syslinux/mbr/mbr.bin
    [ -f "$DAEMON_JAR" ] || die "no daemon jar at $DAEMON_JAR: build it first (mvn -Pimage package does)"
    [ -f "$TUI_JAR" ] || die "no console jar at $TUI_JAR: build it first (mvn -Pimage package does)"
    [ -f "$LOCK" ] || die "no $LOCK: run build-image.sh --relock"

    if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
        SOURCE_DATE_EPOCH="$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || echo 0)"
    fi
    export SOURCE_DATE_EPOCH
    IMAGE_VERSION="$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)"
    # no_timer_check: the kernel's IO-APIC timer self-test fails when a hypervisor (or qemu's TCG on a busy host)
    # delays the first timer ticks, and the boot then panics; the appliance runs in VMs too.
    KERNEL_ARGS="console=tty0 console=ttyS0,115200 panic=10 no_timer_check"

    mkdir -p "$OUT"
    OUT="$(cd "$OUT" && pwd)"   # absolute: later steps run in other directories
    WORK="$OUT/image-work"
    rm -rf "$WORK"
    mkdir -p "$WORK"
    PKGROOT="$WORK/packages"
    ROOTFS="$WORK/rootfs"

    progress "fetching pinned packages ($(grep -vc '^#' "$LOCK") in packages.lock)"
    fetch_packages
    progress "unpacking packages"
    extract_packages
    init_rootfs
    progress "selecting kernel modules"
    install_kernel
    progress "installing userland"
    install_userland
    install_busybox
    progress "installing Java runtime, daemon and console"
    install_java
    progress "installing appliance scripts"
    install_overlay
    progress "resolving shared libraries"
    install_libraries
    progress "writing initramfs"
    write_initramfs
    progress "writing disk image (FAT32 boot A/B, ext4 BH_CONFIG, ext4 BH_LOGS)"
    write_disk
    progress "done: $OUT/blockhouse-usb.img ($(du -h --apparent-size "$OUT/blockhouse-usb.img" | cut -f1), sha256 $(sha256sum "$OUT/blockhouse-usb.img" | cut -c1-16))"
    rm -rf "$WORK"
}

main
