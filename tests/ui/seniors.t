#!/bin/sh
# Every screen checked against SENIORS.md by the kiosk's own audit (ui/
# ui_audit.c): targets at least 15 mm at the configured DPI and 5 mm
# apart, at most six per screen (trainer screens excepted), every text
# drawn at 7:1 or more and at least 28 px (40 px on buttons), and a
# visible way home. In both themes, both languages and the largest text.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 7
t_tmpdir
kiosk_lessons
screens='home lessons lessons\+dialog step finish pin settings'
for v in "normal fr 100" "contrast fr 100" "normal en 100" \
	"contrast en 150" "normal fr 150"; do
	set -- $v
	name="$1-$2-$3"
	rm -f "$T_DIR/state.json"
	kiosk_play "$name" "$UI_DIR/screens.script" --audit --theme "$1" \
		--lang "$2" --text-size "$3"
	st=$?
	grep '^FAIL' "$T_DIR/$name.log" | sed 's/^/# /'
	for s in $screens; do
		has "$T_DIR/$name.log" "^audit $s ok" || st=1
	done
	ok $st "$1 theme, $2, text $3 %: every screen passes"
done

# The check has teeth: the same 1280x800 picture on a 5-inch panel
# (300 dpi) makes every target far smaller than 15 mm.
rm -f "$T_DIR/state.json"
kiosk_play small "$UI_DIR/screens.script" --audit --dpi 300
[ $? -ne 0 ] && has "$T_DIR/small.log" '^FAIL .*audit home: target lessons is [0-9.]+ mm, under 15 mm'
ok $? "a panel too small for the layout fails the audit"
n=$(grep -c '^audit .* ok' "$T_DIR/normal-fr-100.log")
[ "$n" -ge 9 ]
ok $? "each screen shown was audited ($n audits)"
done_testing
