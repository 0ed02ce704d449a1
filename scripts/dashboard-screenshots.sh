#!/usr/bin/env bash
# Makes the README's dashboard screenshots, docs/images/dashboard-jobs.png and docs/images/dashboard-job.png: the
# local host on its own Azurite runs a few jobs against loopback targets while headless Chromium (Debian's chromium,
# or CHROMIUM_PATH) shows the dashboard. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build tests/FunctionsFetch.IntegrationTests -c Release
FETCH_SCREENSHOTS_DIR="$PWD/docs/images" dotnet test tests/FunctionsFetch.IntegrationTests -c Release --no-build \
  --filter "FullyQualifiedName~DashboardScreenshots"
ls -l docs/images/dashboard-*.png
