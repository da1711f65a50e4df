#!/bin/sh
# Browser tests of the consent register (issue 5): a parent withdraws
# their authorization from the watch page and the live player shows it;
# the director sees it in the register, records it again, reads the
# audit log and downloads it; the parent reads their own history. TAP on
# stdout; the work is in consent.test.mjs. Screenshots:
# build/screenshots/consent-*.png.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
	exit 0
fi
exec node tests/browser/consent.test.mjs "$@"
