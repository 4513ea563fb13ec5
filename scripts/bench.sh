#!/usr/bin/env bash
# Speed of the consent engine:
#  1. BenchmarkDotNet: decisions per second on one core, from raw CRM fields (phone parsing included);
#  2. a timed `crmrec enrich` over a generated export (default 1,000,000 rows), with peak memory.
# Usage: scripts/bench.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/crmrec-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== decisions per second (BenchmarkDotNet, one core)"
dotnet run -c Release --project bench/CrmRecording.Benchmarks -- \
  --filter '*DecisionBenchmarks*' --job short --affinity 1 --artifacts "$work/bdn"

echo "== crmrec enrich over $rows generated rows"
dotnet build -c Release src/CrmRecording.Cli -v quiet --nologo >/dev/null
dotnet run -c Release --project bench/CrmRecording.Benchmarks -- generate "$rows" "$work/export.csv"
ls -l "$work/export.csv" | awk '{ printf "input: %.0f MB\n", $5 / 1048576 }'
crmrec=(dotnet src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll enrich --in "$work/export.csv" --out "$work/enriched.csv" --rep-region US-TX --as-of 2026-11-24)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "enrich: %e s wall, %U s user, %M KB peak resident memory" "${crmrec[@]}"
else
  echo "(GNU time is not installed: apt-get install time, to see peak memory)"
  time "${crmrec[@]}"
fi
ls -l "$work/enriched.csv" | awk '{ printf "output: %.0f MB\n", $5 / 1048576 }'
