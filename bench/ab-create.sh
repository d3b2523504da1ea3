#!/usr/bin/env bash
# A/B of the API create between two builds: bench/ab-create.sh <A ComplaintCloud.Api.dll> <B ComplaintCloud.Api.dll>
# Both apps run at once on one database, migrated and seeded on a throwaway cluster that is then restarted durable
# (fsync, synchronous_commit and full_page_writes on, as deployed; BENCH_FSYNC_OFF=1 keeps them off); creates over 32 tenants are measured in alternating short
# windows (ROUNDS, default 6, of WINDOW, default 6s, each), so a drift in the host's speed hits both alike.
# Prints each window and the totals: creates, app and PostgreSQL CPU ms per create. A_ENV / B_ENV add
# environment variables to one app (k=v,k=v), to compare settings on one build.
# A_MIG=<A's ComplaintCloud.Migrations.dll> gives A a database of its own on the same cluster, migrated by A's own
# migrator: for a B whose schema A's model cannot read (a dropped column), and so each build pays for its own
# columns, indexes and triggers. Tenants are then provisioned in each app's database.
# COMPLAINT_BODY=complaint-zh.json posts a Chinese complaint instead of bench/complaint.json.
source "$(dirname "$0")/lib.sh"
[ $# = 2 ] && [ -f "$1" ] && [ -f "$2" ] || die "usage: bench/ab-create.sh <A ComplaintCloud.Api.dll> <B ComplaintCloud.Api.dll>"
A_DLL=$(realpath "$1"); B_DLL=$(realpath "$2")
SKIP_BUILD=1; bench_tools; bench_build; bench_start_db
if [ -n "${A_MIG:-}" ]; then
  [ -f "$A_MIG" ] || die "A_MIG: no file $A_MIG"
  log "A_MIG: database complaintcloud_a, migrated and seeded by A's migrator"
  psql_super -c "CREATE DATABASE complaintcloud_a OWNER cc_owner" >/dev/null
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -U postgres -d complaintcloud_a \
    -c "ALTER SCHEMA public OWNER TO cc_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;" >/dev/null
  ConnectionStrings__Migrations="Host=$SOCK;Database=complaintcloud_a;Username=cc_owner" \
  ConnectionStrings__Default="Host=$SOCK;Database=complaintcloud_a;Username=cc_app" bash -c 'dotnet "$1" migrate && dotnet "$1" seed-demo "$2"' _ "$(realpath "$A_MIG")" "$TMP/credentials-a.txt" \
    >"$TMP/migrate-a.log" 2>&1 || { tail -30 "$TMP/migrate-a.log" >&2; die "A's migration or seeding failed"; }
fi
bench_durable
[ -n "${A_MIG:-}" ] && A_ENV="ConnectionStrings__Default=Host=$SOCK;Database=complaintcloud_a;Username=cc_app${A_ENV:+,$A_ENV}"

start() { # name dll env: starts one app in the background and records "pid base platform-key" in $TMP/<name>.app
  local kv; API_DLL=$2; PORT=""
  ( for kv in ${3//,/ }; do export "$kv"; done; bench_start_app; echo "$APP_PID $BASE $PLATFORM_KEY" > "$TMP/$1.app"; wait "$APP_PID" ) &
  for _ in $(seq 1 240); do [ -s "$TMP/$1.app" ] && break; sleep 0.5; done
  [ -s "$TMP/$1.app" ] || die "app $1 did not start"
}
start A "$A_DLL" "${A_ENV:-}"; start B "$B_DLL" "${B_ENV:-}"
read -r A_PID A_BASE A_KEY < "$TMP/A.app"; read -r B_PID B_BASE B_KEY < "$TMP/B.app"
trap 'kill "$A_PID" "$B_PID" 2>/dev/null; cleanup' EXIT

provision() { # base platform-key file: 32 tenants through that app's platform API (lib.sh's bench_provision)
  local BASE=$1 PLATFORM_KEY=$2 i
  : >"$3"
  for i in $(seq -w 1 32); do bench_provision "ab-$i" >>"$3"; done
  # AB_TENANTS=1 measures the one-workspace burst instead (all 32 writers into the first tenant).
  head -n "${AB_TENANTS:-32}" "$3" > "$3.measured"
}
log "provisioning 32 tenants"
provision "$A_BASE" "$A_KEY" "$TMP/spread-A.txt"
if [ -n "${A_MIG:-}" ]; then provision "$B_BASE" "$B_KEY" "$TMP/spread-B.txt"; else cp "$TMP/spread-A.txt.measured" "$TMP/spread-B.txt.measured"; fi
export SPREAD_MODE=api BENCH_DIR COMPLAINT_BODY="${COMPLAINT_BODY:-complaint.json}"
run_wrk() { # base duration workspaces-file
  SPREAD_TENANTS_FILE="$3" wrk -t2 -c32 -d"$2" -s "$BENCH_DIR/post-complaint-spread.lua" --timeout 10s --latency "$1/api/v1/complaints" 2>&1; }

log "warming both (the JIT needs about 30 s of load)"
for w in A B A B; do b=${w}_BASE; run_wrk "${!b}" "${WARM:-20s}" "$TMP/spread-$w.txt.measured" >/dev/null; done

declare -A creates app pg
for r in $(seq 1 "${ROUNDS:-6}"); do
  for w in A B; do
    b=${w}_BASE; p=${w}_PID
    a0=$(cpu_ticks "${!p}"); p0=$(pg_ticks)
    out=$(run_wrk "${!b}" "${WINDOW:-6s}" "$TMP/spread-$w.txt.measured" | grep '^BENCH')
    a1=$(cpu_ticks "${!p}"); p1=$(pg_ticks)
    n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$out")
    creates[$w]=$(( ${creates[$w]:-0} + n )); app[$w]=$(( ${app[$w]:-0} + a1 - a0 )); pg[$w]=$(( ${pg[$w]:-0} + p1 - p0 ))
    p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' <<<"$out")
    awk -v w="$w" -v r="$r" -v n="$n" -v a=$((a1 - a0)) -v p=$((p1 - p0)) -v hz="$HZ" -v q="$p99" \
      'BEGIN { printf "%s round %s: %6d creates  app %.3f  pg %.3f CPU ms/create  p99 %.1f ms\n", w, r, n, a / hz * 1000 / n, p / hz * 1000 / n, q / 1000 }'
  done
done
for w in A B; do
  awk -v w="$w" -v n="${creates[$w]}" -v a="${app[$w]}" -v p="${pg[$w]}" -v hz="$HZ" \
    'BEGIN { printf "total %s: %6d creates  app %.3f  pg %.3f CPU ms/create\n", w, n, a / hz * 1000 / n, p / hz * 1000 / n }'
done
awk -v a="${creates[A]}" -v b="${creates[B]}" 'BEGIN { printf "B / A creates: %.2f\n", b / a }'
echo "PostgreSQL: $DURABILITY"
echo "body: bench/$COMPLAINT_BODY"
[ -n "${A_MIG:-}" ] && echo "A and B in databases of their own on that cluster, each migrated by its own build (A_MIG)"
