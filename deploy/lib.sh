# Helpers of deploy/install.sh (sourced): idempotent file writes, templates, settings.
# Expects CHANGES (a counter) and, for render / env_*, DOMAIN, APP_PORT, APP_DIR, WG_PORT, ENV_FILE.
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

# env_value KEY — the value of KEY in the environment file ("" when absent).
env_value() { sed -n "s/^$1=//p" "$ENV_FILE" 2>/dev/null | tail -n 1; }

# env_default KEY VALUE — adds KEY=VALUE to the environment file unless the admin already set KEY.
env_default() {
    if ! grep -q "^$1=" "$ENV_FILE"; then
        printf '%s=%s\n' "$1" "$2" >>"$ENV_FILE"
        changed "$ENV_FILE: $1"
    fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

