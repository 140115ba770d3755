#!/usr/bin/env bash
# Turns a fresh Debian 12 into the Météo06 server, or brings an existing one up to date.
#
#   sudo deploy/install.sh --domain meteo06.fr --email admin@meteo06.fr
#
# Idempotent: every file is written only when its content differs, services are restarted only when
# something they read changed, secrets are generated once and kept, and a second run changes nothing
# (it ends with "nothing changed"). deploy/README.md walks through a new server step by step.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_DIR=$(dirname "$DEPLOY_DIR")
APP_USER=meteo06
APP_HOME=/opt/meteo06
APP_DIR=$APP_HOME/app
APP_PORT=3000
ETC_DIR=/etc/meteo06
ENV_FILE=$ETC_DIR/env
BACKUP_DIR=/var/backups/meteo06
DATA_DIR=/var/lib/meteo06
MEDIA_DIR=$DATA_DIR/media
APP_DB=meteo06
WG_ADDRESS=10.60.0.1
WG_PREFIX=24
WG_PORT=51820
NODE_MAJOR=20
DOMAIN=""
EMAIL=""
HARDEN_SSH=yes

usage() {
    cat <<USAGE
Usage: $0 --domain DOMAIN --email EMAIL [options]

  --domain DOMAIN      apex domain; stations answer on <slug>.DOMAIN (e.g. meteo06.fr)
  --email EMAIL        administrator address: alerts, certificate notices
  --wg-port PORT       WireGuard UDP port (default $WG_PORT)
  --no-ssh-hardening   leave sshd alone (not recommended: see deploy/README.md)
  -h, --help           this help
USAGE
}

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        --domain) DOMAIN=${2:-}; shift 2 ;;
        --email) EMAIL=${2:-}; shift 2 ;;
        --wg-port) WG_PORT=${2:-}; shift 2 ;;
        --no-ssh-hardening) HARDEN_SSH=no; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

[[ $DOMAIN =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ ]] ||
    die "--domain must be a domain name such as meteo06.fr"
[[ $EMAIL =~ ^[^@[:space:]]+@[^@[:space:]]+\.[a-z]+$ ]] || die "--email must be an e-mail address"
if ! [[ $WG_PORT =~ ^[0-9]+$ ]] || [ "$WG_PORT" -lt 1 ] || [ "$WG_PORT" -gt 65535 ]; then
    die "--wg-port must be a UDP port number"
fi
[ "$(id -u)" = 0 ] || die "run as root (sudo $0 …)"
# shellcheck source=/dev/null
. /etc/os-release
[ "${VERSION_CODENAME:-}" = bookworm ] || printf 'warning: written for Debian 12 (bookworm), this is %s\n' "${PRETTY_NAME:-unknown}" >&2

CHANGES=0
NOT_DONE=() # what could not start or be done: listed in the summary, the rest goes on
# shellcheck source=deploy/lib.sh
. "$DEPLOY_DIR/lib.sh"

