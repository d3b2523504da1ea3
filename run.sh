#!/usr/bin/env bash
# Sets everything up and serves ComplaintCloud (API + admin) on http://localhost:5080.
#  - No ConnectionStrings__Default in the environment: a private PostgreSQL under .data/pg.
#  - Otherwise give both ConnectionStrings__Default (app role, no BYPASSRLS) and
#    ConnectionStrings__Migrations (the schema owner role).
# Migrations are applied and the demo tenants seeded once; running it again reuses the data.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/prerequisites.sh
ensure_dotnet

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
export Platform__ApiKey=${Platform__ApiKey:-dev-platform-key}
# Links in emails (status pages, invitations) point here; a deployment sets its public address.
export Email__PublicBaseUrl=${Email__PublicBaseUrl:-${ASPNETCORE_URLS%%;*}}
mkdir -p .data

cluster=""
if [ -z "${ConnectionStrings__Default:-}" ]; then
  echo "Starting the local PostgreSQL in .data/pg ..."
  sock=$(scripts/pg-cluster.sh start "$root/.data/pg")
  cluster="$root/.data/pg"
  export ConnectionStrings__Default="Host=$sock;Database=complaintcloud;Username=cc_app"
  export ConnectionStrings__Migrations="Host=$sock;Database=complaintcloud;Username=cc_owner"
elif [ -z "${ConnectionStrings__Migrations:-}" ]; then
  echo "ConnectionStrings__Migrations (the schema owner) must be set along with ConnectionStrings__Default." >&2
  exit 2
fi

stop() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "$cluster" ] && scripts/pg-cluster.sh stop "$cluster"
  echo "Stopped."
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "Building ..."
dotnet build ComplaintCloud.sln -c Release -v quiet -nologo -clp:ErrorsOnly
migrator="dotnet migrations/ComplaintCloud.Migrations/bin/Release/net10.0/ComplaintCloud.Migrations.dll"
$migrator migrate
$migrator seed-demo "$root/.data/demo-credentials.txt"

# Content root = the project folder, so appsettings*.json and wwwroot are found.
dotnet src/ComplaintCloud.Api/bin/Release/net10.0/ComplaintCloud.Api.dll --contentRoot "$root/src/ComplaintCloud.Api" &
app_pid=$!
url=${ASPNETCORE_URLS%%;*}
for _ in $(seq 1 60); do
  curl -fs "$url/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped during start-up." >&2; exit 1; }
  sleep 0.5
done

cat <<BANNER

  ComplaintCloud is running at $url
    admin      $url/admin
    API docs   $url/api/docs
    OpenAPI    $url/openapi/v1.json

  Demo sign-ins and API keys:
$(sed 's/^/    /' "$root/.data/demo-credentials.txt" 2>/dev/null || echo "    (seeded earlier without a credentials file)")

  Platform key (X-Platform-Key): $Platform__ApiKey

  Ctrl-C stops the app and the database.
BANNER
wait "$app_pid"
