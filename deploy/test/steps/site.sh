#!/usr/bin/env bash
# Through nginx over HTTPS, as visitors, an editor and a station's Pi would reach the server: the real
# Host and SNI of the apex and of the station's sub-domain (curl --resolve to this server's loopback).
#   site.sh admin     (server A) mail settings, `meteo alerts test`, `meteo users add` (README section 1)
#   site.sh publish   (server A) an editor uploads an image and publishes an article showing it; the Pi
#                     uploads a webcam image. Writes what B must serve too into /root/expected.env.
#   site.sh verify    (A, then B after its restore) every page, file and API answer a user would check.
set -euo pipefail
DOMAIN=meteo06.fr
APEX=https://$DOMAIN
STATION=https://pessicart.$DOMAIN
ADMIN_EMAIL=admin@meteo06.fr
ADMIN_PASSWORD='Un-mot-de-passe-solide-2026'
jar=$(mktemp)
trap 'rm -f "$jar" /tmp/site.body' EXIT

# client [curl options…] URL — curl with this server as the address of both host names, and the cookie jar.
client() {
    curl -sS -k -b "$jar" -c "$jar" --resolve "$DOMAIN:443:127.0.0.1" --resolve "pessicart.$DOMAIN:443:127.0.0.1" \
        --resolve "$DOMAIN:80:127.0.0.1" "$@"
}
# web [curl options…] URL — prints the body; fails on anything but 2xx, with the status and URL.
web() {
    local status
    status=$(client -o /tmp/site.body -w '%{http_code}' "$@")
    case $status in 2??) cat /tmp/site.body ;; *)
        printf '%s → HTTP %s: %s\n' "${*: -1}" "$status" "$(head -c 300 /tmp/site.body)" >&2
        return 1
        ;;
    esac
}
ok() { printf '  ✓ %s\n' "$*"; }
contains() { # contains WHAT TEXT (body on stdin)
    local body
    body=$(cat)
    grep -qF -- "$2" <<<"$body" || { printf '%s: "%s" not found in:\n%s\n' "$1" "$2" "$(head -c 600 <<<"$body")" >&2; return 1; }
}

# digest URL — the SHA-256 of the file served at URL (fails when it is not served).
digest() {
    local body
    body=$(web "$1" | sha256sum) || return 1
    echo "${body:0:64}"
}
# same_file WHAT URL SHA256 — the file served at URL is, byte for byte, the one A served.
same_file() {
    local got
    got=$(digest "$2") || return 1
    [ "$got" = "$3" ] || { printf '%s: %s differs from what server A served\n' "$1" "$2" >&2; return 1; }
    ok "$1"
}

# cache_status URL — nginx's X-Cache-Status for a GET of URL (with the jar's cookies), and its Cache-Control.
cache_status() {
    local headers
    headers=$(client -o /dev/null -D - "$1" | tr -d '\r')
    printf '%s (Cache-Control: %s)\n' "$(sed -n 's/^x-cache-status: *//Ip' <<<"$headers")" \
        "$(sed -n 's/^cache-control: *//Ip' <<<"$headers")"
}
# micro_cache — a page the app marks public is served by nginx's cache from the second visit; the apex too
# once it is marked so (s-maxage); a signed-in visitor (see verify) always reaches the app.
micro_cache() {
    local url status
    for url in "$STATION/" "$APEX/"; do
        cache_status "$url" >/dev/null
        status=$(cache_status "$url")
        case $status in
            HIT*s-maxage=*) ok "micro-cache: second anonymous visit of $url is a HIT" ;;
            MISS*) [[ $status != *s-maxage=* && $url == "$APEX/" ]] ||
                { echo "micro-cache: $url → $status" >&2; return 1; }
                ok "micro-cache: $url is not public for the app, nginx does not keep it ($status)" ;;
            *) echo "micro-cache: second visit of $url → $status, not a HIT" >&2; return 1 ;;
        esac
    done
}

