#!/usr/bin/env bash
# Ensures Debian's Chromium is installed for the browser tests (playwright-core drives it;
# `npx playwright install` cannot download browsers here). Idempotent.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/../shell/lib.sh"

command -v chromium >/dev/null || ensure_debs chromium
ok "Chromium ready: $(chromium --version 2>/dev/null | head -n 1)"
