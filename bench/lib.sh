# Shared by bench/run.sh and bench/complaints.sh (source it; it sets 'set -euo pipefail' and traps).
# Provides: log, die, a cleanup trap (app, wrk, cluster, temp dir), bench_tools, bench_build,
# bench_start_db (throwaway cluster + migrate + seed: sets TMP SOCK API_KEY), bench_durable (the same cluster
# restarted durable for measuring), bench_start_app (sets PORT BASE APP_PID PLATFORM_KEY), bench_stop_app, check,
# bench_provision (a tenant through the platform API), bench_plan + bench_load (bulk complaints by COPY),
# bench_cursors_at_newest, the /proc CPU helpers, bench_measured (a wrk run with its CPU accounted) and
# bench_report_head.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
export BENCH_DIR   # post-*.lua scripts find report.lua through it
cd "$ROOT"

API_DLL=src/ComplaintCloud.Api/bin/Release/net10.0/ComplaintCloud.Api.dll
MIG_DLL=migrations/ComplaintCloud.Migrations/bin/Release/net10.0/ComplaintCloud.Migrations.dll

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  if [ -n "${TMP:-}" ] && [ -s "$TMP/app.log" ]; then log "last lines of the app log:"; tail -30 "$TMP/app.log" >&2; fi
  log "ERROR: $*"
  exit 2
}

# ---- cleanup: always stop the app and the cluster and remove the temp dir ----------------------
TMP=""
APP_PID=""
WRK_PID=""
BG_PIDS=""   # other background helpers to stop (space-separated)
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local p
  for p in $BG_PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  bench_stop_app
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then
    if [ -d "$TMP/pg" ]; then "$ROOT/scripts/pg-cluster.sh" stop "$TMP/pg" || true; fi
    rm -rf "$TMP"
  fi
  exit "$rc"
}
# Stops the app started by bench_start_app (TERM, then KILL after 10 s).
bench_stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---- tools -----------------------------------------------------------------------------------
bench_tools() {
  command -v dotnet >/dev/null || die "dotnet SDK not found"
  command -v curl >/dev/null || die "curl not found"
  if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian package)"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null 2>&1 || {
      $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null; }
    command -v wrk >/dev/null || die "could not install wrk"
  fi
}

# ---- build ----------------------------------------------------------------------------------
bench_build() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building (Release)"
    local proj out
    for proj in src/ComplaintCloud.Api/ComplaintCloud.Api.csproj migrations/ComplaintCloud.Migrations/ComplaintCloud.Migrations.csproj; do
      out=$(dotnet build -c Release -nologo "$proj" 2>&1) || { printf '%s\n' "$out" | tail -40 >&2; die "build failed: $proj"; }
    done
  fi
  [ -f "$API_DLL" ] && [ -f "$MIG_DLL" ] || die "Release build output missing"
}

# ---- database: throwaway cluster, migrate, seed the demo tenants --------------------------------
# The cluster starts with fsync, synchronous_commit and full_page_writes off (--throwaway), for loading fast, unless
# BENCH_DURABLE=1, which keeps PostgreSQL's durable defaults from the start. Before measuring, scripts call
# bench_durable (below), which switches the same cluster to the durable defaults.
bench_start_db() {
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/cc-bench.XXXXXX")
  chmod 711 "$TMP"   # as root the cluster runs as 'postgres', which must reach $TMP/pg
  local mode=--throwaway what=throwaway
  [ "${BENCH_DURABLE:-0}" = 1 ] && { mode=""; what="durable (fsync and synchronous_commit on)"; }
  log "starting $what PostgreSQL in $TMP/pg"
  SOCK=$("$ROOT/scripts/pg-cluster.sh" start "$TMP/pg" $mode | tail -1)
  [ -S "$SOCK/.s.PGSQL.5432" ] || die "PostgreSQL socket not found in '$SOCK'"

  export ConnectionStrings__Migrations="Host=$SOCK;Database=complaintcloud;Username=cc_owner"
  export ConnectionStrings__Default="Host=$SOCK;Database=complaintcloud;Username=cc_app"
  log "migrating and seeding"
  dotnet "$MIG_DLL" migrate >"$TMP/migrate.log" 2>&1 || { cat "$TMP/migrate.log" >&2; die "migration failed"; }
  dotnet "$MIG_DLL" seed-demo "$TMP/credentials.txt" >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log" >&2; die "seeding failed"; }
  API_KEY=$(grep -o 'API key cc_[^[:space:]]*' "$TMP/credentials.txt" | head -1 | cut -d' ' -f3)
  [ -n "$API_KEY" ] || die "no demo API key in the credentials file"
}

