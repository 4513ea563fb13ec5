#!/usr/bin/env bash
# Packs the managed Dataverse solution admins import: validates solution-package/dynamics against
# pac.config, generates the webhook steps from the plugins' declarations, and writes
# artifacts/CrmRecordingAddin_managed.zip (git-ignored) only when the source is valid.
# Extra arguments are passed on, e.g. scripts/pack.sh --version 1.2.0.0
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet run --project src/CrmRecording.Cli -- solution pack --out artifacts/CrmRecordingAddin_managed.zip --managed "$@"
