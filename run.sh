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
# The demo's webhook receiver listens on 127.0.0.1, which webhooks may reach (over http) only when this is set.
export Webhooks__AllowPrivateNetworks=${Webhooks__AllowPrivateNetworks:-true}
# DEMO_WEBHOOKS=0 leaves out the demo webhook receiver (scripts/webhook-receiver.cs) and its subscription.
demo_webhooks=${DEMO_WEBHOOKS:-1}
receiver_port=${RECEIVER_PORT:-5090}
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
  [ -n "${receiver_pid:-}" ] && kill "$receiver_pid" 2>/dev/null && wait "$receiver_pid" 2>/dev/null || true
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

if [ "$demo_webhooks" = 1 ]; then
  dotnet build scripts/webhook-receiver.cs -c Release -o .data/webhook-receiver -v quiet -nologo -clp:ErrorsOnly
  RECEIVER_PORT=$receiver_port WEBHOOK_SECRET_FILE="$root/.data/demo-webhook-secret.txt" RECEIVER_FAIL_FILE="$root/.data/webhook-receiver-fail" \
    dotnet .data/webhook-receiver/webhook-receiver.dll >>"$root/.data/webhook-receiver.log" 2>&1 &
  receiver_pid=$!
fi

# Content root = the project folder, so appsettings*.json and wwwroot are found.
dotnet src/ComplaintCloud.Api/bin/Release/net10.0/ComplaintCloud.Api.dll --contentRoot "$root/src/ComplaintCloud.Api" &
app_pid=$!
url=${ASPNETCORE_URLS%%;*}
for _ in $(seq 1 60); do
  curl -fs "$url/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped during start-up." >&2; exit 1; }
  sleep 0.5
done

# The demo subscription: the first demo workspace sends every event type to the receiver (once; its secret is kept for the
# receiver to check signatures with).
webhook_note=""
if [ "$demo_webhooks" = 1 ]; then
  if [ ! -s .data/demo-webhook-secret.txt ]; then
    key=$(grep -m1 -o 'API key cc_[A-Za-z0-9_-]*' .data/demo-credentials.txt 2>/dev/null | cut -d' ' -f3 || true)
    if [ -n "$key" ]; then
      created=$(curl -fs -X POST "$url/api/v1/webhooks" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -d "{\"url\":\"http://127.0.0.1:$receiver_port/webhooks\",\"description\":\"Demo receiver (./run.sh)\",\"eventTypes\":[\"complaint.received\",\"complaint.updated\",\"complaint.status_changed\",\"complaint.message_added\",\"sla.at_risk\",\"sla.breached\",\"complaint.escalated\"]}" || true)
      printf '%s\n' "$created" | sed -n 's/.*"secret":"\(whsec_[^"]*\)".*/\1/p' > .data/demo-webhook-secret.txt
    fi
  fi
  webhook_note="    webhooks   receiver on http://127.0.0.1:$receiver_port/webhooks, log: tail -f .data/webhook-receiver.log
               (touch .data/webhook-receiver-fail to make it answer 500; Settings → Webhooks shows the delivery log)
"
fi

cat <<BANNER

  ComplaintCloud is running at $url
    admin      $url/admin
    API docs   $url/api/docs
    OpenAPI    $url/openapi/v1.json
$webhook_note
  Demo sign-ins and API keys:
$(sed 's/^/    /' "$root/.data/demo-credentials.txt" 2>/dev/null || echo "    (seeded earlier without a credentials file)")

  Platform key (X-Platform-Key): $Platform__ApiKey

  Ctrl-C stops the app and the database.
BANNER
wait "$app_pid"
