#!/usr/bin/env bash
# Speed of the consent engine, the vault and the service:
#  decisions  BenchmarkDotNet: decisions per second on one core, from raw CRM fields (phone parsing included);
#  enrich     a timed `crmrec enrich` over a generated export (default 1,000,000 rows), with peak memory;
#  import     1 GiB vault import against dd with fdatasync, alternating (BENCH_IMPORT_RUNS, 5; BENCH_IMPORT_BASELINE_CLI=
#             PATH/crmrec.dll alternates another build in the same run);   vault-range  64 KiB range out of 1 GiB;
#  webhook    Dataverse webhook acknowledgement under wrk;
#  calls      POST /api/calls latency, open loop at 200/s (target p99 < 25 ms);
#  ingest     vault import + verify of a one-hour dual-channel WAV (target < 2 s);
#  range      first byte of a 64 KiB Range request in a one-hour recording (target p99 < 20 ms);
#  range-load 4 connections requesting random 64 KiB ranges as fast as they can (wrk), alternating with nginx serving
#             the same bytes unencrypted (BENCH_RANGE_RUNS, 5; BENCH_RANGE_SECONDS, 10; target p99 < 20 ms and at least
#             a tenth of nginx's requests/s; nginx-light is installed with apt-get when missing; BENCH_BASELINE=REV also
#             runs that revision's service, on a copy of the same data, in the same alternation);
#  peaks      the player's waveform of a one-hour recording beside downloading it whole (target < 500 ms);
#  sf-enrich  10,000 Contacts imported in a Salesforce stand-in, its Outbound Messages to the service, until every
#             enrichment is written back (SF_CONTACTS to change the count; target <= 60 write-back requests);
#  dv-enrich  the Dynamics counterpart: 10,000 contact updates in a Dataverse stand-in with Dataverse's service
#             protection limits on, each a webhook step, until every enrichment is written back, with the moment every
#             step was acknowledged and the service's requests, 429s and requests sent during a Retry-After (DV_CONTACTS to change
#             the count; BENCH_BASELINE=REV also runs that revision's service first, limits off);
#  report     the compliance report over a period of REPORT_CALLS generated calls (100,000; 50,000 more outside it) with
#             their consent events, listens and retention rows, on SQLite and (CRMREC_TEST_POSTGRES set by
#             scripts/services.sh) PostgreSQL: with the report's indexes, then without them in the same run, with the
#             calls query's plan each way (target < 2 s);
#  report-page the compliance report page /reports/compliance in Debian's Chromium (CRMREC_CHROMIUM), signed in as the
#             sandbox's Recording Reviewer, over REPORT_CALLS generated calls in the 30 days before today (50,000 more
#             before them) in the Release service's own stores: navigation to painted charts, once cold then
#             BENCH_REPORT_PAGE_RUNS (5) warm, with the API's and the render's share and a Chromium trace of the page's main
#             thread; beside the same page for the last day of that data and the API alone, alternating (target < 2 s);
#  blob-import (not in the default set) `crmrec recordings import` of 256 MiB into Azure Blob Storage (Azurite on
#             loopback), BENCH_BLOB_RUNS times (3); BENCH_BLOB_BASELINE_CLI=PATH/crmrec.dll times another build
#             alternately in the same run.
# Usage: scripts/bench.sh [ROWS] [SECTION...]   (default: every section; or BENCH_SECTIONS="calls ingest")
# BENCH_BASELINE=REV (a git revision, e.g. main or HEAD~3) also measures that revision in the same run, built in a
# temporary git worktree, for decisions and enrich: before and after side by side on the same machine and input.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then rows="$1"; shift; fi
sections=" ${*:-${BENCH_SECTIONS:-decisions enrich import vault-range webhook calls ingest range range-load peaks sf-enrich dv-enrich report report-page}} "
want() { [[ "$sections" == *" $1 "* ]]; }
work="$(mktemp -d "${TMPDIR:-/tmp}/crmrec-bench.XXXXXX")"
service_pid=""
stop_service() { if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; service_pid=""; fi; }
baseline="${BENCH_BASELINE:-}"
base_dir="$work/baseline"
remove_baseline() { if [ -d "$base_dir" ]; then git worktree remove --force "$base_dir" >/dev/null 2>&1 || true; git worktree prune; fi; }
azurite_bench_pid=""
nginx_pid=""
range_base_pid=""
trap 'stop_service; [ -z "$range_base_pid" ] || kill "$range_base_pid" 2>/dev/null; remove_baseline; [ -z "$azurite_bench_pid" ] || kill "$azurite_bench_pid" 2>/dev/null; [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
service_dll="$PWD/src/CrmRecording.Service/bin/Release/net10.0/CrmRecording.Service.dll"
bench=(dotnet "$PWD/bench/CrmRecording.Benchmarks/bin/Release/net10.0/CrmRecording.Benchmarks.dll")
run() { echo "\$ $*"; "$@"; }
run_with_token() { local shown="$*"; echo "\$ ${shown//$token/...}"; "$@"; }  # prints the command without the bearer token
# start_service PORT [NAME=VALUE...]: the Release service in sandbox mode, in the background, until it is ready.
start_service() {
  local port="$1"; shift
  (cd "$work" && exec env "$@" ASPNETCORE_ENVIRONMENT=Development Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning dotnet "$service_dll" >>"$work/service.log" 2>&1) &
  service_pid=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.2; done
  echo "the service did not become ready on port $port; its log:"; tail -n 20 "$work/service.log"; return 1
}
if want calls || want ingest || want range || want range-load || want peaks || want sf-enrich || want dv-enrich || want report || want report-page; then
  dotnet build -c Release bench/CrmRecording.Benchmarks -v quiet --nologo >/dev/null
