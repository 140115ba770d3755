#!/usr/bin/env bash
# The recovery drill, as deploy/README.md section 5 tells the administrator.
#   recovery.sh backup    (server A) `meteo backup run`, then the off-site copy to the backup host
#                          (/srv/backup-host: a folder shared by both servers stands for it)
#   recovery.sh restore   (server B, after install.sh) the restore steps, from the backup host's copy
set -euo pipefail
OFFSITE=/srv/backup-host/meteo06

backup() {
    meteo backup run
    mkdir -p "$OFFSITE"
    rsync -a /var/backups/meteo06/ "$OFFSITE/"
    printf "  ✓ backup %s copied off-site\n" "$(find "$OFFSITE" -mindepth 1 -maxdepth 1 -type d | sort | tail -n 1)"
}

restore() {
    local backup
    backup=$(find "$OFFSITE" -mindepth 1 -maxdepth 1 -type d | sort | tail -n 1)
    rsync -a "$backup" /var/backups/meteo06/
    systemctl stop meteo06-app 'meteo06-*.timer'
    cd "/var/backups/meteo06/$(basename "$backup")"
    sha256sum -- *.sql.gz
    zcat meteo06.sql.gz | mariadb meteo06
    for f in weewx_*.sql.gz; do
        db=${f%.sql.gz}
        mariadb -e "CREATE DATABASE IF NOT EXISTS $db"
        zcat "$f" | mariadb "$db"
    done
    cd /root/meteo06
    systemctl start meteo06-app && deploy/install.sh --domain meteo06.fr --email admin@meteo06.fr
}

case ${1:-} in
    backup) backup ;;
    restore) restore ;;
    *) echo "usage: $0 backup|restore" >&2; exit 2 ;;
esac
