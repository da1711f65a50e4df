#!/bin/sh
# Browser test of the director's privacy masks and the teacher's on-air
# line (issue 6), with playwright-core and Debian's chromium against a
# real relay and capture agent. TAP on stdout; the work is in
# masks.test.mjs. Screenshots: build/screenshots/masks-*.png.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
	exit 0
fi
exec node tests/browser/masks.test.mjs "$@"
