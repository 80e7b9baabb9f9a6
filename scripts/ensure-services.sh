#!/usr/bin/env bash
# Starts the services the scale-path tests talk to (PostgreSQL, Redis, Mosquitto) when one is not running, with
# the machine's own commands, and fails loudly if one still does not answer: those tests never skip.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure() {
  local name="$1" port="$2" start="$3"
  if up "$port"; then return 0; fi
  echo "$name not answering on 127.0.0.1:$port: starting it" >&2
  bash -c "$start" || true
  for _ in $(seq 1 30); do
    if up "$port"; then return 0; fi
    sleep 1
  done
  echo "::error:: $name could not be started on 127.0.0.1:$port ($start)" >&2
  return 1
}

ok=0
ensure PostgreSQL 5432 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' || ok=1
ensure Redis 6379 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log' || ok=1
ensure Mosquitto 1883 'mosquitto -d -c /etc/mosquitto/mosquitto.conf' || ok=1
exit $ok
