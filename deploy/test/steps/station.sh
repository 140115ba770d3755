#!/usr/bin/env bash
# On server A, as its administrator: deploy/README.md section 3, "Adding a station", with a simulated
# Raspberry Pi. The Pi is a second mariadbd in its own network namespace; a veth pair stands for the
# WireGuard tunnel (10.60.0.1 on the server, 10.60.0.12 on the Pi): the namespaces have no WireGuard module.
# The Pi's archive is WeeWX's own (test/fixtures/weewx-real-us-7d.sql.gz); fresh records written on the
# Pi afterwards must reach the server by replication.
set -euo pipefail
repo=${1:-/root/meteo06}
pi_sql() { mariadb --socket=/srv/pi/mariadb.sock "$@"; }
block() { awk -v n="$1" '/^### /{on = index($0, "### " n ".") == 1; next} /^Then: /{on = 0} on' /root/link.txt | sed '/^$/d'; }

echo "› the station, registered on the server"
meteo stations add --slug pessicart --name "Nice – Pessicart" --archive-db weewx_pessicart \
    --lat 43.73 --lon 7.25 --altitude 300
meteo replication add-station pessicart --host 10.60.0.12 --user repl_pessicart >/root/link.txt
grep -q '^### 6\.' /root/link.txt || { cat /root/link.txt; exit 1; }

echo "› the VPN link (veth pair standing for WireGuard)"
ip netns add pi
ip link add wg-pi type veth peer name wg0 netns pi
ip addr add 10.60.0.1/24 dev wg-pi
ip link set wg-pi up
ip -n pi addr add 10.60.0.12/24 dev wg0
ip -n pi link set wg0 up
ip -n pi link set lo up

echo "› the Pi's MariaDB, with block 2 of add-station as its settings"
mkdir -p /srv/pi
block 2 >/srv/pi/70-meteo06.cnf
cat >/srv/pi/my.cnf <<CNF
[mariadbd]
datadir = /srv/pi/data
socket = /srv/pi/mariadb.sock
pid-file = /srv/pi/mariadb.pid
user = mysql
innodb_buffer_pool_size = 64M
!include /srv/pi/70-meteo06.cnf
CNF
chown -R mysql:mysql /srv/pi
mariadb-install-db --no-defaults --datadir=/srv/pi/data --user=mysql --skip-test-db >/dev/null
chown -R mysql:mysql /srv/pi
systemd-run --quiet --unit=station-pi -p NetworkNamespacePath=/run/netns/pi \
    /usr/sbin/mariadbd --defaults-file=/srv/pi/my.cnf
for _ in $(seq 120); do pi_sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
pi_sql -e 'SELECT 1' >/dev/null

echo "› WeeWX's archive on the Pi, then block 3 (the replication account)"
pi_sql -e 'CREATE DATABASE weewx'
gunzip -c "$repo/test/fixtures/weewx-real-us-7d.sql.gz" | pi_sql weewx
block 3 | pi_sql

echo "› on the server: blocks 4 (WireGuard peer: no module here, kept aside) and 5 (MariaDB settings)"
block 4 >/root/wg0-peer.conf
block 5 >>/etc/mysql/mariadb.conf.d/61-meteo06-stations.cnf
systemctl restart mariadb

echo "› first copy of the Pi's archive, with its position"
pi_sql -e 'SELECT 1' >/dev/null
mariadb-dump --socket=/srv/pi/mariadb.sock --single-transaction --gtid --master-data=2 weewx | gzip >/tmp/weewx.sql.gz
position=$(zcat /tmp/weewx.sql.gz | grep -m1 'gtid_slave_pos' | sed -n "s/.*gtid_slave_pos='\([^']*\)'.*/\1/p")
[ -n "$position" ] || { echo "no gtid_slave_pos in the Pi's dump" >&2; exit 1; }
mariadb -e 'CREATE DATABASE weewx_pessicart' && zcat /tmp/weewx.sql.gz | mariadb weewx_pessicart

echo "› block 6: the replication connection, from position $position"
block 6 | sed "/<domain-server-seq>/{s/^-- //;s/<domain-server-seq>/$position/}" | mariadb

echo "› WeeWX writes fresh records on the Pi (the last fixture record, re-dated to the last 15 minutes)"
now=$(( $(date +%s) / 300 * 300 ))
for t in $((now - 600)) $((now - 300)) "$now"; do
    pi_sql weewx -e "CREATE TEMPORARY TABLE r AS SELECT * FROM archive ORDER BY dateTime DESC LIMIT 1;
        UPDATE r SET dateTime = $t; INSERT INTO archive SELECT * FROM r; DROP TEMPORARY TABLE r;"
done
for _ in $(seq 120); do
    [ "$(mariadb -N -e 'SELECT MAX(dateTime) FROM weewx_pessicart.archive')" = "$now" ] && break
    sleep 0.5
done
[ "$(mariadb -N -e 'SELECT MAX(dateTime) FROM weewx_pessicart.archive')" = "$now" ] ||
    { mariadb -e "SHOW SLAVE 'pessicart' STATUS\G" >&2; echo "the Pi's new records did not replicate" >&2; exit 1; }
echo "  ✓ a record written on the Pi at $(date -u -d "@$now" +%H:%M) UTC reached weewx_pessicart by replication"
meteo replication status