# psql as the superuser on the cluster socket (bypasses RLS; for bulk loading and inspection).
pg_bin() { local d; for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$d/psql" ] && { echo "$d"; return; }; done; dirname "$(command -v psql)"; }
psql_super() { "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -U postgres -d complaintcloud "$@"; }

# ---- durable for measuring: load on the throwaway cluster, measure as deployed ---------------------------
# Loading (migrate, seed, provisioning, COPY, VACUUM) runs with fsync, synchronous_commit and full_page_writes off;
# every write that is measured runs with PostgreSQL's durable defaults, as a deployment has them. bench_durable stops
# the app if it runs (its pooled connections would break), stops the cluster (a clean shutdown checkpoint), flushes
# the files the throwaway settings never fsynced to disk (initdb --sync-only: PostgreSQL's documentation asks for
# this before fsync is turned back on), starts the same cluster again without --throwaway, checks the three
# settings, runs CHECKPOINT (so measured writes pay their own full-page images from a clean start), and starts the
# app again if it had been running (same port; warm-ups come after). On a cluster that is durable already
# (BENCH_DURABLE=1) it only checks and checkpoints. BENCH_FSYNC_OFF=1 skips it, to measure on the throwaway
# cluster as the benchmarks before issue 12 did. Sets DURABILITY (a line for the reports).
DURABILITY="throwaway cluster: fsync, synchronous_commit and full_page_writes off"
pg_durability() { psql_super -At -c "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')"; }
bench_durable() {
  if [ "${BENCH_FSYNC_OFF:-0}" = 1 ]; then
    log "BENCH_FSYNC_OFF=1: measuring on the throwaway cluster ($(pg_durability))"
    DURABILITY="BENCH_FSYNC_OFF=1, not as deployed: $(pg_durability)"
    return
  fi
  local want="fsync=on full_page_writes=on synchronous_commit=on" restart_app=0 got
  if [ "$(pg_durability)" != "$want" ]; then
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then restart_app=1; log "stopping the app for the restart"; bench_stop_app; fi
    log "restarting PostgreSQL durable (fsync, synchronous_commit, full_page_writes on)"
    local t0; t0=$(date +%s.%N)
    "$ROOT/scripts/pg-cluster.sh" stop "$TMP/pg"
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$(pg_bin)/initdb" --sync-only -D "$TMP/pg/data" >/dev/null
    else "$(pg_bin)/initdb" --sync-only -D "$TMP/pg/data" >/dev/null; fi
    SOCK=$("$ROOT/scripts/pg-cluster.sh" start "$TMP/pg" | tail -1)
    [ -S "$SOCK/.s.PGSQL.5432" ] || die "PostgreSQL socket not found in '$SOCK' after the restart"
    DURABLE_SWITCH_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    DURABILITY="durable: $want (data loaded with them off, then the cluster restarted, files synced, CHECKPOINT)"
  else
    DURABILITY="durable: $want (from the start, BENCH_DURABLE=1; CHECKPOINT before measuring)"
  fi
  got=$(pg_durability)
  [ "$got" = "$want" ] || die "PostgreSQL is not durable after the restart: $got"
  psql_super -c CHECKPOINT
  log "PostgreSQL: $got"
  if [ "$restart_app" = 1 ]; then bench_start_app; fi
}

# ---- app ------------------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
bench_start_app() {
  if [ -z "${PORT:-}" ]; then
    for _ in $(seq 1 50); do PORT=$((20000 + RANDOM % 40000)); port_free "$PORT" && break; done
  fi
  port_free "$PORT" || die "port $PORT is in use"
  BASE="http://127.0.0.1:$PORT"
  PLATFORM_KEY="bench-platform-$RANDOM$RANDOM"

  log "starting the app on $BASE"
  # Configured as Production (appsettings.json only), but named otherwise: Production refuses the raw yardsticks.
  ASPNETCORE_ENVIRONMENT=Benchmark \
  ASPNETCORE_URLS="$BASE" \
  Bench__RawEndpoint=true \
  RateLimit__PermitsPerWindow=100000000 \
  Platform__ApiKey="$PLATFORM_KEY" \
  Logging__LogLevel__Default=Warning \
  Email__PickupFolder="$TMP/mail" \
  Outbox__Enabled="${OUTBOX_ENABLED:-false}" \
    dotnet "$API_DLL" --contentRoot "$ROOT/src/ComplaintCloud.Api" >"$TMP/app.log" 2>&1 &
  APP_PID=$!

  local i
  for i in $(seq 1 120); do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start-up"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/live")" = 200 ] && break
    [ "$i" = 120 ] && die "the app did not become ready in 60 s"
    sleep 0.5
  done
}

check() { # name expected-status curl-args...
  local name=$1 want=$2; shift 2
  local got; got=$(curl -s -o "$TMP/check.out" -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { cat "$TMP/check.out" >&2; echo >&2; die "$name answered $got, expected $want"; }
}

# ---- tenants and bulk data ---------------------------------------------------------------------------
# A tenant provisioned through POST /api/v1/tenants (the app must run), so its API key is real: prints "id key".
# Call it with its output redirected to a file, not inside $(...), so that die ends the script.
bench_provision() { # slug
  local out; out=$(curl -s -w '\n%{http_code}' -X POST -H "X-Platform-Key: $PLATFORM_KEY" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench $1\",\"slug\":\"$1\",\"timeZone\":\"Europe/Berlin\",\"locale\":\"en\",\"adminEmail\":\"admin@$1.example.com\",\"adminPassword\":\"Bench-password-1\"}" \
    "$BASE/api/v1/tenants")
  [ "$(tail -1 <<<"$out")" = 201 ] || die "provisioning tenant $1 failed: $out"
  head -1 <<<"$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["apiKey"])'
}

# COPY of CSV on stdin into a table, as the superuser (bypasses row-level security). Foreign keys are checked by
# triggers; replica mode skips them for the load (the generator's rows are consistent by construction).
bench_copy_in() { # table columns
  PGOPTIONS="-c session_replication_role=replica" "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -U postgres -d complaintcloud \
    -c "\\copy $1 ($2) FROM STDIN WITH (FORMAT csv)"
}

# The plan file bench_load reads: first the given "<tenant id>,<complaints>" of tenants that exist already (provisioned
# through the API), then BULK new tenants of PER complaints each. Sets TOTAL (complaints) and NTENANTS.
bench_plan() { # file bulk per [tenant,count ...]
  local file=$1 bulk=$2 per=$3 t; shift 3
  { for t in "$@"; do echo "$t,0"; done
    python3 -c "import uuid, sys
for _ in range(int(sys.argv[1])): print(f'{uuid.uuid4()},{sys.argv[2]},1')" "$bulk" "$per"; } >"$file"
  TOTAL=$(awk -F, '{ s += $2 } END { print s }' "$file")
  NTENANTS=$(wc -l <"$file")
}

# Bulk data from bench/gen_complaints.py for a plan file ("<tenant uuid>,<complaints>,<bulk 0|1>" a line): the bulk
# tenants' rows, the number counters, then the complaints and their received events by COPY, those two in parallel.
# The arguments after the plan go to the generator's 'complaints' kind (--ids-out ..., --chinese-share ...).
# Sets LOAD_S (seconds).
bench_load() { # plan [complaint generator options...]
  local plan=$1 gen="$BENCH_DIR/gen_complaints.py" t0 load1 load2; shift
  local complaint_cols="tenant_id, id, number, subject, description, channel, severity, status, customer_name, customer_email, customer_phone, customer_external_id, product_ref, external_ref, desired_outcome, received_at, created_at, due_at, sender_verified"
  local event_cols="tenant_id, id, complaint_id, type, actor_kind, actor_id, actor_name, occurred_at, from_status, to_status, data"
  t0=$(date +%s.%N)
  python3 "$gen" tenants "$plan" | bench_copy_in tenants "id, slug, name, time_zone, locale, created_at"
  python3 "$gen" counters "$plan" | bench_copy_in complaint_number_counters "tenant_id, year, last_number"
  ( python3 "$gen" complaints "$plan" "$@" | bench_copy_in complaints "$complaint_cols" ) 2>"$TMP/load-complaints.err" &
  load1=$!; BG_PIDS="$load1"
  ( python3 "$gen" events "$plan" | bench_copy_in complaint_events "$event_cols" ) 2>"$TMP/load-events.err" &
  load2=$!; BG_PIDS="$load1 $load2"
  wait "$load1" || { cat "$TMP/load-complaints.err" >&2; die "loading complaints failed"; }
  wait "$load2" || { cat "$TMP/load-events.err" >&2; die "loading events failed"; }
  BG_PIDS=""
  LOAD_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
}

# The loaded history stands for data from before the change-feed consumers existed: their cursors start at each
# tenant's newest event, as the migrations that add a consumer do (EventConsumersSql.StartAtNewest), instead of the
# consumers reading a million old events during the measurements.
bench_cursors_at_newest() {
  psql_super -c "INSERT INTO event_consumer_cursors (tenant_id, consumer, transaction_id, position, updated_at)
    SELECT e.tenant_id, c.name, e.transaction_id, e.position, now()
    FROM (SELECT DISTINCT ON (tenant_id) tenant_id, transaction_id, position FROM complaint_events
          ORDER BY tenant_id, transaction_id DESC, position DESC) e
    CROSS JOIN (VALUES ('escalation'), ('webhooks')) c(name)
    ON CONFLICT (tenant_id, consumer) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position" >/dev/null
}

# ---- CPU accounting from /proc --------------------------------------------------------------------
# CPU ticks (utime+stime, reaped children included) of a process; of the cluster = postmaster + children.
HZ=$(getconf CLK_TCK)
cpu_ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] + f[14] + f[15] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local pm t c; pm=$(head -1 "$TMP/pg/data/postmaster.pid")
  t=$(cpu_ticks "$pm")
  for c in $(ps -o pid= --ppid "$pm"); do t=$((t + $(cpu_ticks "$c"))); done
  echo "$t"
}
# Machine-wide busy ticks, and this shell's reaped children (wrk), to tell how much CPU other
# processes took during the measurement.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
self_children_ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[14] + f[15] }' /proc/$$/stat; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
verdict_ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? "PASS" : "FAIL" }'; }
verdict_le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "PASS" : "FAIL" }'; }

