#!/bin/sh
# Browser tests of the parents' web app (issue 4): playwright-core drives
# Debian's chromium against a real relay and capture agent. TAP on stdout;
# the work is in web.test.mjs. Screenshots land in build/screenshots/.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
	exit 0
fi
exec node tests/browser/web.test.mjs "$@"
