#!/usr/bin/env bash
# Prints the path of a prepared Debian 12 root file system for the real-install test, building it when the
# cache has none for the current package list: debootstrap from the machine's own Debian mirror, then every
# package of deploy/packages installed in a chroot where no service may start (policy-rc.d).
# The cache (/var/cache/meteo06-debian/<key>) is keyed on deploy/packages and this script; delete the folder
# to rebuild from nothing. Runs are given a copy, never the cache itself.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deploy=$(dirname "$here")
CACHE_ROOT=${METEO06_ROOTFS_CACHE:-/var/cache/meteo06-debian}
INCLUDES=systemd,systemd-sysv,dbus,ca-certificates,git,curl,sudo,iproute2,procps

key=$(cat "$deploy/packages" "$here/rootfs.sh" | sha256sum | cut -c1-16)
cache=$CACHE_ROOT/$key
if [ -f "$cache/.complete" ]; then
    echo "$cache"
    exit 0
fi

log() { printf '  [rootfs] %s\n' "$*" >&2; }
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources | head -n 1)
[ -n "$mirror" ] || { echo "error: no URIs: line in /etc/apt/sources.list.d/debian.sources" >&2; exit 1; }
command -v debootstrap >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
}

build=$cache.building
rm -rf "$build"
mkdir -p "$CACHE_ROOT"
unmount_build() {
    local mount
    for mount in sys dev/pts dev proc; do umount -l "$build/$mount" 2>/dev/null || true; done
}
trap unmount_build EXIT

log "debootstrap bookworm from $mirror"
debootstrap --include="$INCLUDES" bookworm "$build" "$mirror" >"$CACHE_ROOT/debootstrap.log" 2>&1 ||
    { tail -n 20 "$CACHE_ROOT/debootstrap.log" >&2; exit 1; }
cp /etc/apt/sources.list.d/debian.sources "$build/etc/apt/sources.list.d/"
rm -f "$build/etc/apt/sources.list"
cp /etc/resolv.conf "$build/etc/resolv.conf"
mount -t proc proc "$build/proc"
mount --rbind /dev "$build/dev"
mount --rbind /sys "$build/sys"
printf '#!/bin/sh\nexit 101\n' >"$build/usr/sbin/policy-rc.d"
chmod 755 "$build/usr/sbin/policy-rc.d"

mapfile -t packages < <(sed 's/#.*//' "$deploy/packages" | xargs -n 1)
log "apt-get install ${#packages[@]} packages"
chroot "$build" apt-get update -qq
chroot "$build" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >"$CACHE_ROOT/apt.log" 2>&1 || { tail -n 20 "$CACHE_ROOT/apt.log" >&2; exit 1; }
chroot "$build" apt-get clean
rm -f "$build/usr/sbin/policy-rc.d"
unmount_build
trap - EXIT
# A booted copy is a new machine: its own id, created at first boot.
: >"$build/etc/machine-id"
touch "$build/.complete"
rm -rf "$cache"
mv "$build" "$cache"
log "cached in $cache"
echo "$cache"
