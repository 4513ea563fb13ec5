#!/usr/bin/env bash
# Packs what admins install:
#   scripts/pack.sh [ARGS]             the managed Dataverse solution: validates solution-package/dynamics against
#                                      pac.config, generates the webhook steps from the plugins' declarations, and writes
#                                      artifacts/CrmRecordingAddin_managed.zip (git-ignored) only when the source is valid.
#   scripts/pack.sh salesforce [ARGS]  the Salesforce package: validates solution-package/salesforce offline, converts it
#                                      with sf project convert source (the tools installed with npm into
#                                      .tools/salesforce-cli when missing), and writes artifacts/CrmRecordingAddin_salesforce.zip.
# Extra arguments are passed on, e.g. scripts/pack.sh --version 1.2.0.0
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${1:-}" = "salesforce" ]; then
  shift
  . scripts/services.sh
  tools="$(install_salesforce_cli)"
  dotnet run --project src/CrmRecording.Cli -- salesforce pack --out artifacts/CrmRecordingAddin_salesforce.zip --tools "$tools" "$@"
  exit
fi

dotnet run --project src/CrmRecording.Cli -- solution pack --out artifacts/CrmRecordingAddin_managed.zip --managed "$@"
