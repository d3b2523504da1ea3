#!/usr/bin/env bash
# ComplaintCloud search benchmark at volume (issue 15): builds in Release, starts a throwaway PostgreSQL cluster, migrates
# + seeds it, starts the API on a loopback port, provisions the measured workspace through the platform API (for a real
# API key), bulk-loads ~1,000,000 complaints (a third of them in Chinese, gen_complaints.py --chinese-share) with their
# received events over ~100 workspaces by COPY, the measured one holding MEASURED_COMPLAINTS. Then it runs the migrator's
# `migrate` again (idempotent: a build with the CJK search backfills the search column of the rows COPY loaded without
# it; on a build without it nothing happens and the generated search_vector, filled during COPY, is used), VACUUM
# ANALYZEs, restarts the same cluster DURABLE (bench_durable in lib.sh) and the app, and measures with wrk
# (THREADS x CONNECTIONS, a few connections: this is a latency target, not a throughput one), warm-ups first:
#   zh       GET /api/v1/complaints?q=<ZH_WORD, 扣款>        a two-character Chinese word; target p95 <= 100 ms
#   en       GET /api/v1/complaints?q=<EN_WORD, damaged>     an English word in ~10 % of English complaints; target p95 <= 100 ms
#   zh-rare  GET /api/v1/complaints?q=<ZH_RARE_WORD, 发票>   a rarer Chinese word, no target
#   number   GET /api/v1/complaints?q=<NUMBER_Q, C-<year>-000123>  a complaint-number lookup, no target
# For each query: one curl for page 1 (its items, whether nextCursor is set) and a SQL count of the measured workspace's
# complaints containing the word (subject, description, customer name or email; for the number, the complaint with it).
# Prints req/s, p50/p95/p99, CPU per request, PASS/FAIL; writes the same to bench/results/search-latest.txt. Everything is
# torn down on exit, Ctrl-C or failure. The per-workspace rate limit is raised out of reach (lib.sh).
#
# Knobs (environment): DURATION=15s WARMUP=10s CONNECTIONS=4 THREADS=2 PORT=<free port> WRK_TIMEOUT=10s SKIP_BUILD=1
#   BULK_TENANTS=99  BULK_PER_TENANT=9091  MEASURED_COMPLAINTS=100000  CHINESE_SHARE=0.333
#   ZH_WORD=扣款  EN_WORD=damaged  ZH_RARE_WORD=发票  NUMBER_Q=C-<this year>-000123  SEARCH_COLUMN=search_tokens
#   BENCH_FSYNC_OFF=1 (measure on the throwaway cluster; not as deployed)
# Exit status: 0 both targets met, 1 a target missed, 2 the benchmark itself failed.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # log, die, cleanup trap, build/db/app/load helpers; cd's to the repo root

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
BULK_TENANTS=${BULK_TENANTS:-99}
BULK_PER_TENANT=${BULK_PER_TENANT:-9091}
MEASURED_COMPLAINTS=${MEASURED_COMPLAINTS:-100000}
CHINESE_SHARE=${CHINESE_SHARE:-0.333}
ZH_WORD=${ZH_WORD:-扣款}
EN_WORD=${EN_WORD:-damaged}   # gen_complaints.py: one of ten problems, ~10 % of English complaints ("refund" is in none)
ZH_RARE_WORD=${ZH_RARE_WORD:-发票}
YEAR=$(date -u +%Y)
NUMBER_Q=${NUMBER_Q:-C-$YEAR-000123}
SEARCH_COLUMN=${SEARCH_COLUMN:-search_tokens}   # the CJK search's column, backfilled by the migrator where NULL
TARGET_P95_MS=100
[ "$THREADS" -le "$CONNECTIONS" ] || die "THREADS ($THREADS) must not exceed CONNECTIONS ($CONNECTIONS)"

command -v python3 >/dev/null || die "python3 not found"
bench_tools
bench_build
bench_start_db
bench_start_app