# compressed_assets — the station page's scripts and stylesheet are the brotli files the build made,
# sent by nginx as they are (brotli_static), not compressed again at each request.
compressed_assets() {
    local asset file
    for asset in $(web "$STATION/" | grep -o '/_next/static/[^"]*\.\(js\|css\)' | sort -u); do
        file=/opt/meteo06/app/.next/standalone/.next/static/${asset#/_next/static/}
        { [ -s "$file.br" ] && [ -s "$file.gz" ]; } || { echo "$asset: no .br and .gz beside $file" >&2; return 1; }
        [ "$(client -H 'Accept-Encoding: br' "$STATION$asset" | sha256sum)" = "$(sha256sum <"$file.br")" ] ||
            { echo "$asset: nginx did not send $file.br" >&2; return 1; }
    done
    ok "scripts and stylesheet: nginx sends the brotli files made by the build"
}

# upload_limits — signed in: an upload of the media library's whole 20 MB limit reaches the app, which
# judges the file (not an image); a larger one than nginx lets through gets its refusal, in JSON as the
# app's.
upload_limits() {
    local big=/tmp/upload.jpg
    head -c $((20 * 1024 * 1024)) /dev/zero >"$big"
    client -H "Origin: $APEX" -F "file=@$big;type=image/jpeg" -F "alt=Trop lourde" "$APEX/api/admin/media" |
        contains "20 MB upload" "n'est pas une image reconnue"
    head -c $((26 * 1024 * 1024)) /dev/zero >"$big"
    client -H "Origin: $APEX" -F "file=@$big;type=image/jpeg" -F "alt=Trop lourde" "$APEX/api/admin/media" |
        contains "26 MB upload" '{"error":"Envoi trop lourd : 25 Mo au plus."}'
    rm -f "$big"
    ok "uploads: 20 MB reach the app, over 25 MB nginx refuses in JSON"
}

login() {
    local csrf
    csrf=$(web "$APEX/api/auth/csrf" | node -pe 'JSON.parse(require("fs").readFileSync(0)).csrfToken')
    client -o /dev/null -X POST "$APEX/api/auth/callback/credentials" \
        --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
        --data-urlencode "csrfToken=$csrf" --data-urlencode "callbackUrl=$APEX/admin"
    grep -q 'meteo06.session' "$jar" || { echo "login refused for $ADMIN_EMAIL" >&2; return 1; }
}

publish() {
    login
    node -e 'require("/opt/meteo06/app/node_modules/sharp")({create:{width:1200,height:800,channels:3,background:"#2a6f97"}}).jpeg().toFile("/tmp/orage.jpg")'
    local media key article slug
    media=$(web -H "Origin: $APEX" -F "file=@/tmp/orage.jpg;type=image/jpeg" -F "alt=Orage sur Nice" "$APEX/api/admin/media")
    key=$(node -pe 'JSON.parse(process.argv[1]).media.key' "$media")
    ok "media uploaded through nginx ($key)"
    upload_limits
    article=$(web -H "Origin: $APEX" -H 'Content-Type: application/json' -X POST "$APEX/api/admin/articles" \
        --data "{\"type\":\"NEWS\",\"status\":\"PUBLISHED\",\"title\":\"Orage du soir sur Nice\",\"bodyHtml\":\"<p>Un orage a traversé Nice.</p><p><img src=\\\"/api/media/$key/480.jpg\\\" alt=\\\"Orage sur Nice\\\"></p>\"}")
    slug=$(node -pe 'JSON.parse(process.argv[1]).slug' "$article")
    ok "article published: /articles/$slug"
    node -e 'require("/opt/meteo06/app/node_modules/sharp")({create:{width:1280,height:720,channels:3,background:"#87ceeb"}}).jpeg().toFile("/tmp/webcam.jpg")'
    web -H "Authorization: Bearer $(cat /root/webcam-token)" -H 'Content-Type: image/jpeg' \
        --data-binary @/tmp/webcam.jpg "$APEX/api/v1/stations/pessicart/webcam" | contains "webcam upload" '"webcam":"nord"'
    ok "webcam image uploaded by the Pi's token"
    local photo media_sha webcam_sha photo_sha climate_sha
    photo=$(mariadb -N -e "SELECT fileKey FROM meteo06.StationPhoto LIMIT 1")
    media_sha=$(digest "$APEX/api/media/$key/480.jpg")
    webcam_sha=$(digest "$STATION/webcam/images/nord/latest-large.jpg")
    photo_sha=$(digest "$STATION/photos/$photo-large.jpg")
    climate_sha=$(digest "$APEX/api/v1/stations/pessicart/climate/monthly?year=2025")
    {
        echo "MEDIA_KEY=$key"
        echo "ARTICLE_SLUG=$slug"
        echo "PHOTO_KEY=$photo"
        echo "USERS=$(mariadb -N -e 'SELECT GROUP_CONCAT(email ORDER BY email) FROM meteo06.User')"
        echo "MEDIA_SHA256=$media_sha"
        echo "WEBCAM_SHA256=$webcam_sha"
        echo "PHOTO_SHA256=$photo_sha"
        echo "CLIMATE_SHA256=$climate_sha"
    } >/root/expected.env
}

verify() {
    # shellcheck source=/dev/null
    . /root/expected.env
    for _ in $(seq 120); do client -o /dev/null -f "$APEX/api/health" 2>/dev/null && break; sleep 1; done
    client -o /dev/null -w '%{http_code} %{redirect_url}' "http://$DOMAIN/" | contains "HTTP → HTTPS" "301 https://$DOMAIN/"
    ok "http:// redirects to https://"
    web "$APEX/" | contains "apex" "Orage du soir sur Nice"
    ok "apex home page lists the article"
    web "$APEX/articles/$ARTICLE_SLUG" | contains "article" "/api/media/$MEDIA_KEY/"
    ok "the article shows the uploaded image"
    same_file "the article's image file" "$APEX/api/media/$MEDIA_KEY/480.jpg" "$MEDIA_SHA256"
    web "$STATION/" | contains "station site" "Pessicart"
    ok "station sub-domain home page"
    compressed_assets
    web "$STATION/climatologie" >/dev/null
    ok "station climatology page"
    web "$APEX/api/v1/stations" | contains "API" '"pessicart"'
    web "$APEX/api/v1/stations/pessicart/current" | contains "API" 'pessicart'
    ok "API: stations and current conditions"
    same_file "climatology (API, monthly 2025)" "$APEX/api/v1/stations/pessicart/climate/monthly?year=2025" "$CLIMATE_SHA256"
    same_file "the webcam's latest image" "$STATION/webcam/images/nord/latest-large.jpg" "$WEBCAM_SHA256"
    same_file "the station's photo" "$STATION/photos/$PHOTO_KEY-large.jpg" "$PHOTO_SHA256"
    web "$STATION/rapports/NOAA-2025-01.csv" | contains "NOAA CSV" "2025"
    ok "NOAA report as CSV"
    web "$APEX/api/health" | contains "health" '"database":"ok"'
    ok "/api/health answers, database ok"
    : >"$jar"
    micro_cache
    login
    ok "login as $ADMIN_EMAIL"
    for url in "$APEX/" "$APEX/admin"; do
        [[ $(cache_status "$url") == BYPASS* ]] || { echo "signed in: $url not a BYPASS of the cache" >&2; return 1; }
    done
    ok "micro-cache: a signed-in visitor bypasses it (apex, back office)"
    web "$APEX/admin/stations/pessicart/export/csv?from=2025-01-01&to=2025-01-07&step=1h&fields=outTemp" |
        head -n 3 | contains "CSV export" "2025-01-0"
    ok "CSV export of the archive"
    web "$APEX/admin/etat" | contains "status page" "pessicart"
    ok "status page (/admin/etat)"
    web "$APEX/admin/partenaires" | contains "partner feeds" "pessicart06"
    ok "partner feed listed"
    web "$APEX/admin/utilisateurs" | contains "users" "$ADMIN_EMAIL"
    [ "$(mariadb -N -e 'SELECT GROUP_CONCAT(email ORDER BY email) FROM meteo06.User')" = "$USERS" ]
    ok "users: $USERS"
}

# README section 1, steps 5 and 6: the mail provider in the settings, a test alert, an admin account
# (its password read from stdin). The "provider" is the SMTP sink of outside-world.ts.
admin() {
    local smtp
    smtp=$(sed -n 's/^SMTP_URL=//p' /run/outside-world.env)
    sed -i "s|^SMTP_URL=.*|SMTP_URL=\"$smtp\"|" /etc/meteo06/env
    systemctl restart meteo06-app
    meteo alerts test
    for _ in $(seq 60); do journalctl -u outside-world --no-pager | grep -q 'mail received' && break; sleep 0.5; done
    journalctl -u outside-world --no-pager | grep -q 'mail received' || { echo "the test alert did not arrive" >&2; return 1; }
    ok "meteo alerts test: the e-mail reached the mail provider"
    printf '%s\n' "$ADMIN_PASSWORD" | meteo users add --email "$ADMIN_EMAIL" --name "Admin Météo06" --role admin
}

case ${1:-} in
    admin) admin ;;
    publish) publish ;;
    verify) verify ;;
    *) echo "usage: $0 admin|publish|verify" >&2; exit 2 ;;
esac
