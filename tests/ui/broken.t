#!/bin/sh
# A broken lesson: the validator names every problem with its location and
# exits non-zero; the kiosk lists it as unavailable, explains, and goes on.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 12
t_tmpdir
out=$("$KIOSK" --check-lesson "$UI_DIR/lessons/cassee")
st=$?
printf '%s\n' "$out" | sed 's/^/# /'
[ $st -ne 0 ]
ok $? "--check-lesson exits non-zero on a broken lesson"
for p in 'lesson.json: unknown key "colour"' \
	'lesson.json: id: "Leçon cassée": use 1 to 40' \
	'lesson.json: title.en: missing' \
	'lesson.json: steps\[1\].picture: picture "absente.png" not found' \
	'lesson.json: steps\[2\].text.fr: 240 characters, at most 220' \
	'lesson.json: steps\[2\].picture: "../escape.png" must be a file name' \
	'lesson.json: steps\[2\].audio.fr: "pas-un-wav.png" is not a WAV file'; do
	printf '%s\n' "$out" | grep -q -- "$p"
	ok $? "names: $p"
done
out=$("$KIOSK" --check-lesson "$UI_DIR/lessons/syntaxe")
[ $? -ne 0 ] && printf '%s\n' "$out" | grep -q 'lesson.json: line 4, column 30: not valid JSON'
ok $? "a JSON syntax error is reported with its line and column"
fails=0
for d in "$TOP"/kiosk/lessons/*/; do
	"$KIOSK" --check-lesson "$d" >/dev/null || fails=$((fails + 1))
done
ok $fails "the three example lessons pass the validator"

kiosk_lessons
cat >"$T_DIR/list.script" <<'S'
tap @lessons
tap @more
expect-badge @lesson-4 Indisponible
expect-text @lesson-4 Une leçon cassée
tap @lesson-4
expect lessons
tap @ok
tap @go:home
expect home
S
kiosk_play list "$T_DIR/list.script"
st=$?
[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/list.err"
ok $st "the broken lesson is listed as unavailable, and the kiosk goes on"
has "$T_DIR/list.log" '^dialog Cette leçon ne peut pas s.ouvrir.*\(unknown key "colour"\)'
ok $? "touching it explains, with the reason for the trainer"
done_testing
