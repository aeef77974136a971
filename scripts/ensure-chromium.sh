#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests, when they are missing.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "ensure-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing;" \
       "install them with: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "ensure-chromium: installing chromium and chromium-driver" >&2
timeout 300 apt-get update -qq
DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq chromium chromium-driver >/dev/null