fi
if want webhook || want calls || want range || want range-load || want peaks || want sf-enrich || want dv-enrich || want report-page; then
  dotnet build -c Release src/CrmRecording.Service -v quiet --nologo >/dev/null
fi

if [ -n "$baseline" ] && { want decisions || want enrich; }; then
  git worktree add --detach "$base_dir" "$baseline" >/dev/null
  echo "== baseline: $baseline ($(git -C "$base_dir" log -1 --format='%h %s' | cut -c1-100))"
fi

if want decisions; then
echo "== decisions per second (BenchmarkDotNet, one core)"
if [ -n "$baseline" ]; then
  echo "-- baseline $baseline"
  (cd "$base_dir" && dotnet run -c Release --project bench/CrmRecording.Benchmarks -- \
    --filter '*DecisionBenchmarks*' --affinity 1 --artifacts "$work/bdn-baseline")
  echo "-- this tree"
fi
dotnet run -c Release --project bench/CrmRecording.Benchmarks -- \
  --filter '*DecisionBenchmarks*' --affinity 1 --artifacts "$work/bdn"
fi

if want enrich || want import; then
dotnet build -c Release src/CrmRecording.Cli -v quiet --nologo >/dev/null
fi

if want enrich; then
echo "== crmrec enrich over $rows generated rows"
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
if [ -n "$baseline" ]; then
  echo "-- baseline $baseline on the same export"
  dotnet build -c Release "$base_dir/src/CrmRecording.Cli" -v quiet --nologo >/dev/null
  base_crmrec=(dotnet "$base_dir/src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll" enrich --in "$work/export.csv" --out "$work/enriched-baseline.csv" --rep-region US-TX --as-of 2026-11-24)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "baseline enrich: %e s wall, %U s user, %M KB peak resident memory" "${base_crmrec[@]}"
  else
    time "${base_crmrec[@]}"
  fi
fi
fi

if want import; then
import_runs="${BENCH_IMPORT_RUNS:-5}"
import_base="${BENCH_IMPORT_BASELINE_CLI:-}"
echo "== vault: 1 GiB import against writing the same bytes unencrypted with fdatasync ($import_runs runs each, alternating, sync before each)"
head -c 1073741824 /dev/urandom > "$work/audio.raw"
# Each run: dd through the page cache (the reference), dd around it (the disk's own speed), the import, [a baseline build].
import_one() {  # import_one NAME DLL RUN
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/$1.$3" dotnet "$2" recordings import "$work/audio.raw" --data "$work/vault-$3" >/dev/null
  rm -rf "$work/vault-$3" "$work/vault-$3-keys"
}
for run in $(seq 1 "$import_runs"); do
  sync
  /usr/bin/time -f "%e %U %S" -o "$work/dd.$run" dd if="$work/audio.raw" of="$work/plain.copy" bs=1M conv=fdatasync status=none
  rm -f "$work/plain.copy"; sync
  /usr/bin/time -f "%e %U %S" -o "$work/ddd.$run" dd if="$work/audio.raw" of="$work/plain.copy" bs=1M oflag=direct conv=fdatasync status=none
  rm -f "$work/plain.copy"
  import_one import src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll "$run"
  [ -z "$import_base" ] || import_one base "$import_base" "$run"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
