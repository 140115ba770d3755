# Helpers of the real-install test (sourced by real-install.sh): fresh Debian 12 servers booted with systemd
# as PID 1 inside Linux namespaces (recipe: shared/reference/debian-server-test.md), and assertions.
# shellcheck shell=bash

# WORK (set by the caller): the run's folder; server NAME lives in $WORK/NAME (root fs, pid, logs).
TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() {
    printf '\nFAILED: %s\n' "$*" >&2
    exit 1
}

# Phase timings, printed at the end (and on failure).
PHASES=()
phase_started=0
phase_name=""
phase() {
    phase_end
    phase_name=$1
    phase_started=$SECONDS
    log "── $phase_name"
}
phase_end() {
    [ -n "$phase_name" ] && PHASES+=("$(printf '%-46s %5ss' "$phase_name" $((SECONDS - phase_started)))")
    phase_name=""
}
print_phases() {
    phase_end
    printf '\nPhase timings:\n'
    printf '  %s\n' "${PHASES[@]}"
}

# server_create NAME ROOTFS_CACHE — a fresh copy of the cached root file system, with the host's Node.js and
# npm (install.sh skips NodeSource when Node >= 20 is present) and an offline npm cache (no network inside).
server_create() {
    local name=$1 cache=$2 root=$WORK/$1/root
    mkdir -p "$WORK/$name"
    cp -a "$cache" "$root"
    cp -a /usr/bin/node "$root/usr/bin/node"
    mkdir -p "$root/usr/lib/node_modules"
    cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$root/usr/lib/node_modules/npm"
    ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
    ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
    mkdir -p "$root/var/cache/npm-offline"
    cp -a "$NPM_CACHE/." "$root/var/cache/npm-offline/"
    chmod -R a+rwX "$root/var/cache/npm-offline"
    mkdir -p "$root/usr/etc"
    printf 'cache=/var/cache/npm-offline\noffline=true\nupdate-notifier=false\nfund=false\naudit=false\n' >"$root/usr/etc/npmrc"
}

# server_boot NAME [SHARED_DIR] — boots systemd as PID 1 in new namespaces; waits until it is up.
server_boot() {
    local name=$1 shared=${2:-} root=$WORK/$1/root launcher pid="" state=""
    setsid unshare --fork --pid --mount --uts --ipc --net \
        "$TEST_DIR/boot.sh" "$root" "$name" "$shared" >"$WORK/$name/boot.log" 2>&1 </dev/null &
    launcher=$!
    for _ in $(seq 100); do
        pid=$(awk '{print $1}' "/proc/$launcher/task/$launcher/children" 2>/dev/null)
        [ -n "$pid" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$root/usr/lib/systemd/systemd" ] && break
        pid=""
        sleep 0.2
    done
    [ -n "$pid" ] || fail "server $name did not boot: $(tail -n 5 "$WORK/$name/boot.log")"
    echo "$pid" >"$WORK/$name/pid"
    for _ in $(seq 300); do
        state=$(on "$name" systemctl is-system-running 2>/dev/null || true)
        case $state in running | degraded) break ;; esac
        sleep 0.5
    done
    case $state in running | degraded) ;; *) fail "server $name: systemd is '$state' after 150 s" ;; esac
    log "server $name booted (systemd pid $pid on the host, $state)"
}

# on NAME COMMAND… — runs a command on the server, as root, in all its namespaces (like an SSH session).
on() {
    local name=$1
    shift
    nsenter -t "$(cat "$WORK/$name/pid")" -a -r -w env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb "$@"
}

# server_destroy NAME — stops the server (killing PID 1 ends its namespace: processes and mounts), deletes it.
server_destroy() {
    local name=$1 pid
    [ -d "$WORK/$name" ] || return 0
    pid=$(cat "$WORK/$name/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    # Nothing is mounted on the host's side; refuse to delete if something still is.
    if grep -q " $WORK/$name/" /proc/self/mounts; then
        printf 'warning: mounts left under %s, not deleted\n' "$WORK/$name" >&2
        return 0
    fi
    rm -rf "${WORK:?}/$name"
}

# Assertions — each prints what it checked.
check() {
    printf '  ✓ %s\n' "$1"
}