# ---- the measured workspace, with an API key ----------------------------------------------------------
log "provisioning the measured tenant through POST /api/v1/tenants"
bench_provision bench-search >"$TMP/tenant"   # not in $(...): die must end this shell
read -r TENANT KEY <"$TMP/tenant"
[ -n "$KEY" ] || die "provisioning returned no API key"
AUTH="Authorization: Bearer $KEY"

# ---- bulk load, the search column's backfill, VACUUM ANALYZE ------------------------------------------------
PLAN="$TMP/plan.csv"
bench_plan "$PLAN" "$BULK_TENANTS" "$BULK_PER_TENANT" "$TENANT,$MEASURED_COMPLAINTS"
log "bulk-loading $TOTAL complaints (+ $TOTAL events; $CHINESE_SHARE of them in Chinese) over $NTENANTS tenants with COPY"
bench_load "$PLAN" --chinese-share "$CHINESE_SHARE"
log "loaded in ${LOAD_S}s"
bench_cursors_at_newest

# The migrator again, on the loaded data: a build with the CJK search fills its column for the rows COPY loaded without
# it (where NULL, tenant by tenant); on a build without it there is nothing to do.
log "migrate again (search backfill)"
t0=$(date +%s.%N)
dotnet "$MIG_DLL" migrate >"$TMP/migrate-again.log" 2>&1 || { cat "$TMP/migrate-again.log" >&2; die "the second migrate failed"; }
BACKFILL_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
HAS_COLUMN=$(psql_super -At -c "SELECT count(*) FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name = 'complaints' AND column_name = '$SEARCH_COLUMN'")
if [ "$HAS_COLUMN" = 1 ]; then
  UNFILLED=$(psql_super -At -c "SELECT count(*) FROM complaints WHERE $SEARCH_COLUMN IS NULL")
  [ "$UNFILLED" = 0 ] || die "after the second migrate $UNFILLED complaints still have no $SEARCH_COLUMN (they could not be found)"
  SEARCH_NOTE="complaints.$SEARCH_COLUMN filled by the second migrate in ${BACKFILL_S}s (no NULL left)"
else
  SEARCH_NOTE="no complaints.$SEARCH_COLUMN: this build searches the generated search_vector (filled during COPY); second migrate ${BACKFILL_S}s"
fi
log "$SEARCH_NOTE"

log "VACUUM ANALYZE"
t0=$(date +%s.%N)
psql_super -c "VACUUM ANALYZE tenants, complaints, complaint_events, complaint_number_counters, event_consumer_cursors"
VACUUM_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
DB_SIZE=$(psql_super -At -c "SELECT pg_size_pretty(pg_database_size('complaintcloud'))")
# Chinese = a CJK character in the subject (the generator writes a Chinese complaint's subject in Chinese).
read -r COUNT_ALL ZH_ALL COUNT_T ZH_T < <(psql_super -At -F' ' -c "SELECT count(*), count(*) FILTER (WHERE subject ~ '[一-鿿]'),
  count(*) FILTER (WHERE tenant_id = '$TENANT'), count(*) FILTER (WHERE tenant_id = '$TENANT' AND subject ~ '[一-鿿]') FROM complaints")
[ "$COUNT_T" -eq "$MEASURED_COMPLAINTS" ] || die "expected $MEASURED_COMPLAINTS complaints in the measured tenant, found $COUNT_T"
SEARCH_INDEXES=$(psql_super -At -c "SELECT coalesce(string_agg(i.indexrelid::regclass || ' ' || pg_size_pretty(pg_relation_size(i.indexrelid)), ', '
    ORDER BY i.indexrelid::regclass::text), 'none')
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
  WHERE i.indrelid = 'complaints'::regclass AND a.amname IN ('gin', 'gist')")

# ---- from here on as deployed: the same cluster restarted durable, the app restarted on it ------------------
bench_durable