wall() { cut -d' ' -f1 "$work/$1".* | median; }
cpu() { awk '{ print $2 + $3 }' "$work/$1".* | median; }
peak() { cut -d' ' -f4 "$work/$1".* | sort -n | tail -n 1; }
awk -v d="$(wall dd)" -v dc="$(cpu dd)" -v dd="$(wall ddd)" -v i="$(wall import)" -v c="$(cpu import)" -v m="$(peak import)" 'BEGIN {
  printf "dd (unencrypted, page cache, fdatasync): %.2f s median, %.2f CPU s; dd oflag=direct: %.2f s median\n", d, dc, dd
  printf "crmrec import: %.2f s median, %.2f CPU s per GiB median; ratio to dd %.2f (target <= 1.3), to dd direct %.2f; peak memory %.0f MB (target < 100)\n", i, c, i / d, i / dd, m / 1024 }'
if [ -n "$import_base" ]; then
  awk -v d="$(wall dd)" -v i="$(wall base)" -v c="$(cpu base)" -v m="$(peak base)" 'BEGIN {
    printf "baseline import: %.2f s median, %.2f CPU s per GiB median; ratio to dd %.2f; peak memory %.0f MB\n", i, c, i / d, m / 1024 }'
fi
echo "(each run, wall user sys [peak KB]:)"; for f in "$work"/dd.* "$work"/ddd.* "$work"/import.* ${import_base:+"$work"/base.*}; do echo "  $(basename "$f") $(cat "$f")"; done
fi

if want vault-range; then
echo "== vault: 64 KiB range from the middle of a 1 GiB recording (BenchmarkDotNet; target < 5 ms)"
dotnet run -c Release --project bench/CrmRecording.Benchmarks -- \
  --filter '*VaultBenchmarks*' --job short --artifacts "$work/bdn-vault"
fi

if want webhook; then
echo "== service: Dataverse webhook acknowledgement on loopback (wrk, 20 s each at 2, 8 and 32 connections; the sandbox CRM processes the queued steps meanwhile)"
if command -v wrk >/dev/null; then
  export CRMREC_BENCH_KEY="bench-webhook-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  start_service 5099 Dataverse__WebhookKey="$CRMREC_BENCH_KEY" Service__DataDirectory="$work/webhook-data"
  for connections in 2 8 32; do
    echo "-- $connections connections"
    wrk -t2 -c"$connections" -d20s --latency -s scripts/bench-webhook.lua http://127.0.0.1:5099 | sed -n '/Latency Distribution/,$p'
  done
  stop_service
else
  echo "(wrk is not installed: apt-get install wrk)"
fi
fi

rep_token() {  # a sandbox bearer token for the seeded rep (Riley Chen)
  curl -sf -X POST "http://127.0.0.1:$1/sandbox/token" -H 'content-type: application/json' \
    -d '{"userId":"5e000000-0000-4000-8000-000000000004"}' | jq -r .access_token
}

if want calls; then
  rate="${CALLS_RATE:-200}"
  echo "== service: POST /api/calls, open loop at $rate/s for 30 s after 5 s of warm-up (target: decision overhead p99 < 25 ms at 200/s)"
  echo "   Sandbox mode: the CRM reads, the phone call create and the Twilio create go to in-process loopback stand-ins."
  echo "   'latency' is the whole request as the dialer sees it; 'server time without remote calls' is the service's own"
  echo "   share (its Server-Timing header: the request's time less the time spent waiting on the CRM and Twilio)."
  echo "-- calls placed, nobody answers (no call flow runs meanwhile)"
  start_service 5097 Sandbox__CallsAnswered=false Service__DataDirectory="$work/calls-data"
  token=$(rep_token 5097)
  run_with_token "${bench[@]}" load --url http://127.0.0.1:5097/api/calls --calls-body --header "Authorization: Bearer $token" --rate "$rate" --seconds 30 --warmup-seconds 5 || true
  stop_service
  echo "-- 20/s with every call answered: consent, recording, ingest and CRM write-backs run in the same process meanwhile (hang-up after 1 s)"
  start_service 5097 Sandbox__CallSeconds=1 Service__DataDirectory="$work/calls-data-flows"
  token=$(rep_token 5097)
  run_with_token "${bench[@]}" load --url http://127.0.0.1:5097/api/calls --calls-body --header "Authorization: Bearer $token" --rate 20 --seconds 30 --warmup-seconds 5 || true
  stop_service
