#!/bin/sh
# Installs Debian's Chromium and a CJK font for the browser tests (issue 6) when they are missing.
# Never downloads a Playwright browser: playwright-core drives /usr/bin/chromium.
# Without fonts-noto-cjk, Chinese renders as boxes in screenshots.
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'cjk'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk
