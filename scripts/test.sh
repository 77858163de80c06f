#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need, restores, builds,
# runs the .NET and Node.js suites, and ends with one line counted from the real results:
#   tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

say() { printf '\n== %s\n' "$*"; }
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "error: '$1' is not installed. $2" >&2
  exit 2
}

need dotnet "Install the .NET SDK named in global.json (https://dotnet.microsoft.com/download)."
need node "Install Node.js 20 or later (Debian/Ubuntu: apt-get install nodejs npm)."
need npm "Install npm (Debian/Ubuntu: apt-get install npm)."
need cfn-lint "Install it with 'pip install cfn-lint' (it checks infra/cognito-demo.yaml against CloudFormation's schemas)."

# The browser tests drive the system's Chromium (Playwright's own browser download cannot be used).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Chromium from apt"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || { echo "error: could not install chromium with apt-get" >&2; exit 2; }
  else
    echo "error: Chromium is not installed at $chromium. On Debian/Ubuntu run 'sudo apt-get install chromium';" >&2
    echo "       elsewhere install Chromium or Chrome and set CHROMIUM_PATH to its executable." >&2
    exit 2
  fi
fi
export CHROMIUM_PATH="$chromium"

# The multi-instance tests run two app instances against a real Redis (Debian's redis-server).
if ! command -v redis-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing redis-server from apt"
    # RUNLEVEL=1: the package's own service is not started; each test starts a Redis of its own.
    apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
      || { echo "error: could not install redis-server with apt-get" >&2; exit 2; }
  else
    echo "error: redis-server is not installed. On Debian/Ubuntu run 'sudo apt-get install redis-server';" >&2
    echo "       elsewhere install Redis and put redis-server on the PATH." >&2
    exit 2
  fi
fi

# Node.js suites: folders with a package.json and tests, run by node's own test runner.
# interop/ drives Local Cognito (built below, in Release) with AWS's own JavaScript clients.
node_suites=(CognitoDemo.Cognito.Tests/Vectors/amazon-cognito-identity-js interop)
for suite in "${node_suites[@]}"; do
  say "npm ci ($suite)"
  (cd "$suite" && npm ci --no-audit --no-fund --loglevel=error) || { echo "error: npm ci failed in $suite" >&2; exit 2; }
done

say "dotnet restore and build"
dotnet build CognitoDemo.sln -c Release --nologo -v quiet || { echo "error: the build failed" >&2; exit 2; }

status=0
# One run per test project, so each leaves a results file of its own name.
for project in ./*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  say "dotnet test ($name)"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1
done

for suite in "${node_suites[@]}"; do
  say "node --test ($suite)"
  name=$(echo "$suite" | tr '/' '-')
  (cd "$suite" && node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$results/node-$name.xml") || status=1
done

expected_trx=$(ls -d ./*.Tests/*.csproj | wc -l)
node scripts/test-summary.mjs "$results" "$expected_trx" || status=1
exit $status
