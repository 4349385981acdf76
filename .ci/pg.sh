#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store suite and the service tests
# (issue 18). `bash .ci/pg.sh start` installs PostgreSQL from the
# distribution's packages when missing, makes a fresh cluster, starts it on
# 127.0.0.1:$DUALDRAW_PG_PORT (default: the first free port from 55432) with
# trust authentication on loopback only, creates the database `dualdraw` and
# prints the URL the tests read from DUALDRAW_PG_URL. `bash .ci/pg.sh stop`
# stops it. The cluster lives in target/pg, or, when run as root (initdb
# refuses root), in a folder under /tmp owned by the `postgres` user;
# target/pg.state names it.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${DUALDRAW_PG_PORT:-}"
state="$PWD/target/pg.state"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

find_bin() {
  bin=""
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then bin="$d"; fi
  done
}
find_bin

as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

case "${1:-}" in
start)
  if [ -z "$bin" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    find_bin
  fi
  if [ -z "$port" ]; then
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
    done
  fi
  mkdir -p target
  if [ "$(id -u)" = 0 ]; then
    dir="$(mktemp -d /tmp/dualdraw-pg.XXXXXX)"
    chmod 755 "$dir"
    chown postgres "$dir"
  else
    dir="$PWD/target/pg"
    rm -rf "$dir"
    mkdir -p "$dir"
  fi
  echo "$dir" >"$state"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE dualdraw" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$port/dualdraw"
  ;;
stop)
  if [ -n "$bin" ] && [ -f "$state" ]; then
    dir="$(cat "$state")"
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    if [ "$(id -u)" = 0 ]; then rm -rf "$dir"; fi
    rm -f "$state"
  fi
  ;;
*)
  echo "usage: bash .ci/pg.sh start|stop" >&2
  exit 2
  ;;
esac