# ---- the queries, their hits ---------------------------------------------------------------------------------
NAMES="zh en zh-rare number"
declare -A Q WHAT TARGETED ENC PAGE1 NEXT SQLCOUNT SQLNOTE RPS P50 P95 P99 APP_MS PG_MS TIMEOUTS VERDICT
Q[zh]=$ZH_WORD;           WHAT[zh]="Chinese two-character word";  TARGETED[zh]=1
Q[en]=$EN_WORD;           WHAT[en]="English word";                TARGETED[en]=1
Q[zh-rare]=$ZH_RARE_WORD; WHAT[zh-rare]="rarer Chinese word";     TARGETED[zh-rare]=0
Q[number]=$NUMBER_Q;      WHAT[number]="complaint number";        TARGETED[number]=0
# Complaints of the measured workspace that contain the query: a CJK query as a substring, another as a whole word
# (case-insensitive) in the fields today's search covers; the number query counts the complaint with that number.
sql_count() { # name
  local q=${Q[$1]}
  if [ "$1" = number ]; then
    psql_super -At -v q="$q" -v t="$TENANT" <<'SQL'
SELECT count(*) FROM complaints WHERE tenant_id = :'t' AND number = :'q';
SQL
  elif python3 -c 'import re, sys; sys.exit(not re.search("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", sys.argv[1]))' "$q"; then
    psql_super -At -v q="$q" -v t="$TENANT" <<'SQL'
SELECT count(*) FROM complaints WHERE tenant_id = :'t'
  AND strpos(concat_ws(' ', subject, description, customer_name, customer_email), :'q') > 0;
SQL
  else
    psql_super -At -v q="$q" -v t="$TENANT" <<'SQL'
SELECT count(*) FROM complaints WHERE tenant_id = :'t'
  AND concat_ws(' ', subject, description, customer_name, customer_email) ~* ('\m' || :'q' || '\M');
SQL
  fi
}
for name in $NAMES; do
  ENC[$name]=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "${Q[$name]}")
  status=$(curl -s -o "$TMP/hits-$name.json" -w '%{http_code}' -H "$AUTH" "$BASE/api/v1/complaints?q=${ENC[$name]}")
  [ "$status" = 200 ] || { cat "$TMP/hits-$name.json" >&2; echo >&2; die "q=${Q[$name]} answered $status"; }
  read -r "PAGE1[$name]" "NEXT[$name]" < <(python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); print(len(d["items"]), "yes" if d.get("nextCursor") else "no")' "$TMP/hits-$name.json")
  SQLCOUNT[$name]=$(sql_count "$name")
  case $name in
    zh|zh-rare) SQLNOTE[$name]=$(awk -v n="${SQLCOUNT[$name]}" -v d="$ZH_T" 'BEGIN { printf "%.1f %% of its %d Chinese complaints", d ? 100 * n / d : 0, d }') ;;
    en) SQLNOTE[$name]=$(awk -v n="${SQLCOUNT[$name]}" -v d="$((COUNT_T - ZH_T))" 'BEGIN { printf "%.1f %% of its %d English complaints", d ? 100 * n / d : 0, d }') ;;
    *) SQLNOTE[$name]="with that number" ;;
  esac
  log "q=${Q[$name]}: page 1 has ${PAGE1[$name]} items, nextCursor ${NEXT[$name]}; SQL count ${SQLCOUNT[$name]}"
done

