#!/usr/bin/env bash
# Make sure Debian's chromium (and a text font, for layout and contrast checks)
# is at /usr/bin/chromium: the e2e tests drive it
# (Playwright never downloads a browser here). Installs it with apt-get when
# missing and we are root; otherwise explains what to do.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
test -x /usr/bin/chromium
