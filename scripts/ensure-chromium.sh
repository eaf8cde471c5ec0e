#!/bin/sh
# The playground's browser test drives Debian's chromium: Playwright's own browser downloads are
# unreachable here. Install it when missing and we can (root with apt); otherwise say how.
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the playground browser test…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit $?
fi
echo "chromium is not installed: the playground browser test will fail. Install it (apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 0
