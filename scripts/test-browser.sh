#!/usr/bin/env bash
# Browser tests in headless Chromium through @web/test-runner.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROME_PATH=$(bash scripts/find-chrome.sh)
export CHROME_PATH
echo "test-browser: using $CHROME_PATH"
# The config loads the HTTP handler from TypeScript sources for the REST row: tsx and the "source" condition.
export NODE_OPTIONS="${NODE_OPTIONS:-} --conditions=source --import tsx"
# The landing-page test loads the lead form's standalone file by script tag, so build it first.
node scripts/standalone.mjs
exec npx --no-install web-test-runner "$@"
