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
  --filter '*DecisionBenchmarks*' --affinity 1 --artifacts "$work/bdn"

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

echo "== vault: 1 GiB import against writing the same bytes unencrypted with fsync (3 runs each, alternating)"
head -c 1073741824 /dev/urandom > "$work/audio.raw"
for run in 1 2 3; do
  sync
  /usr/bin/time -f "%e" -o "$work/dd.$run" dd if="$work/audio.raw" of="$work/plain.copy" bs=1M conv=fdatasync status=none
  rm -f "$work/plain.copy"
  sync
  /usr/bin/time -f "%e %M" -o "$work/import.$run" dotnet src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll recordings import "$work/audio.raw" --data "$work/vault-$run" >/dev/null
  rm -rf "$work/vault-$run"
done
median() { sort -n | sed -n 2p; }
dd_s=$(cat "$work"/dd.* | median)
import_s=$(cut -d' ' -f1 "$work"/import.* | median)
import_kb=$(cut -d' ' -f2 "$work"/import.* | sort -n | tail -n 1)
awk -v d="$dd_s" -v i="$import_s" -v m="$import_kb" 'BEGIN {
  printf "dd (unencrypted, fdatasync): %.2f s median; crmrec import: %.2f s median; ratio %.2f (target <= 1.3); import peak memory %.0f MB (target < 100)\n", d, i, i / d, m / 1024 }'

echo "== vault: 64 KiB range from the middle of a 1 GiB recording (BenchmarkDotNet; target < 5 ms)"
dotnet run -c Release --project bench/CrmRecording.Benchmarks -- \
  --filter '*VaultBenchmarks*' --job short --artifacts "$work/bdn-vault"

echo "== service: Dataverse webhook acknowledgement on loopback (wrk, 20 s each at 2, 8 and 32 connections; the sandbox CRM processes the queued steps meanwhile)"
if command -v wrk >/dev/null; then
  export CRMREC_BENCH_KEY="bench-webhook-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  dotnet build -c Release src/CrmRecording.Service -v quiet --nologo >/dev/null
  (cd "$work" && Dataverse__WebhookKey="$CRMREC_BENCH_KEY" Urls=http://127.0.0.1:5099 Logging__LogLevel__Default=Warning \
    dotnet "$OLDPWD/src/CrmRecording.Service/bin/Release/net10.0/CrmRecording.Service.dll" >"$work/service.log" 2>&1 &)
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:5099/health/ready >/dev/null && break; sleep 0.2; done
  for connections in 2 8 32; do
    echo "-- $connections connections"
    wrk -t2 -c"$connections" -d20s --latency -s scripts/bench-webhook.lua http://127.0.0.1:5099 | sed -n '/Latency Distribution/,$p'
  done
  pkill -f "CrmRecording.Service.dll" || true
else
  echo "(wrk is not installed: apt-get install wrk)"
fi
