#!/usr/bin/env bash
# Sign-in load run (docs/benchmarks.md has its results): builds the web app in Release, starts it with
# its in-process Local Cognito on free loopback ports, and, when moto_server is installed, moto on
# another; then scripts/load/load.mjs drives the sign-in form, Local Cognito's InitiateAuth
# USER_PASSWORD_AUTH and GetUser, and the same two requests against moto, and prints sign-ins per
# second, p50/p99, the server processes' CPU time per operation (/proc/<pid>/stat) and the ratios.
# Loopback only; every phase is bounded in time and count; everything this script starts is stopped
# when it ends. Extra arguments go to load.mjs (e.g. --seconds 30).
#
#   bash scripts/load.sh [--no-build] [--seconds N] [--rounds N] [--concurrency N] [--users N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/artifacts/load"
rm -rf "$work" && mkdir -p "$work"

build=1
if [[ "${1:-}" == "--no-build" ]]; then build=0; shift; fi
if (( build )); then
  dotnet build CognitoDemo.Web/CognitoDemo.Web.csproj -c Release --nologo -v quiet >/dev/null
fi

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
web_port=$(free_port); lc_port=$(free_port)
while [[ "$lc_port" == "$web_port" ]]; do lc_port=$(free_port); done

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The per-address and per-username limits on the POSTs that call Cognito (RateLimits section) would stop a
# load run from one address within seconds: raised here, for this process only, through configuration.
(cd CognitoDemo.Web/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Production exec dotnet CognitoDemo.Web.dll \
  --urls "http://127.0.0.1:$web_port" \
  --LocalCognito:Url "http://127.0.0.1:$lc_port" \
  --LocalCognito:DataPath "$work/local-cognito.db" \
  --DataProtection:KeysPath "$work/keys" \
  --RateLimits:AccountPermitLimit 1000000 \
  --RateLimits:UsernamePermitLimit 1000000 \
  --Logging:LogLevel:Default Warning >"$work/web.log" 2>&1) &
web_pid=$!
pids+=("$web_pid")

moto_args=()
if command -v moto_server >/dev/null 2>&1; then
  moto_port=$(free_port)
  while [[ "$moto_port" == "$web_port" || "$moto_port" == "$lc_port" ]]; do moto_port=$(free_port); done
  moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
  pids+=("$!")
  moto_args=(--moto "http://127.0.0.1:$moto_port/" --moto-pid "$!")
fi

wait_for() {  # url [any: any HTTP answer will do]
  local fail=-f; [[ "${2:-}" == any ]] && fail=
  for _ in $(seq 1 120); do
    if curl $fail -sS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "error: $1 did not answer within 60 s (logs in $work)" >&2; exit 1
}
wait_for "http://127.0.0.1:$web_port/healthz"
wait_for "http://127.0.0.1:$lc_port/us-west-2_LocalPool/.well-known/jwks.json"
if (( ${#moto_args[@]} )); then wait_for "http://127.0.0.1:$moto_port/" any; fi

echo "load run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; $(uptime | sed 's/.*load average/load average/')"
node scripts/load/load.mjs --web "http://127.0.0.1:$web_port/" --local-cognito "http://127.0.0.1:$lc_port/" \
  --web-pid "$web_pid" --clock-ticks "$(getconf CLK_TCK)" "${moto_args[@]}" "$@"
echo "after the run: $(uptime | sed 's/.*load average/load average/')"
