#!/usr/bin/env bash
# Regenerates src/CrmRecording.Core/Phones/Data/phone-metadata.csv from the libphonenumber-csharp package named in
# Directory.Packages.props. Run it after updating the package: PhoneNumberingPlanTests fails until the file matches.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project tools/CrmRecording.PhoneMetadata -v quiet -- src/CrmRecording.Core/Phones/Data/phone-metadata.csv
git --no-pager diff --stat -- src/CrmRecording.Core/Phones/Data/phone-metadata.csv
