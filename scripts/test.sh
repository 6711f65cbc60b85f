#!/usr/bin/env bash
# The README's test command: every test, in Node and in Chromium, then one
# plain summary line for both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/@web/test-runner ]; then
  echo "test: dependencies missing; running npm ci" >&2
  npm ci --no-audit --no-fund || exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT

bash scripts/test-node.sh 2>&1 | tee "$log"
node_rc=${PIPESTATUS[0]}
node_pass=$(grep -aE '^ℹ pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
node_fail=$(grep -aE '^ℹ fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)

bash scripts/test-browser.sh 2>&1 | tee "$log"
browser_rc=${PIPESTATUS[0]}
summary=$(grep -aoE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
browser_pass=$(echo "${summary:-0 passed, 0 failed}" | grep -oE '^[0-9]+')
browser_fail=$(echo "${summary:-0 passed, 0 failed}" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')

echo
echo "node: ${node_pass} passed, ${node_fail} failed"
echo "chromium: ${browser_pass} passed, ${browser_fail} failed"
if [ "$node_rc" -ne 0 ] || [ "$browser_rc" -ne 0 ]; then
  # A runner that crashed before counting still fails the run.
  [ "$node_fail" = 0 ] && [ "$node_rc" -ne 0 ] && node_fail=1
  [ "$browser_fail" = 0 ] && [ "$browser_rc" -ne 0 ] && browser_fail=1
fi
echo "tests: $((node_pass + browser_pass)) passed, $((node_fail + browser_fail)) failed"
[ "$node_rc" -eq 0 ] && [ "$browser_rc" -eq 0 ] && [ $((node_pass + browser_pass)) -gt 0 ]
