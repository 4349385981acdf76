#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store suite and the service tests
# (issue 18): `bash .ci/pg.sh start` installs PostgreSQL from the
# distribution's packages when missing, makes a cluster in target/pg, starts
# it on 127.0.0.1:${DUALDRAW_PG_PORT:-55432} with trust authentication (loopback
# only), creates the database `dualdraw` and prints the URL the tests read from
# DUALDRAW_PG_URL. `bash .ci/pg.sh stop` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${DUALDRAW_PG_PORT:-55432}"
dir="$PWD/target/pg"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

bin=""
for d in /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ]; then bin="$d"; fi
done

# initdb refuses to run as root: as root, the cluster belongs to `postgres`.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
  if [ -z "$bin" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    for d in /usr/lib/postgresql/*/bin; do
      if [ -x "$d/initdb" ]; then bin="$d"; fi
    done
  fi
  # The distribution's own cluster is not used (nor needed running).
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" start >/dev/null
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE dualdraw" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$port/dualdraw"
  ;;
stop)
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  ;;
*)
  echo "usage: bash .ci/pg.sh start|stop" >&2
  exit 2
  ;;
esac
