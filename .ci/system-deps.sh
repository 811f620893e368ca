#!/usr/bin/env bash
# Debian packages the tests need: LibreOffice (opens our .docx redlines, accepts/rejects changes)
# and python3-uno (its Python bridge, used by tests/support/lo_accept_reject.py); Chromium and its driver
# (the HTML pages are tested in a real browser).
# Installs them when missing and we can (root or passwordless sudo); otherwise says so, and the
# tests that need them are skipped with that reason (never on CI, where a missing program fails).
set -u
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# tests/support/lo_accept_reject.py drives LibreOffice through UNO from Debian's python3
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
# tests/render/test_browser.py opens the built site in headless Chromium through chromedriver (selenium)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "system-deps: cannot install ${need[*]} (not root); tests that need them will be skipped" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
echo "system-deps: installing ${need[*]} (Debian packages) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
status=$?
if [ $status -ne 0 ]; then
  echo "system-deps: apt-get failed ($status)" >&2
  [ "${CI:-}" = true ] && exit 1
fi
exit 0
