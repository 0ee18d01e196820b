#!/usr/bin/env bash
# Chromium and a CJK font for the report's browser test (Debian packages `chromium`, `fonts-noto-cjk`).
# Installs them when missing and this user may (root with apt-get); never fails: without them the
# browser test skips and says why.
set -uo pipefail

have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_cjk_font() { fc-list :lang=zh 2>/dev/null | grep -q . || ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1; }

if have_chromium && have_cjk_font; then
    echo "browser: chromium and a CJK font are installed"
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "browser: cannot install chromium and fonts-noto-cjk here (needs root and apt-get);" \
         "install them to run the report's browser test, which skips until then"
    exit 0
fi
install_packages() { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk >/dev/null 2>&1; }
if install_packages || { apt-get update >/dev/null 2>&1 && install_packages; }; then
    echo "browser: installed chromium and fonts-noto-cjk"
else
    echo "browser: apt-get could not install chromium and fonts-noto-cjk; the browser test will skip"
fi
exit 0
