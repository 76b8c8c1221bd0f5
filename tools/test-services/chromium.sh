#!/usr/bin/env bash
# Ensures Debian's Chromium is installed for the browser tests (playwright-core drives it;
# `npx playwright install` cannot download browsers here). Idempotent.
set -euo pipefail

if command -v chromium >/dev/null; then
  printf ' • Chromium ready: %s\n' "$(chromium --version 2>/dev/null | head -n 1)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  printf ' ✗ Chromium is not installed; run as root, or: apt-get install chromium\n' >&2
  exit 1
fi
printf ' • Installing Chromium from Debian\n'
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
printf ' • Chromium ready: %s\n' "$(chromium --version 2>/dev/null | head -n 1)"
