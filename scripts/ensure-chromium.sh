#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright; Playwright's own browser download cannot be used.
# Installs the package when it is missing and we may; otherwise says why the browser tests will skip.
set -u
CHROMIUM=${GOVSITE_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  if (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)); then
    exit 0
  fi
fi
echo "warning: $CHROMIUM is not installed and could not be installed; browser tests will be skipped." >&2
exit 0