apt_install() {
    local missing=() package
    for package in "$@"; do installed "$package" || missing+=("$package"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    changed "packages: ${missing[*]}"
}

step "Debian packages (deploy/packages)"
mapfile -t packages < <(sed 's/#.*//' "$DEPLOY_DIR/packages" | xargs -n 1)
apt_install "${packages[@]}"

step "Node.js $NODE_MAJOR (NodeSource: Debian 12 ships Node.js 18, the app needs >= 20.19)"
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt "$NODE_MAJOR" ]; then
    install -d -m 0755 /etc/apt/keyrings
    curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key |
        gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
    put /etc/apt/sources.list.d/nodesource.list 644 root:root \
        < <(echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_$NODE_MAJOR.x nodistro main") || true
    put /etc/apt/preferences.d/nodesource 644 root:root \
        < <(printf 'Package: nodejs\nPin: origin deb.nodesource.com\nPin-Priority: 600\n') || true
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs
    changed "nodejs $(node --version)"
fi

step "Service user, folders"
if ! id "$APP_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$APP_HOME" --create-home --shell /usr/sbin/nologin "$APP_USER"
    changed "user $APP_USER"
fi
for dir in "$APP_HOME" "$APP_DIR" "$BACKUP_DIR" "$DATA_DIR" "$MEDIA_DIR"; do
    if [ ! -d "$dir" ]; then
        install -d -m 0750 -o "$APP_USER" -g "$APP_USER" "$dir"
        changed "$dir"
    fi
done
install -d -m 0750 -o root -g "$APP_USER" "$ETC_DIR"

step "Settings and secrets ($ENV_FILE: generated once, your edits are kept)"
if [ ! -f "$ENV_FILE" ]; then
    install -m 0640 -o root -g "$APP_USER" /dev/null "$ENV_FILE"
    echo "# Météo06 production settings (README.md, Configuration). Edit freely; install.sh only adds missing keys." >>"$ENV_FILE"
fi
for account in APP ARCHIVE BACKUP REPLICATION; do
    [ -n "$(env_value "DB_PASSWORD_$account")" ] || env_default "DB_PASSWORD_$account" "$(secret)"
done
env_default DATABASE_URL "mysql://meteo06_app:$(env_value DB_PASSWORD_APP)@127.0.0.1:3306/$APP_DB"
env_default ARCHIVE_DATABASE_URL "mysql://meteo06_archive:$(env_value DB_PASSWORD_ARCHIVE)@127.0.0.1:3306/"
env_default BACKUP_DATABASE_URL "mysql://meteo06_backup:$(env_value DB_PASSWORD_BACKUP)@127.0.0.1:3306/"
env_default REPLICATION_DATABASE_URL "mysql://meteo06_monitor:$(env_value DB_PASSWORD_REPLICATION)@127.0.0.1:3306/"
env_default ROOT_DOMAIN "$DOMAIN"
env_default SITE_URL "https://$DOMAIN"
env_default AUTH_SECRET "$(secret)"
env_default PARTNER_SECRET_KEY "$(openssl rand -hex 32)"
env_default SMTP_URL "smtp://localhost:25"
env_default MAIL_FROM "Météo06 <noreply@$DOMAIN>"
env_default ALERT_EMAILS "$EMAIL"
env_default MONITOR_APP_URL "http://127.0.0.1:$APP_PORT/api/health"
env_default APP_URL "http://127.0.0.1:$APP_PORT"
env_default MONITOR_DISK_PATHS "/,/var/lib/mysql,$BACKUP_DIR"
env_default BACKUP_DIR "$BACKUP_DIR"
env_default MEDIA_DIR "$MEDIA_DIR"
env_default WG_SERVER_PUBLIC_KEY_FILE /etc/wireguard/server.pub
chown root:"$APP_USER" "$ENV_FILE"
chmod 0640 "$ENV_FILE"

step "MariaDB: multi-source replica settings and accounts"
restart_mariadb=no
put /etc/mysql/mariadb.conf.d/60-meteo06.cnf 644 root:root <"$DEPLOY_DIR/mariadb/60-meteo06.cnf" && restart_mariadb=yes
if [ ! -f /etc/mysql/mariadb.conf.d/61-meteo06-stations.cnf ]; then
    put /etc/mysql/mariadb.conf.d/61-meteo06-stations.cnf 644 root:root < <(
        echo "# One line per station, printed by 'meteo replication add-station':"
        echo "# <connection>.replicate_rewrite_db = weewx->weewx_<slug>"
        echo "[mariadbd]"
    ) && restart_mariadb=yes
fi
systemctl enable --quiet mariadb
if [ "$restart_mariadb" = yes ]; then systemctl restart mariadb; else systemctl start mariadb; fi
# Accounts: the app owns its database; archives are read-only for the site; the backup account reads
# everything and owns scratch databases for restore tests; the monitor reads and repairs replication.
mariadb --protocol=socket <<SQL
CREATE DATABASE IF NOT EXISTS \`$APP_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'meteo06_app'@'localhost' IDENTIFIED BY '$(env_value DB_PASSWORD_APP)';
CREATE USER IF NOT EXISTS 'meteo06_app'@'127.0.0.1' IDENTIFIED BY '$(env_value DB_PASSWORD_APP)';
GRANT ALL PRIVILEGES ON \`$APP_DB\`.* TO 'meteo06_app'@'localhost', 'meteo06_app'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'meteo06_archive'@'127.0.0.1' IDENTIFIED BY '$(env_value DB_PASSWORD_ARCHIVE)';
GRANT SELECT ON \`weewx\\_%\`.* TO 'meteo06_archive'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'meteo06_backup'@'127.0.0.1' IDENTIFIED BY '$(env_value DB_PASSWORD_BACKUP)';
GRANT SELECT, SHOW VIEW, LOCK TABLES, TRIGGER, SLAVE MONITOR ON *.* TO 'meteo06_backup'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`meteo06\\_restoretest\\_%\`.* TO 'meteo06_backup'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'meteo06_monitor'@'127.0.0.1' IDENTIFIED BY '$(env_value DB_PASSWORD_REPLICATION)';
GRANT SLAVE MONITOR, REPLICATION SLAVE ADMIN, BINLOG MONITOR ON *.* TO 'meteo06_monitor'@'127.0.0.1';
SQL

step "WireGuard (server side of the stations' VPN, $WG_ADDRESS/$WG_PREFIX, UDP $WG_PORT)"
# 0711: the service user reads the public key (`meteo replication add-station`); every secret in the folder
# (server.key, wg0.conf) is 0600.
if [ "$(stat -c %a /etc/wireguard 2>/dev/null)" != 711 ]; then
    install -d -m 0711 /etc/wireguard
    changed "/etc/wireguard: mode 0711"
fi
if [ ! -f /etc/wireguard/server.key ]; then
    (umask 077 && wg genkey >/etc/wireguard/server.key)
    changed /etc/wireguard/server.key
fi
put /etc/wireguard/server.pub 644 root:root < <(wg pubkey </etc/wireguard/server.key) || true
if [ ! -f /etc/wireguard/wg0.conf ]; then
    # Peers (one per station) are appended by the admin from `meteo replication add-station`.
    put /etc/wireguard/wg0.conf 600 root:root < <(
        printf '[Interface]\nAddress = %s/%s\nListenPort = %s\nPrivateKey = %s\n' \
            "$WG_ADDRESS" "$WG_PREFIX" "$WG_PORT" "$(cat /etc/wireguard/server.key)"
    )
fi
start_service wg-quick@wg0 "WireGuard: the stations' replication links" start

step "Application (build in $APP_DIR as $APP_USER)"
# What git ignores (the build's own outputs, such as next-env.d.ts) is neither copied nor deleted: a second
# run finds nothing to copy (the build also touches folder times: not compared).
sync_output=$(rsync -a --omit-dir-times --delete --checksum --itemize-changes --chown="$APP_USER:$APP_USER" \
    --exclude=/.git/ --exclude='/.env*' --filter=':- .gitignore' "$SOURCE_DIR/" "$APP_DIR/")
# The settings file is never sourced by a shell: the meteo command reads it as systemd does (lib/config/env-file.ts).
as_app() { runuser -u "$APP_USER" -- env METEO_ENV_FILE="$ENV_FILE" bash -c "cd '$APP_DIR'; $1"; }
meteo_cli() { as_app "NODE_ENV=production node --import tsx scripts/meteo.ts $1"; }
build=no
if [ -n "$sync_output" ] || [ ! -f "$APP_DIR/.next/standalone/server.js" ]; then
    changed "application sources"
    build=yes
    # Full install: the jobs run TypeScript through tsx, and the build needs the dev tools.
    as_app "npm ci --no-audit --no-fund --loglevel=error && node scripts/dev/prisma-generate.mjs"
fi
# One line per missing or malformed setting, also listed in the summary (BACKUP_REPOSITORY, for one, is
# set by the admin after this first run: deploy/README.md section 5).
if ! settings_problems=$(meteo_cli "config check" 2>&1 >/dev/null); then
    printf '%s\n' "$settings_problems" >&2
    while IFS= read -r problem; do
        [ -n "$problem" ] && NOT_DONE+=("settings ($ENV_FILE): ${problem#error: }")
    done <<<"$settings_problems"
fi
if [ "$build" = yes ]; then
    # The build reads no database; migrating first still leaves the new code's tables ready when it starts.
    meteo_cli migrate
    # The build also compresses its assets (.br and .gz beside each), which nginx serves as they are.
    as_app "NEXT_TELEMETRY_DISABLED=1 npm run --silent build"
    restart_app=yes
else
    restart_app=no
fi
put /usr/local/bin/meteo 755 root:root <"$DEPLOY_DIR/bin/meteo" || true

step "systemd: the app and a timer per job"
reload_units=no
for unit in "$DEPLOY_DIR"/systemd/*; do
    target=/etc/systemd/system/$(basename "$unit")
    put "$target" 644 root:root <"$unit" && reload_units=yes
done
if [ "$reload_units" = yes ]; then
    systemctl daemon-reload
    restart_app=yes
fi
systemctl enable --quiet meteo06-app.service
for timer in "$DEPLOY_DIR"/systemd/*.timer; do
    systemctl enable --quiet --now "$(basename "$timer")"
done
if [ "$restart_app" = yes ]; then systemctl restart meteo06-app.service; else systemctl start meteo06-app.service; fi

step "nginx: apex and every sub-domain of $DOMAIN"
tls=$ETC_DIR/tls
install -d -m 0750 "$tls"
live=/etc/letsencrypt/live/$DOMAIN
if [ -f "$live/fullchain.pem" ]; then
    for file in fullchain privkey; do
        if [ "$(readlink "$tls/$file.pem" || true)" != "$live/$file.pem" ]; then
            ln -sfn "$live/$file.pem" "$tls/$file.pem"
            changed "$tls/$file.pem → Let's Encrypt"
        fi
    done
elif [ ! -e "$tls/fullchain.pem" ]; then
    # A self-signed stand-in so that nginx starts; replaced by the wildcard certificate (README).
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$DOMAIN" \
        -addext "subjectAltName=DNS:$DOMAIN,DNS:*.$DOMAIN" \
        -keyout "$tls/privkey.pem" -out "$tls/fullchain.pem" 2>/dev/null
    changed "$tls: temporary self-signed certificate"
fi
reload_nginx=no
if put /etc/tmpfiles.d/meteo06-nginx-cache.conf 644 root:root <"$DEPLOY_DIR/nginx/meteo06-cache.tmpfiles"; then
    systemd-tmpfiles --create /etc/tmpfiles.d/meteo06-nginx-cache.conf
    reload_nginx=yes
fi
put /etc/nginx/snippets/meteo06-proxy.conf 644 root:root <"$DEPLOY_DIR/nginx/meteo06-proxy.conf" && reload_nginx=yes
put /etc/nginx/sites-available/meteo06.conf 644 root:root < <(render "$DEPLOY_DIR/nginx/meteo06.conf") && reload_nginx=yes
if [ "$(readlink /etc/nginx/sites-enabled/meteo06.conf || true)" != /etc/nginx/sites-available/meteo06.conf ]; then
    ln -sfn /etc/nginx/sites-available/meteo06.conf /etc/nginx/sites-enabled/meteo06.conf
    changed "nginx site enabled"
    reload_nginx=yes
fi
if [ -L /etc/nginx/sites-enabled/default ]; then
    rm /etc/nginx/sites-enabled/default
    changed "nginx default site disabled"
    reload_nginx=yes
fi
put /etc/letsencrypt/renewal-hooks/deploy/meteo06-nginx 755 root:root < <(printf '#!/bin/sh\nsystemctl reload nginx\n') || true
nginx -t -q
systemctl enable --quiet nginx
if [ "$reload_nginx" = yes ]; then systemctl reload-or-restart nginx; else systemctl start nginx; fi

step "Hardening: firewall, fail2ban, unattended upgrades, SSH by key only"
put /etc/nftables.conf 755 root:root < <(render "$DEPLOY_DIR/hardening/nftables.conf") && nft -f /etc/nftables.conf
systemctl enable --quiet nftables
if put /etc/fail2ban/jail.d/meteo06.conf 644 root:root <"$DEPLOY_DIR/hardening/fail2ban.conf"; then
    start_service fail2ban "fail2ban: SSH and login brute-force bans" restart
else
    start_service fail2ban "fail2ban: SSH and login brute-force bans" start
fi
put /etc/apt/apt.conf.d/20auto-upgrades 644 root:root <"$DEPLOY_DIR/hardening/20auto-upgrades" || true
if [ "$HARDEN_SSH" = yes ]; then
    # Never lock the admin out: password logins are closed only once a key is in place.
    keys=$(find /root/.ssh /home/*/.ssh -maxdepth 1 -name authorized_keys -size +0 2>/dev/null | head -n 1 || true)
    if ! command -v sshd >/dev/null; then
        NOT_DONE+=("SSH hardening: no SSH server installed (openssh-server)")
    elif [ -z "$keys" ]; then
        NOT_DONE+=("SSH hardening: no authorized_keys in /root/.ssh or /home/*/.ssh: password logins stay open until you add a key and re-run")
    elif put /etc/ssh/sshd_config.d/60-meteo06.conf 644 root:root <"$DEPLOY_DIR/hardening/sshd.conf"; then
        sshd -t
        systemctl reload ssh
    fi
fi

if [ ${#NOT_DONE[@]} -gt 0 ]; then
    printf '\nNot running or not done (everything else is installed; deploy/README.md, section 1):\n'
    printf '  - %s\n' "${NOT_DONE[@]}"
fi
if [ "$CHANGES" -eq 0 ]; then
    printf '\nnothing changed: the server is up to date.\n'
else
    printf '\n%s change(s) applied. Next steps, if not done yet: deploy/README.md (certificate, SMTP, stations).\n' "$CHANGES"
fi
