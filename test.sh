#!/usr/bin/env bash
# Runs the whole BizInbox test suite on a fresh machine with the .NET 10 SDK:
#   1. installs what the tests need and the SDK does not bring (Chromium, PostgreSQL server binaries, redis-server, nginx),
#   2. builds the solution with warnings as errors,
#   3. runs unit, HTTP and persistence tests (SQLite and a throw-away PostgreSQL) and the browser tests,
#   4. ends with one line: "N passed, N failed, N skipped".
# Options: --no-e2e skips the browser tests (for a quick inner loop); anything else is passed to 'dotnet test'.
set -uo pipefail
cd "$(dirname "$0")"

run_e2e=1
extra=()
for arg in "$@"; do
  case "$arg" in
    --no-e2e) run_e2e=0 ;;
    *) extra+=("$arg") ;;
  esac
done

missing=()
chromium="${BIZINBOX_CHROMIUM:-/usr/bin/chromium}"
[ "$run_e2e" = 1 ] && [ ! -x "$chromium" ] && missing+=(chromium)
if [ -z "${BIZINBOX_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)   # the build fetches the SignalR browser client from npm
[ -x /usr/bin/redis-server ] || [ -x /usr/local/bin/redis-server ] || missing+=(redis-server)   # the several-servers tests
[ "$run_e2e" = 1 ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ] && missing+=(nginx)   # two servers behind it
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} with apt-get ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "WARNING: could not install ${missing[*]}; the tests that need them will fail and say why." >&2
  else
    echo "WARNING: missing ${missing[*]}. Install with: sudo apt-get install ${missing[*]}" >&2
    echo "         (or point BIZINBOX_CHROMIUM at a Chromium and BIZINBOX_TEST_POSTGRES at a PostgreSQL connection string)." >&2
  fi
fi

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"
export BIZINBOX_E2E_ARTIFACTS="$results"

dotnet tool restore >/dev/null
if ! dotnet build BizInbox.sln -c Release -nologo -v quiet; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
dotnet test BizInbox.Tests -c Release --no-build --filter "Category!=Benchmark" --logger "trx;LogFileName=tests.trx" --results-directory "$results" "${extra[@]}" || status=1
if [ "$run_e2e" = 1 ]; then
  dotnet test BizInbox.E2E -c Release --no-build --filter "Category!=Benchmark" --logger "trx;LogFileName=e2e.trx" --results-directory "$results" "${extra[@]}" || status=1
fi

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ "$found" = 0 ]; then
  echo "No test results were written."
  failed=$((failed + 1))
fi
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  failed=1   # a test host crashed without recording a failure
fi

ls "$results"/e2e/*.png >/dev/null 2>&1 && echo "Browser traces and screenshots of failed scenarios: $results/e2e"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
