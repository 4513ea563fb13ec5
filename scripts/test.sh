#!/usr/bin/env bash
# Builds CrmRecordingAddin.sln and runs every test project, then prints one line computed from the
# test results: "tests: N passed, N failed, N skipped". Exits non-zero when a test failed or none ran.
# Before the tests it starts the local counterparts they need (scripts/services.sh: Azurite and a
# throw-away PostgreSQL cluster, installed if missing), and stops them afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh

results="$(mktemp -d "${TMPDIR:-/tmp}/crmrec-tests.XXXXXX")"
trap 'services_stop; rm -rf "$results"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build"
if ! dotnet build CrmRecordingAddin.sln --nologo -v quiet; then
  echo "tests: 0 passed, 0 failed, 0 skipped (the build failed)"
  exit 1
fi

if ! services_start; then
  echo "tests: 0 passed, 0 failed, 0 skipped (the local services did not start; see above)"
  exit 1
fi

echo "== test"
# -m:1: one test project at a time, so a test that restarts the shared PostgreSQL server cannot cut
# another project's connections mid-test.
dotnet test CrmRecordingAddin.sln --no-build --nologo -m:1 \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$results"
runner=$?

projects=$(find tests -name '*.Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.trx' | wc -l)
if [ "$reports" -ne "$projects" ]; then
  echo "warning: $projects test projects but $reports result files; the counts below may be incomplete"
  runner=1
fi

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$runner" -ne 0 ] || [ "$failed" -ne 0 ] || [ $((passed + failed)) -eq 0 ]; then
  exit 1
fi
