#!/usr/bin/env bash
# The real-install test (run by .ci/run, as root): a fresh Debian 12 booted with systemd as PID 1 in Linux
# namespaces (server A), deploy/install.sh run on it, deploy/README.md followed as an administrator would —
# admin account, a station replicated from a simulated Pi, jobs through their timers, the site over HTTPS —
# then a recovery drill: backup on A, off-site copy, a second fresh server B installed and restored with
# README section 5, serving what A served. Prints the RTO and the time of each phase.
#
#   deploy/test/real-install.sh            (KEEP=1 leaves the servers running for a look: see the end)
#
# Nothing leaves the namespaces: each server has only its own loopback. The prepared root file system is
# cached in /var/cache/meteo06-debian (deploy/test/rootfs.sh); each server is a fresh copy of it.
set -euo pipefail
TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$TEST_DIR/../.." && pwd)
# shellcheck source=deploy/test/lib.sh
. "$TEST_DIR/lib.sh"
[ "$(id -u)" = 0 ] || fail "run as root: it debootstraps and boots servers in namespaces"

WORK=$(mktemp -d /var/tmp/meteo06-real-install.XXXXXX)
export NPM_CACHE # read by server_create
NPM_CACHE=$(npm config get cache)
INSTALL='cd /root/meteo06 && deploy/install.sh --domain meteo06.fr --email admin@meteo06.fr'
STEPS=/root/meteo06/deploy/test/steps
started=$SECONDS
cleanup() {
    local status=$?
    print_phases
    if [ "${KEEP:-}" = 1 ]; then
        printf '\nKEEP=1: servers left running; enter one with: nsenter -t %s -a -r -w bash\n' "\$(cat $WORK/a/pid)"
        return
    fi
    server_destroy a
    server_destroy b
    rm -rf "$WORK"
    [ $status = 0 ] && printf 'real-install test passed in %ss\n' $((SECONDS - started))
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The repository as the administrator's `git clone` has it: tracked files and new ones not ignored.
clone_repo() {
    mkdir -p "$2"
    git -C "$REPO" ls-files -z --cached --others --exclude-standard |
        rsync -a --from0 --files-from=- "$REPO/" "$2/"
}

# run_job NAME UNIT — starts a job's service as its timer does, then checks that it succeeded.
run_job() {
    local server=$1 unit=$2
    on "$server" systemctl start "$unit.service" ||
        { on "$server" journalctl -u "$unit.service" -n 30 --no-pager; fail "$unit failed"; }
    [ "$(on "$server" systemctl show -p Result --value "$unit.service")" = success ] || fail "$unit: not a success"
    check "$unit ran through systemd ($(on "$server" systemctl show -p NextElapseUSecRealtime --value "${unit}.timer" | cut -c1-20) next)"
}

phase "root file system (cached in /var/cache/meteo06-debian)"
rootfs=$("$TEST_DIR/rootfs.sh")
mkdir -p "$WORK/backup-host"

# ── Server A ─────────────────────────────────────────────────────────────────────────────────────────────
phase "A: fresh server from the root file system, boot"
server_create a "$rootfs"
clone_repo "$REPO" "$WORK/a/root/root/meteo06"
server_boot a "$WORK/backup-host"

phase "A: install.sh (first run)"
on a bash -c "$INSTALL" >"$WORK/a/install-1.log" 2>&1 || { tail -n 40 "$WORK/a/install-1.log"; fail "install.sh failed on A"; }
tail -n 12 "$WORK/a/install-1.log"
sed -n '/^Not running or not done/,/^$/p' "$WORK/a/install-1.log" >"$WORK/a/not-done.txt"
grep -q 'WireGuard.*wg-quick@wg0 did not start' "$WORK/a/not-done.txt" || fail "install.sh's summary does not say WireGuard is down"
grep -q 'SSH hardening: no' "$WORK/a/not-done.txt" || fail "install.sh's summary does not say SSH is not hardened"
check "install.sh finished; its summary lists what could not start (WireGuard: no module here) or be done (SSH keys)"

phase "A: mail settings, test alert, admin account (README section 1)"
on a systemd-run --quiet --unit=outside-world -p WorkingDirectory=/opt/meteo06/app \
    /usr/bin/node --import tsx deploy/test/steps/outside-world.ts
for _ in $(seq 120); do on a test -s /run/outside-world.env && break; sleep 0.5; done
on a bash "$STEPS/site.sh" admin
check "meteo users add works with the installed /etc/meteo06/env"

phase "A: a station replicated from its Pi (README section 3)"
on a bash "$STEPS/station.sh" >"$WORK/a/station.log" 2>&1 || { tail -n 40 "$WORK/a/station.log"; fail "adding the station failed"; }
grep '✓' "$WORK/a/station.log"

phase "A: back office (webcam, partner feed, station photo)"
on a systemd-run --quiet --wait --pipe -p User=meteo06 -p EnvironmentFile=/etc/meteo06/env \
    -p Environment=NODE_ENV=production -p WorkingDirectory=/opt/meteo06/app \
    -E "STATIC_FTP_URL=$(on a sed -n 's/^STATIC_FTP_URL=//p' /run/outside-world.env)" \
    /usr/bin/node --import tsx deploy/test/steps/back-office.ts \
    >"$WORK/a/root/root/webcam-token"
check "webcam, StatIC feed and photo created"

phase "A: jobs through their timers"
for job in aggregates climate partners-static partners-romma webcam-prune; do run_job a "meteo06-$job"; done
on a journalctl -u outside-world --no-pager | grep -q 'ftp: RNTO' || fail "StatIC's FTP server received nothing"
check "the StatIC feed reached its FTP server"

phase "A: the site over HTTPS (nginx, real Host and SNI)"
on a bash "$STEPS/site.sh" publish
on a bash "$STEPS/site.sh" verify

phase "A: install.sh again"
on a bash -c "$INSTALL" >"$WORK/a/install-2.log" 2>&1 || { tail -n 40 "$WORK/a/install-2.log"; fail "second install.sh run failed"; }
grep -q 'nothing changed' "$WORK/a/install-2.log" || { grep 'changed:' "$WORK/a/install-2.log"; fail "the second run changed something"; }
check "second run: nothing changed"

phase "A: encrypted backups to the backup host (README section 5)"
on a bash "$STEPS/recovery.sh" backup | tee "$WORK/a/backup.log" | grep '✓'
# The password manager: outside both servers and outside the backup host.
grep -A 2 'The backup password' "$WORK/a/backup.log" | tail -n 1 | tr -d ' ' >"$WORK/password-manager"
[ -s "$WORK/password-manager" ] || fail "meteo backup init printed no password"
run_job a meteo06-monitor
cp "$WORK/a/root/root/expected.env" "$WORK/expected.env"
server_destroy a
check "server A is gone"

# ── Server B: the recovery drill ─────────────────────────────────────────────────────────────────────────
rto_started=$SECONDS
phase "B: fresh server from the root file system, boot"
server_create b "$rootfs"
clone_repo "$REPO" "$WORK/b/root/root/meteo06"
cp "$WORK/expected.env" "$WORK/b/root/root/expected.env"
server_boot b "$WORK/backup-host"

phase "B: install.sh"
on b bash -c "$INSTALL" >"$WORK/b/install.log" 2>&1 || { tail -n 40 "$WORK/b/install.log"; fail "install.sh failed on B"; }

phase "B: restore (README section 5)"
on b bash "$STEPS/recovery.sh" restore <"$WORK/password-manager" >"$WORK/b/restore.log" 2>&1 ||
    { tail -n 40 "$WORK/b/restore.log"; fail "the restore failed"; }
grep '✓\|restored backup' "$WORK/b/restore.log"

phase "B: the restored site over HTTPS"
on b bash "$STEPS/site.sh" verify
rto=$((SECONDS - rto_started))
phase_end
printf '\nRTO: %d min %02d s from a bare root file system to "restored site answers" (server B)\n\n' $((rto / 60)) $((rto % 60))

phase "B: backups again, monitor (README section 5, step 7)"
run_job b meteo06-backup
on b meteo backup list | tee "$WORK/b/backups.txt"
[ "$(grep -c '^ *[0-9a-f]\{8\} ' "$WORK/b/backups.txt")" -ge 2 ] || fail "B's first snapshot does not follow A's in the repository"
check "B's first backup follows A's in the same repository"