fi

if want ingest; then
  echo "== ingest: one-hour dual-channel 8 kHz WAV into the vault after the download (import + verify, 5 runs; target < 2 s)"
  run "${bench[@]}" ingest --minutes 60 --runs 5
fi

# start_nginx PORT FILE: nginx (nginx-light) serving FILE as /audio.wav on loopback, in the background, until it answers.
start_nginx() {
  command -v nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null || { echo "(nginx is missing and could not be installed: apt-get install nginx-light)"; return 1; }
  local dir="$work/nginx"
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
$([ "$(id -u)" != 0 ] || echo "user root root;")
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  server {
    listen 127.0.0.1:$1;
    location = /audio.wav { alias $2; default_type audio/wav; }
  }
}
CONF
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null -r 0-0 "http://127.0.0.1:$1/audio.wav" && return 0; sleep 0.2; done
  echo "nginx did not start on port $1; its log:"; tail -n 20 "$dir/error.log"; return 1
}
# range_wrk NAME URL TOKEN BYTES SECONDS: one wrk run of scripts/bench-range.lua, its result line kept as $work/range-load/NAME.
range_wrk() {
  RANGE_BYTES="$4" RANGE_TOKEN="$3" wrk -t2 -c4 -d"$5"s -s scripts/bench-range.lua "$2" | sed -n 's/^range-result //p' > "$work/range-load/$1"
}

