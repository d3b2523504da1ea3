#!/usr/bin/env bash
# A private PostgreSQL cluster in a folder, reached only through a unix socket inside that folder
# (no TCP port to clash with). Used by run.sh (.data/pg), test.sh and the test fixture (temp dirs).
#
#   pg-cluster.sh start DIR [--throwaway]   init if needed, start, create roles and database
#   pg-cluster.sh stop DIR
#
# Roles: cc_owner owns the schema and runs migrations; cc_app is what the app connects as
# (NOSUPERUSER NOBYPASSRLS, so row-level security always applies to it). Authentication is
# 'trust' on the socket only; the socket folder is private to this cluster.
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop DIR [--throwaway]}
dir=${2:?usage: pg-cluster.sh start|stop DIR [--throwaway]}
mode=${3:-}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
sock="$dir/run"
log="$dir/postgres.log"

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_binaries() {
  if ! bin=$(find_bin); then
    echo "PostgreSQL server binaries not found; installing the Debian package 'postgresql'..." >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    bin=$(find_bin) || { echo "PostgreSQL install failed" >&2; exit 1; }
  fi
}

# The server refuses to run as root: as root, run it as the 'postgres' OS user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_super() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -U postgres -d "${1:-postgres}" "${@:2}"; }

case "$cmd" in
  start)
    ensure_binaries
    mkdir -p "$sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir" 2>/dev/null || true
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    opts="-c listen_addresses='' -c unix_socket_directories='$sock' -c max_connections=200"
    [ "$mode" = "--throwaway" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$data" -l "$log" -o "$opts" -w -t 60 start >/dev/null || { tail -20 "$log" >&2; exit 1; }
    fi
    psql_super postgres <<'SQL'
SELECT 'CREATE ROLE cc_owner LOGIN NOSUPERUSER NOCREATEROLE'
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cc_owner') \gexec
SELECT 'CREATE ROLE cc_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB'
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cc_app') \gexec
SELECT 'CREATE DATABASE complaintcloud OWNER cc_owner'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'complaintcloud') \gexec
SQL
    psql_super complaintcloud -c "ALTER SCHEMA public OWNER TO cc_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
    echo "$sock"
    ;;
  stop)
    if bin=$(find_bin) && [ -f "$data/PG_VERSION" ]; then
      as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
