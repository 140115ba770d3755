# Helpers of deploy/install.sh (sourced): idempotent file writes, templates, settings.
# Expects CHANGES (a counter), NOT_DONE (an array) and, for render / env_*, DOMAIN, APP_PORT, APP_DIR, WG_PORT,
# ENV_FILE.
# shellcheck shell=bash

step() { printf '\n› %s\n' "$*"; }
changed() {
    CHANGES=$((CHANGES + 1))
    printf '  changed: %s\n' "$*"
}

# put DEST MODE OWNER:GROUP < content — writes DEST only when its content differs; true when it did.
put() {
    local dest=$1 mode=$2 owner=$3 tmp
    tmp=$(mktemp)
    cat >"$tmp"
    if [ -f "$dest" ] && cmp -s "$tmp" "$dest" &&
        [ "$(stat -c '%a %U:%G' "$dest")" = "$mode $owner" ]; then
        rm -f "$tmp"
        return 1
    fi
    install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$tmp" "$dest"
    rm -f "$tmp"
    changed "$dest"
}

# render FILE — the template with the server's values.
render() {
    sed -e "s|@DOMAIN@|$DOMAIN|g" -e "s|@APP_PORT@|$APP_PORT|g" -e "s|@APP_DIR@|$APP_DIR|g" \
        -e "s|@WG_PORT@|$WG_PORT|g" "$1"
}

secret() { openssl rand -base64 33 | tr -d '/+=\n' | cut -c1-32; }

# env_value KEY — the value of KEY in the environment file ("" when absent), without its double quotes.
env_value() { sed -n "s/^$1=//p" "$ENV_FILE" 2>/dev/null | tail -n 1 | sed 's/^"\(.*\)"$/\1/'; }

# env_default KEY VALUE — adds KEY="VALUE" to the environment file unless the admin already set KEY.
# Double quotes, and no $ ` \ " in values: systemd's EnvironmentFile, a shell's `.` and the app's
# parser (lib/env-file.ts) then all read the same value, spaces and < > included.
env_default() {
    if ! grep -q "^$1=" "$ENV_FILE"; then
        case $2 in *[\$\`\\\"]*) die "$1: a value written by install.sh may not contain \$ \` \\ or \"" ;; esac
        printf '%s="%s"\n' "$1" "$2" >>"$ENV_FILE"
        changed "$ENV_FILE: $1"
    fi
}

# start_service UNIT WHAT start|restart — enables and (re)starts UNIT; when it cannot run (no WireGuard
# module, no log for fail2ban yet), says so and records it for the summary instead of stopping the install.
start_service() {
    systemctl enable --quiet "$1" 2>/dev/null || true
    if ! systemctl "$3" "$1" 2>/dev/null; then
        printf 'warning: %s did not start (systemctl status %s)\n' "$1" "$1" >&2
        NOT_DONE+=("$2: $1 did not start ($(systemctl show -p Result --value "$1" 2>/dev/null || echo unknown)); see systemctl status $1")
    fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