# ---- measure ----------------------------------------------------------------------------------------------
# wrk runs in the background and is waited for, so that Ctrl-C reaches the trap at once.
wrk_run() { # name duration output-file [extra wrk args]
  local name=$1 duration=$2 out=$3; shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" -s "$BENCH_DIR/report.lua" --timeout "$WRK_TIMEOUT" -H "$AUTH" "$@" \
    "$BASE/api/v1/complaints?q=${ENC[$name]}" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { cat "$out" >&2; die "wrk failed on $name"; }
  WRK_PID=""
}
measure() { # name  -> fills RPS P50 P95 P99 APP_MS PG_MS TIMEOUTS
  local name=$1 n
  log "$name: measuring $DURATION, $CONNECTIONS connections"
  bench_measured "$name" "$TMP/wrk-$name.txt" wrk_run "$name" "$DURATION" "$TMP/wrk-$name.txt" --latency
  TIMEOUTS[$name]=$(wrk_field timeout)   # requests slower than WRK_TIMEOUT: reported, not fatal
  n=$(wrk_field requests)
  RPS[$name]=$(wrk_field rps); P50[$name]=$(wrk_ms p50_us 1); P95[$name]=$(wrk_ms p95_us 1); P99[$name]=$(wrk_ms p99_us 1)
  APP_MS[$name]=$(per_request_ms "$WRK_APP_TICKS" "$n" 2)
  PG_MS[$name]=$(per_request_ms "$WRK_PG_TICKS" "$n" 2)
}
# Warm every query before measuring any (the JIT keeps compiling for ~30 s under load on small machines).
for name in $NAMES; do
  log "$name: warm-up $WARMUP"
  wrk_run "$name" "$WARMUP" "$TMP/warmup-$name.txt"
done
for name in $NAMES; do measure "$name"; done
for name in $NAMES; do
  if [ "${TARGETED[$name]}" = 1 ]; then VERDICT[$name]="p95 <= $TARGET_P95_MS: $(verdict_le "${P95[$name]}" "$TARGET_P95_MS")"
  else VERDICT[$name]="no target"; fi
done

# ---- report --------------------------------------------------------------------------------------------------
report=$(
  bench_report_head "search benchmark" "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency per query after a $WARMUP warm-up of each"
  echo
  echo "data: $TOTAL complaints loaded over $NTENANTS tenants + their complaint.received events; with the demo workspaces' $COUNT_ALL"
  echo "      complaints, $ZH_ALL of them in Chinese (database $DB_SIZE)"
  echo "      measured workspace (provisioned through the API): $COUNT_T complaints, $ZH_T in Chinese"
  echo "load: COPY ${LOAD_S}s; $SEARCH_NOTE; VACUUM ANALYZE ${VACUUM_S}s"
  echo "search indexes on complaints: $SEARCH_INDEXES"
  echo
  echo "queries, GET /api/v1/complaints?q=... in the measured workspace (default page size); SQL = its complaints containing the query"
  for name in $NAMES; do
    echo "  $name: q=${Q[$name]} (${WHAT[$name]}): page 1 ${PAGE1[$name]} items, nextCursor ${NEXT[$name]}; SQL ${SQLCOUNT[$name]} (${SQLNOTE[$name]})"
  done
  echo
  printf '%-8s %8s %8s %8s %8s %15s %14s %9s  %s\n' query 'req/s' 'p50 ms' 'p95 ms' 'p99 ms' 'app CPU ms/req' 'pg CPU ms/req' timeouts target
  for name in $NAMES; do
    printf '%-8s %8.0f %8s %8s %8s %15s %14s %9s  %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P95[$name]}" "${P99[$name]}" \
      "${APP_MS[$name]}" "${PG_MS[$name]}" "${TIMEOUTS[$name]}" "${VERDICT[$name]}"
  done
  echo
  awk -v o="$OTHER" -v b="$BUSY" 'BEGIN { share = b > 0 ? 100 * o / b : 0; if (share < 0) share = 0
    printf "other load: %.0f%% of the busy CPU time while measuring went to other processes\n", share
    if (share > 10) print "note: other work shared the machine - latencies are noisy; CPU ms/req are steadier." }'
)
mkdir -p "$BENCH_DIR/results"
printf '%s\n' "$report" >"$BENCH_DIR/results/search-latest.txt"
echo
printf '%s\n' "$report"
echo "(also written to bench/results/search-latest.txt)"

for name in $NAMES; do [[ "${VERDICT[$name]}" == *FAIL ]] && exit 1; done
exit 0
