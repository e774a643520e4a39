#!/usr/bin/env bash
# Debian's Chromium for the explorer's browser e2e test (playwright-core drives it; no browser
# download). Does nothing when /usr/bin/chromium (or $CHROMIUM_BIN) already exists.
set -euo pipefail

bin="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ -x "$bin" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: $bin is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
"$bin" --version
