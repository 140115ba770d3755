#!/usr/bin/env bash
# The recovery drill, step by step as deploy/README.md section 5 tells the administrator. The backup host
# is a folder both servers share (/srv/backup-host, bound by the test): restic's repository lives there,
# encrypted on the server before it is written.
#   recovery.sh backup    (server A) "Setting up the backups": repository, init (its password printed
#                         once: the test keeps it outside both servers, as the password manager does),
#                         a backup through its timer's service, the weekly restore test.
#   recovery.sh restore   (server B, after install.sh) "Restoring on a new server", steps 3 to 5; the
#                         password is read from stdin, as the administrator pastes it.
set -euo pipefail
REPOSITORY=/srv/backup-host/meteo06
ok() { printf '  ✓ %s\n' "$*"; }

set_repository() {
    if grep -q '^BACKUP_REPOSITORY=' /etc/meteo06/env; then
        sed -i "s|^BACKUP_REPOSITORY=.*|BACKUP_REPOSITORY=$REPOSITORY|" /etc/meteo06/env
    else
        echo "BACKUP_REPOSITORY=$REPOSITORY" >>/etc/meteo06/env
    fi
    meteo config check
}

backup() {
    set_repository
    meteo backup init | tee /root/backup-init.txt
    systemctl start meteo06-backup
    meteo backup list
    systemctl start meteo06-backup-restore-test
    journalctl -u meteo06-backup-restore-test --no-pager -n 5 | grep -q 'restore test passed' ||
        { journalctl -u meteo06-backup-restore-test --no-pager -n 30; echo "restore test failed" >&2; exit 1; }
    ok "backup stored in the repository; the weekly restore test passed"
    if grep -rqs 'Orage du soir sur Nice' "$REPOSITORY"; then
        echo "the backup host holds readable data" >&2
        exit 1
    fi
    ok "the backup host holds no readable article text (encrypted on the server)"
}

restore() {
    set_repository
    install -m 600 -o root -g root /dev/null /etc/meteo06/backup-password
    cat >/etc/meteo06/backup-password
    meteo backup list
    meteo backup restore
    meteo migrate
    meteo config check
    systemctl restart meteo06-app
    ok "restored (README section 5, steps 3 to 5)"
}

case ${1:-} in
    backup) backup ;;
    restore) restore ;;
    *) echo "usage: $0 backup|restore" >&2; exit 2 ;;
esac