# ---- a measured wrk run ------------------------------------------------------------------------------------
# bench_measured runs a command that runs wrk with report.lua into OUT, and reads the CPU ticks of the app, of PostgreSQL,
# of the whole machine and of this shell's children (wrk) around it: sets WRK_LINE (report.lua's BENCH line),
# WRK_APP_TICKS and WRK_PG_TICKS, and adds to BUSY and OTHER (the busy ticks that went to other processes). Failed
# requests (non-2xx/3xx, socket errors) end the benchmark; timeouts are only counted (wrk_field timeout).
BUSY=0; OTHER=0
bench_measured() { # name out command...
  local name=$1 out=$2 a0 p0 b0 w0 a1 p1 b1 w1 bad; shift 2
  a0=$(cpu_ticks "$APP_PID"); p0=$(pg_ticks); b0=$(busy_ticks); w0=$(self_children_ticks)
  "$@"
  a1=$(cpu_ticks "$APP_PID"); p1=$(pg_ticks); b1=$(busy_ticks); w1=$(self_children_ticks)
  BUSY=$((BUSY + b1 - b0)); OTHER=$((OTHER + (b1 - b0) - (a1 - a0) - (p1 - p0) - (w1 - w0)))
  WRK_APP_TICKS=$((a1 - a0)); WRK_PG_TICKS=$((p1 - p0))
  WRK_LINE=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "no result from wrk for $name"; }
  bad=$(( $(wrk_field non2xx3xx) + $(wrk_field connect) + $(wrk_field read) + $(wrk_field write) ))
  [ "$bad" -eq 0 ] || { cat "$out" >&2; die "$name: $bad failed requests (non-2xx/3xx or socket errors)"; }
}
wrk_field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$WRK_LINE"; }               # a field of WRK_LINE
wrk_ms() { awk -v us="$(wrk_field "$1")" -v d="${2:-2}" 'BEGIN { printf "%." d "f", us / 1000 }'; }   # a *_us field in ms
per_request_ms() { # ticks requests [decimals]: CPU ms per request
  awk -v t="$1" -v hz="$HZ" -v n="$2" -v d="${3:-3}" 'BEGIN { printf "%." d "f", n ? t / hz * 1000 / n : 0 }'
}

# The first lines of a report: what was measured, when, on which commit (and whether src/ or migrations/ had
# uncommitted changes), how wrk ran, on which PostgreSQL settings, and that the rate limit was out of reach.
bench_report_head() { # title wrk-line
  local changes=""; git diff --quiet HEAD -- src migrations 2>/dev/null || changes=" (+uncommitted changes)"
  echo "ComplaintCloud $1  $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$changes"
  echo "$2; 127.0.0.1; $(nproc) CPUs"
  echo "PostgreSQL: $DURABILITY"
  echo "per-workspace rate limit raised out of reach for the run (RateLimit__PermitsPerWindow=100000000)"
}
