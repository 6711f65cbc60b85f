#!/usr/bin/env bash
# Finds a Chromium/Chrome for the browser tests and prints its path.
# Order: $CHROME_PATH, then browsers on PATH, then (as root on Debian/Ubuntu)
# `apt-get install -y chromium`. Says what is missing when it cannot.
set -euo pipefail

usable() { [ -n "${1:-}" ] && [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if [ -n "${CHROME_PATH:-}" ]; then
  if usable "$CHROME_PATH"; then echo "$CHROME_PATH"; exit 0; fi
  echo "find-chrome: CHROME_PATH=$CHROME_PATH is not an executable browser" >&2
  exit 1
fi

for name in chromium chromium-browser google-chrome-stable google-chrome chrome; do
  path=$(command -v "$name" 2>/dev/null || true)
  if usable "$path"; then echo "$path"; exit 0; fi
done

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "find-chrome: no browser found; installing Debian's chromium (apt-get install -y chromium)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 || {
      echo "find-chrome: apt-get could not install chromium" >&2
      exit 1
    }
    path=$(command -v chromium || true)
    if usable "$path"; then echo "$path"; exit 0; fi
  else
    echo "find-chrome: no Chromium or Chrome found. Install one: sudo apt-get install -y chromium, or set CHROME_PATH" >&2
    exit 1
  fi
fi

echo "find-chrome: no Chromium or Chrome found. Install Chromium or Chrome, or set CHROME_PATH to its binary." >&2
exit 1
