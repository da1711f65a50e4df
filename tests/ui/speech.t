#!/bin/sh
# Speech without a sound card (--speech-output none): espeak-ng really
# synthesises each sentence on its own thread; the event log tells what
# was said and how many samples it made.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 7
t_tmpdir
kiosk_lessons --good
cat >"$T_DIR/touch.script" <<'S'
press @lessons
speech-wait
release
wait 500
tap @lesson-1
speech-wait
tap @repeat
tap @next
S
kiosk_play touch "$T_DIR/touch.script" --speak-on-touch
ok $? "the script ran"
has "$T_DIR/touch.log" '^say Leçons$'
ok $? "touching the Lessons tile says \"Leçons\""
has "$T_DIR/touch.log" '^spoken [1-9][0-9]+ samples: Leçons$'
ok $? "espeak-ng synthesised it"
has "$T_DIR/touch.log" '^spoken [1-9][0-9]+ samples: Prenez la tablette\. Posez la tablette'
ok $? "a step's narration is read when the step opens"
[ "$(count "$T_DIR/touch.log" '^say Prenez la tablette\.')" -eq 2 ]
ok $? "Repeat reads the narration again"
# Next interrupts: the new step is said, the old one is abandoned.
has "$T_DIR/touch.log" '^say Touchez « Appels »\. Touchez une seule fois'
ok $? "Next says the next step"

rm -f "$T_DIR/state.json"
kiosk_play quiet "$T_DIR/touch.script" --speak-on-touch --no-speech
! has "$T_DIR/quiet.log" '^say '
ok $? "with speech off nothing is said"
done_testing
