#!/bin/sh
# Browser tests of the camera controls (issue 6): a teacher moves the
# brightness on her page and the API then reports the new value; the
# director saves a preset and the teacher applies it. playwright-core and
# Debian's chromium against a real relay and capture agent (test pattern).
# TAP on stdout; the work is in camera.test.mjs. Screenshots:
# build/screenshots/camera-*.png.
cd "$(dirname "$0")/../.." || exit 1
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (apt-get install nodejs)"
	exit 0
fi
exec node tests/browser/camera.test.mjs "$@"
