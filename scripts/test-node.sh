#!/usr/bin/env bash
# Pure-core and adapter tests under Node's test runner. Files named
# *.browser.test.ts run in Chromium instead (scripts/test-browser.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find test -name '*.test.ts' ! -name '*.browser.test.ts' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "test-node: no test files found" >&2; exit 1; fi
exec node --conditions=source --import tsx --test --test-reporter=spec "${files[@]}"
