#!/usr/bin/env bash
# Refreshes the README's screenshots: docs/screenshots/ (a phone, 375 px wide) and docs/screenshots/desktop/
# (1280 px). A normal test run writes its screenshots under artifacts/screenshots/ only and leaves the tree clean.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build CognitoDemo.Web.Tests/CognitoDemo.Web.Tests.csproj -c Release --nologo -v quiet
COGNITODEMO_UPDATE_DOCS_SCREENSHOTS=1 dotnet test CognitoDemo.Web.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~Browser.NarrowScreenTests|FullyQualifiedName~Browser.AccessibilityTests|FullyQualifiedName~Browser.UsersJourneyTests"
git status --short docs/screenshots
