#!/usr/bin/env bash
# Runs inside `unshare --pid --mount --uts --ipc --net` (started by lib.sh): mounts what systemd needs under
# ROOT, then becomes the booted server's PID 1. Everything mounted here lives and dies with the namespace.
#   boot.sh ROOT HOSTNAME [SHARED_DIR]   (SHARED_DIR appears as /srv/backup-host: the off-site host)
set -euo pipefail
root=$1 name=$2 shared=${3:-}
mount --make-rprivate /
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t sysfs -o ro sysfs "$root/sys"
mount -t tmpfs -o mode=755 tmpfs "$root/sys/fs/cgroup"
for controller in cpu cpuacct blkio memory devices pids freezer; do
    mkdir -p "$root/sys/fs/cgroup/$controller"
    mount -t cgroup -o "$controller" cgroup "$root/sys/fs/cgroup/$controller"
done
mkdir -p "$root/sys/fs/cgroup/systemd"
mount -t cgroup -o none,name=systemd cgroup "$root/sys/fs/cgroup/systemd"
mount -t tmpfs -o mode=755 tmpfs "$root/run"
if [ -n "$shared" ]; then
    mkdir -p "$root/srv/backup-host"
    mount --bind "$shared" "$root/srv/backup-host"
fi
hostname "$name"
echo "$name" >"$root/etc/hostname"
ip link set lo up
exec chroot "$root" /usr/bin/env container=other /lib/systemd/systemd --system
