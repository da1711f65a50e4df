#!/bin/sh
# Every screen, in both themes and both languages, looks exactly like its
# reference image in tests/ref/THEME-LANG/NAME.png.
#
# Tolerance: the dummy video driver with SDL's software renderer draws the
# same pixels on every run, so the comparison is exact (0 pixels may
# differ). UPDATE_REF=1 rewrites the references instead of comparing
# (then look at them before committing).
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 8
t_tmpdir
kiosk_lessons
for theme in normal contrast; do
	for lang in fr en; do
		ref="$TOP/tests/ref/$theme-$lang"
		rm -f "$T_DIR/state.json"
		if [ -n "${UPDATE_REF:-}" ]; then
			mkdir -p "$ref"
			kiosk_play "$theme-$lang" "$UI_DIR/screens.script" \
				--theme "$theme" --lang "$lang"
			st=$?
			cp "$T_DIR/$theme-$lang"/[a-z]*.png "$ref/"
			ok $st "$theme $lang: references written to $ref"
		else
			kiosk_play "$theme-$lang" "$UI_DIR/screens.script" \
				--theme "$theme" --lang "$lang" --ref "$ref"
			st=$?
			[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/$theme-$lang.err"
			ok $st "$theme $lang: every screen matches its reference"
		fi
		n=$(count "$T_DIR/$theme-$lang.log" '^(ref .* ok|shot [a-z])')
		[ -n "${UPDATE_REF:-}" ] && n=$((n * 2))
		[ "$n" -eq 18 ]
		ok $? "$theme $lang: all 9 screens were drawn and compared ($n)"
	done
done
done_testing
