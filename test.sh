#!/usr/bin/env bash
# Runs every check on a fresh machine of our kind: installs what is missing, starts a throwaway
# PostgreSQL, builds (which regenerates openapi/), runs the xunit suite (API, tenancy, schema, browser tests and a
# TypeScript client generated from the OpenAPI document), lints the OpenAPI document with Spectral, and ends with one line:
#   N passed, N failed[, N skipped]
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/prerequisites.sh
ensure_dotnet
[ -x /usr/bin/chromium ] || { echo "Installing Chromium for the browser tests ..."; apt_install chromium; }
# A CJK font, so screenshots of the Chinese admin are readable.
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || apt_install fonts-wqy-microhei || true
command -v npx >/dev/null 2>&1 || { echo "Installing Node.js for the OpenAPI lint ..."; apt_install nodejs npm; }
# The generated-client test (GeneratedClientTests) runs the pinned openapi-typescript, openapi-fetch and tsc from here;
# installed again only when the lock file changed.
client=tests/client-ts
if ! cmp -s "$client/package-lock.json" "$client/node_modules/.installed-package-lock.json"; then
  echo "Installing the TypeScript client test's packages ..."
  (cd "$client" && npm ci --no-audit --no-fund --prefer-offline >/dev/null && cp package-lock.json node_modules/.installed-package-lock.json)
fi

work=$(mktemp -d /tmp/complaintcloud-test.XXXXXX)
chmod 755 "$work"  # the cluster runs as the postgres user, which must reach its folder inside
cleanup() { scripts/pg-cluster.sh stop "$work/pg" || true; rm -rf "$work"; }
trap cleanup EXIT
CC_TEST_PGHOST=$(scripts/pg-cluster.sh start "$work/pg" --throwaway)  # not behind export: a failed start stops here
export CC_TEST_PGHOST

echo "Building ..."
dotnet build ComplaintCloud.sln -c Release -v quiet -nologo -clp:ErrorsOnly

# The build regenerated openapi/: in a checkout, a difference means code and document drifted apart.
drift_failed=0
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- openapi/; then
  echo "openapi/complaintcloud.v1.json differs from what the build generates; commit the regenerated file:" >&2
  git --no-pager diff --stat -- openapi/ >&2
  drift_failed=1
fi

echo "Running tests ..."
set +e
dotnet test ComplaintCloud.sln -c Release --no-build --nologo -v quiet \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$work/results"
tests_exit=$?
set -e

echo "Linting openapi/complaintcloud.v1.json with Spectral ..."
lint_failed=0
npx --yes @stoplight/spectral-cli@6.16.3 lint openapi/complaintcloud.v1.json --ruleset .spectral.yaml --fail-severity error \
  || lint_failed=1

trx=$(find "$work/results" -name '*.trx' | head -1)
# The failures again, last, so the tail of a CI log names them.
[ -n "$trx" ] && python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
for r in ET.parse(sys.argv[1]).getroot().iter('{*}UnitTestResult'):
    if r.get('outcome') == 'Failed':
        msg = r.find('{*}Output/{*}ErrorInfo/{*}Message')
        print('FAILED', r.get('testName'))
        print('  ', (msg.text or '').strip()[:600] if msg is not None else '')
PY
read -r total executed passed failed <<<"$(python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('{*}ResultSummary/{*}Counters').attrib if len(sys.argv) > 1 and sys.argv[1] else {}
print(c.get('total', 0), c.get('executed', 0), c.get('passed', 0), c.get('failed', 0))
PY
)" || { total=0; executed=0; passed=0; failed=0; }
skipped=$((total - executed))
# The Spectral lint and the drift check count as one check each.
for check_failed in "$lint_failed" "$drift_failed"; do
  if [ "$check_failed" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
[ "$tests_exit" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1  # the runner failed without a result file

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