if want range || want range-load || want peaks; then
  echo "== playback: 64 KiB Range requests in a one-hour recording, time to first byte (open loop at 50 and 200/s; target p99 < 20 ms)"
  data="$work/range-data"
  reviewer=5e000000-0000-4000-8000-000000000005
  # Calls stay up (no hang-up, no recording of their own): the only recording is the one imported below.
  start_service 5096 Sandbox__CallSeconds=0 Service__DataDirectory="$data"
  status=$(curl -s -o "$work/token.json" -w '%{http_code}' -X POST http://127.0.0.1:5096/sandbox/token -H 'content-type: application/json' -d "{\"userId\":\"$reviewer\"}")
  if [ "$status" = 404 ]; then
    echo "(skipped: POST /sandbox/token answers 404, so this build has no playback API yet)"
    stop_service
  else
    # The playback checks the call's owner and roles in the call store: the recording belongs to a call the rep placed.
    call_id=$(curl -sf -X POST http://127.0.0.1:5096/api/calls -H 'content-type: application/json' -H "Authorization: Bearer $(rep_token 5096)" \
      -d '{"crm":"dynamics","entity":"contact","id":"c0000000-0000-4000-8000-000000000001"}' | jq -r .callId)
    stop_service
    dotnet build -c Release src/CrmRecording.Cli -v quiet --nologo >/dev/null
    bytes=$("${bench[@]}" wav "$work/call.wav" --minutes 60)
    echo "\$ dotnet src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll recordings import $work/call.wav --call $call_id --contact c0000000-0000-4000-8000-000000000001 --data $data --format json"
    dotnet src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll recordings import "$work/call.wav" --call "$call_id" --contact c0000000-0000-4000-8000-000000000001 --data "$data" --format json | tee "$work/import.json"
    recording=$(jq -r .id "$work/import.json")
    want range-load || rm -f "$work/call.wav"
    if want range-load && [ -n "$baseline" ]; then
      # The baseline revision's service gets its own copy of the same recording, data and key file (copied while nothing runs).
      cp -a "$data" "$data-baseline"
      cp -a "$data-keys" "$data-baseline-keys"
      [ -d "$base_dir" ] || git worktree add --detach "$base_dir" "$baseline" >/dev/null
      dotnet build -c Release "$base_dir/src/CrmRecording.Service" -v quiet --nologo >/dev/null
      (cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Development Urls=http://127.0.0.1:5092 Logging__LogLevel__Default=Warning Sandbox__CallSeconds=0 \
        Service__DataDirectory="$data-baseline" dotnet "$base_dir/src/CrmRecording.Service/bin/Release/net10.0/CrmRecording.Service.dll" >>"$work/baseline-service.log" 2>&1) &
      range_base_pid=$!
      for _ in $(seq 1 150); do curl -sf http://127.0.0.1:5092/health/ready >/dev/null && break; sleep 0.2; done
      base_token=$(curl -sf -X POST http://127.0.0.1:5092/sandbox/token -H 'content-type: application/json' -d "{\"userId\":\"$reviewer\"}" | jq -r .access_token)
    fi
    start_service 5096 Sandbox__CallSeconds=0 Service__DataDirectory="$data"
    token=$(curl -sf -X POST http://127.0.0.1:5096/sandbox/token -H 'content-type: application/json' -d "{\"userId\":\"$reviewer\"}" | jq -r .access_token)
    want range && for rate in 50 200; do
      echo "-- $rate/s (the token is left out of the command below)"
      echo "\$ ${bench[*]} load --url http://127.0.0.1:5096/api/recordings/$recording/audio --header 'Authorization: Bearer ...' --range-of-bytes $bytes --range-size 65536 --rate $rate --seconds 30 --warmup-seconds 5"
      "${bench[@]}" load --url "http://127.0.0.1:5096/api/recordings/$recording/audio" --header "Authorization: Bearer $token" \
        --range-of-bytes "$bytes" --range-size 65536 --rate "$rate" --seconds 30 --warmup-seconds 5 || true
    done
    want range-load && ! command -v wrk >/dev/null && echo "(range-load skipped: wrk is not installed: apt-get install wrk)"
    if want range-load && command -v wrk >/dev/null && start_nginx 5094 "$work/call.wav"; then
      runs="${BENCH_RANGE_RUNS:-5}"
      seconds="${BENCH_RANGE_SECONDS:-10}"
      echo "== playback under saturation: 4 connections requesting random 64 KiB ranges as fast as they can (wrk -t2 -c4,"
      echo "   $seconds s a run), $runs runs alternating with nginx serving the same $bytes bytes unencrypted from a file"
      echo "   (target: p99 < 20 ms and at least a tenth of nginx's requests/s)"
      echo "\$ RANGE_BYTES=$bytes RANGE_TOKEN=... wrk -t2 -c4 -d${seconds}s -s scripts/bench-range.lua http://127.0.0.1:5096/api/recordings/$recording/audio"
      echo "\$ RANGE_BYTES=$bytes wrk -t2 -c4 -d${seconds}s -s scripts/bench-range.lua http://127.0.0.1:5094/audio.wav"
      echo "   Each listen waits for its audit event's fsync (group-committed): 'flush' is the disk's own, 200 synchronous 4 KiB"
      echo "   writes (dd oflag=dsync) before each run, and 4 connections cannot begin more than 4 listens per flush; the range"
      echo "   requests of one token on one recording within Playback:ListenWindowSeconds are one listen (audited once)."
      echo "load before: $(uptime)"
      mkdir -p "$work/range-load"
      sides=("nginx http://127.0.0.1:5094/audio.wav -" "service http://127.0.0.1:5096/api/recordings/$recording/audio $token")
      [ -z "$range_base_pid" ] || sides+=("baseline http://127.0.0.1:5092/api/recordings/$recording/audio $base_token")
      for entry in "${sides[@]}"; do
        read -r side url bearer <<< "$entry"
        range_wrk "warmup-$side" "$url" "${bearer#-}" "$bytes" 3
      done
      for run in $(seq 1 "$runs"); do
        dd if=/dev/zero of="$work/flush.probe" bs=4k count=200 oflag=dsync 2>&1 | awk -F', ' '/copied/ { split($3, t, " "); printf "%.3f\n", t[1] * 1000 / 200 }' > "$work/range-load/flush.$run"
        rm -f "$work/flush.probe"
        for entry in "${sides[@]}"; do
          read -r side url bearer <<< "$entry"
          range_wrk "$side.$run" "$url" "${bearer#-}" "$bytes" "$seconds"
          awk -v s="$side" -v r="$run" '{ printf "%-8s run %d: %8.0f requests/s, p50 %7.2f ms, p99 %7.2f ms, %d errors\n", s, r, $1, $2, $3, $4 }' "$work/range-load/$side.$run"
        done
        echo "flush    run $run: $(cat "$work/range-load/flush.$run") ms"
      done
      echo "load after: $(uptime)"
      range_median() { cat "$work/range-load/$1".* | cut -d' ' -f"$2" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
      for entry in "${sides[@]}"; do
        read -r side _ _ <<< "$entry"
        awk -v s="$side" -v r="$(range_median "$side" 1)" -v p50="$(range_median "$side" 2)" -v p99="$(range_median "$side" 3)" -v n="$(range_median nginx 1)" 'BEGIN {
          printf "%-8s (medians): %8.0f requests/s, p50 %7.2f ms, p99 %7.2f ms", s, r, p50, p99
          if (s != "nginx") printf " (target < 20), ratio to nginx %.3f (target >= 0.1)", r / n
          printf "\n" }'
      done
      awk -v f="$(range_median flush 1)" 'BEGIN { printf "flush (median): %.2f ms, so at most %.0f listens/s on 4 connections\n", f, 4000 / f }'
      [ -z "$range_base_pid" ] || { kill "$range_base_pid" 2>/dev/null || true; wait "$range_base_pid" 2>/dev/null || true; range_base_pid=""; }
      kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
    fi
    if want peaks; then
      echo "== player waveform: GET /peaks of the one-hour recording (recomputed from the encrypted chunks each time; target < 500 ms),"
      echo "   beside the whole recording decrypted and downloaded in the same run (the work /peaks cannot do without)"
      for run in 1 2 3 4 5; do
        curl -sf -o /dev/null -w 'peaks %{time_total} s\n' -H "Authorization: Bearer $token" "http://127.0.0.1:5096/api/recordings/$recording/peaks?buckets=2000"
        curl -sf -o /dev/null -w 'whole audio %{time_total} s\n' -H "Authorization: Bearer $token" "http://127.0.0.1:5096/api/recordings/$recording/audio"
      done
    fi
    stop_service
  fi
fi

if want blob-import; then
blob_runs="${BENCH_BLOB_RUNS:-3}"
echo "== vault: crmrec recordings import of 256 MiB into Azure Blob Storage (Azurite on loopback, Shared Key, 4 MiB blocks, 4 in flight; $blob_runs runs, alternating)"
dotnet build -c Release src/CrmRecording.Cli -v quiet --nologo >/dev/null
# shellcheck source=scripts/services.sh
source scripts/services.sh
azurite_bin="$(install_azurite)"
blob_port="$(free_port)"
mkdir -p "$work/azurite"
"$azurite_bin" --silent --location "$work/azurite" --blobHost 127.0.0.1 --blobPort "$blob_port" --skipApiVersionCheck --loose --disableTelemetry >"$work/azurite.log" 2>&1 &
azurite_bench_pid=$!
wait_for_port "$blob_port" 30 "Azurite"
head -c 268435456 /dev/urandom > "$work/blob-audio.raw"
blob_clis=("this-tree=$PWD/src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll")
[ -z "${BENCH_BLOB_BASELINE_CLI:-}" ] || blob_clis+=("baseline=$BENCH_BLOB_BASELINE_CLI")
for run in $(seq "$blob_runs"); do
  for entry in "${blob_clis[@]}"; do
    name="${entry%%=*}"; dll="${entry#*=}"
    sync
    echo "\$ Vault__BlobStore=azure Vault__Azure__ServiceUri=http://127.0.0.1:$blob_port/devstoreaccount1 Vault__Azure__Container=$name-$run ... dotnet $dll recordings import $work/blob-audio.raw --data $work/blob-$name-$run"
    Vault__BlobStore=azure Vault__Azure__ServiceUri="http://127.0.0.1:$blob_port/devstoreaccount1" Vault__Azure__Container="$name-$run" \
      Vault__Azure__AccountName=devstoreaccount1 \
      Vault__Azure__AccountKey="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" \
      /usr/bin/time -f "%e %U %S %M" -o "$work/blob.$name.$run" dotnet "$dll" recordings import "$work/blob-audio.raw" --data "$work/blob-$name-$run" >/dev/null
    rm -rf "$work/blob-$name-$run"
    echo "$name run $run: $(awk '{ printf "%.2f s wall, %.2f s CPU, %.0f MB peak", $1, $2 + $3, $4 / 1024 }' "$work/blob.$name.$run")"
  done
done
for entry in "${blob_clis[@]}"; do
  name="${entry%%=*}"
  cat "$work"/blob."$name".* | sort -n | sed -n "$(( (blob_runs + 1) / 2 ))p" | awk -v n="$name" '{ printf "%s: median %.2f s wall, %.0f MiB/s (that run: %.2f s CPU)\n", n, $1, 256 / $1, $2 + $3 }'
done
kill "$azurite_bench_pid" 2>/dev/null || true
wait "$azurite_bench_pid" 2>/dev/null || true
azurite_bench_pid=""
fi

if want sf-enrich; then
  echo "== Salesforce enrichment: ${SF_CONTACTS:-10000} Contacts imported in a Salesforce stand-in, whose flow sends the Release service"
  echo "   (sandbox mode, attached to that stand-in) an Outbound Message per 100, until every enrichment is written back"
  echo "   (target: <= 60 REST requests for the write-back)"
  run "${bench[@]}" sf-enrich --service "$service_dll" --port 5095 --data "$work/sf-enrich" --contacts "${SF_CONTACTS:-10000}"
fi

if want dv-enrich; then
  echo "== Dynamics enrichment: ${DV_CONTACTS:-10000} contact updates through a Dataverse stand-in's Web API, each an asynchronous"
  echo "   webhook step to the Release service (sandbox mode, attached to that stand-in), until every enrichment is written back"
  if [ -n "$baseline" ]; then
    # The baseline's service in the same run, with the limits off: one read and one write per contact cannot keep within them.
    dv_base="$work/dv-baseline"
    git worktree add --detach "$dv_base" "$baseline" >/dev/null
    dotnet build -c Release "$dv_base/src/CrmRecording.Service" -v quiet --nologo >/dev/null
    echo "-- baseline $baseline ($(git -C "$dv_base" log -1 --format='%h'))"
    run "${bench[@]}" dv-enrich --service "$dv_base/src/CrmRecording.Service/bin/Release/net10.0/CrmRecording.Service.dll" --port 5093 --data "$work/dv-enrich-baseline" --contacts "${DV_CONTACTS:-10000}" --limits off
    git worktree remove --force "$dv_base" >/dev/null 2>&1 || true; git worktree prune
    echo "-- this tree"
  fi
  run "${bench[@]}" dv-enrich --service "$service_dll" --port 5093 --data "$work/dv-enrich" --contacts "${DV_CONTACTS:-10000}"
fi

if want report; then
  echo "== compliance report: ${REPORT_CALLS:-100000} calls in the period (and 50,000 outside), with and without the report's indexes (target < 2 s)"
  # With the service's garbage collector (Microsoft.NET.Sdk.Web turns on Server GC), as the API and the page run it.
  dotnet build -c Release src/CrmRecording.Cli -v quiet --nologo >/dev/null
  run env DOTNET_gcServer=1 "${bench[@]}" report --calls "${REPORT_CALLS:-100000}" --outside 50000 --crmrec "$PWD/src/CrmRecording.Cli/bin/Release/net10.0/crmrec.dll" ${CRMREC_TEST_POSTGRES:+--postgres "$CRMREC_TEST_POSTGRES"}
fi

if want report-page; then
  echo "== compliance report page in Chromium: ${REPORT_CALLS:-100000} calls in the 30 days before today (and 50,000 before them),"
  echo "   /reports/compliance from the navigation's start until the status says the report is loaded and its charts are painted"
  echo "   (target < 2 s). Beside it in the same run: the same page for the last day of the same data (what the page costs"
  echo "   for a small period of the same stores: the whole audit chain is verified and the retention list is shown whatever"
  echo "   the period), and the API alone (the same answer without a browser, alternating with the pages: the page's share is"
  echo "   the rest)."
  page_data="$work/report-page-data"
  echo "\$ ${bench[*]} report-page generate --data $page_data --calls ${REPORT_CALLS:-100000} --outside 50000"
  page_period=$("${bench[@]}" report-page generate --data "$page_data" --calls "${REPORT_CALLS:-100000}" --outside 50000)
  read -r page_from page_to <<< "$page_period"
  start_service 5091 Service__DataDirectory="$page_data"
  echo "load before: $(uptime)"
  run "${bench[@]}" report-page measure --url http://127.0.0.1:5091 --period "$page_from..$page_to" --period "$page_to..$page_to" \
    --expect "${REPORT_CALLS:-100000}" --runs "${BENCH_REPORT_PAGE_RUNS:-5}"
  echo "load after: $(uptime)"
  stop_service
fi
