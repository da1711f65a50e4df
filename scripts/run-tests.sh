#!/bin/sh
# Run every test program through prove, which prints the closing summary.
# Unit tests run twice: plain (build/) and with ASan+UBSan (build/san/).
# Integration, browser, UI and VM tests use the programs in build/.
set -eu
cd "$(dirname "$0")/.."

export LUCARNE_BIN="${LUCARNE_BIN:-$PWD/build}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if [ -f tests/lsan.supp ]; then
	export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
fi

tests=""
for t in build/tests/unit/* build/san/tests/unit/*; do
	[ -f "$t" ] && [ -x "$t" ] && tests="$tests $t"
done
# TESTS="tests/integ/foo.t ..." narrows the run (developers).
if [ -n "${TESTS:-}" ]; then
	tests="$TESTS"
else
	for t in tests/integ/*.t tests/ui/*.t tests/browser/*.t tests/vm/*.t; do
		[ -f "$t" ] && tests="$tests $t"
	done
fi
# shellcheck disable=SC2086
exec prove --timer $tests
