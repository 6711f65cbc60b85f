#!/usr/bin/env bash
# Browser tests in headless Chromium through @web/test-runner.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH=$(bash scripts/find-chrome.sh)
export CHROME_PATH
echo "test-browser: using $CHROME_PATH"
exec npx --no-install web-test-runner "$@"
