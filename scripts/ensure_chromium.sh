#!/usr/bin/env bash
# Chromium for the browser test of the HTML report (tests/python/test_report_browser.py), from
# Debian's packages: playwright drives /usr/bin/chromium and downloads no browser of its own.
# Never fails the caller: where the package cannot be installed it says so LOUDLY and the browser
# test then skips with the same message.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "chromium present: $(chromium --version 2>/dev/null | head -1)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
fi
echo "installing chromium and chromium-driver from Debian for the browser test ..."
if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
   && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
   && command -v chromium >/dev/null 2>&1; then
    echo "chromium installed: $(chromium --version 2>/dev/null | head -1)"
else
    echo "############################################################################" >&2
    echo "## WARNING: could not install Debian's chromium: the browser test of the  ##" >&2
    echo "## HTML report will be SKIPPED. Install it with:                          ##" >&2
    echo "##     apt-get update && apt-get install -y chromium chromium-driver      ##" >&2
    echo "############################################################################" >&2
fi
exit 0
