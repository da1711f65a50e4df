#!/bin/sh
# Browser tests of the staff pages (issue 5): the teacher's pause button
# and the director's room settings, with playwright-core and Debian's
# chromium against a real relay and capture agent. TAP on stdout; the
# work is in staff.test.mjs. Screenshots: build/screenshots/staff-*.png.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
	exit 0
fi
exec node tests/browser/staff.test.mjs "$@"
