#!/bin/sh
# Install what Lucarne needs on Debian 12, idempotently: only missing
# packages are installed. As root it runs apt-get; otherwise it prints the
# exact command. Then npm packages from the committed lock file.
set -eu
cd "$(dirname "$0")/.."

# Build: compiler and the chosen libraries.
BUILD="gcc make pkg-config libc6-dev libv4l-dev libvpx-dev libyuv-dev
libwebsockets-dev libssl-dev libsqlite3-dev libsodium-dev libjansson-dev
libinih-dev libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libopus-dev
libspeexdsp-dev libespeak-ng-dev espeak-ng-data fonts-dejavu-core"
# Tests: TAP runner, HTTP and JSON tools, certificates, browser, QEMU rig,
# sanitizers, fuzzing, lint, benchmarks.
TEST="perl curl jq openssl ca-certificates sqlite3 procps psmisc iproute2
chromium nodejs qemu-system-x86 busybox-static cpio kmod xz-utils clang
libclang-rt-14-dev clang-format cppcheck ffmpeg python3"

missing=""
for p in $BUILD $TEST; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed'; then
		missing="$missing $p"
	fi
done
# npm ships inside Nodesource's nodejs; Debian's nodejs needs the npm package.
if ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "deps: installing:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "deps: missing packages; run as root:"
		echo "  sudo apt-get install -y$missing"
		exit 1
	fi
fi

# The Debian kernel for the QEMU/vivid rig (tests/vm) is fetched there.
if [ -f package-lock.json ]; then
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
		echo "deps: npm ci"
		npm ci --no-audit --no-fund --loglevel=error
		touch node_modules
	fi
fi
echo "deps: all present"
