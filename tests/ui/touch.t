#!/bin/sh
# The one gesture of SENIORS.md, through the kiosk's real event path: a
# shaky double tap activates once, a tap that slides off does nothing, a
# long press is a tap, and a finger landing just outside a button counts.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 6
t_tmpdir
kiosk_lessons --good
open='tap @lessons
tap @lesson-1
expect-text @step-of Étape 1 sur 6'

printf '%s\npress @next\nwait 60\nrelease\nwait 150\npress @next\nwait 60\nrelease\nwait 600\nexpect-text @step-of Étape 2 sur 6\n' "$open" >"$T_DIR/shaky.script"
rm -f "$T_DIR/state.json"; kiosk_play shaky "$T_DIR/shaky.script"
ok $? "a shaky double tap on Next moves one step, not two"
has "$T_DIR/shaky.log" '^ignored next'
ok $? "the second tap is reported as ignored"

printf '%s\npress @next\nmove 640 200\nrelease\nwait 600\nexpect-text @step-of Étape 1 sur 6\n' "$open" >"$T_DIR/slide.script"
rm -f "$T_DIR/state.json"; kiosk_play slide "$T_DIR/slide.script"
st=$?
has "$T_DIR/slide.log" '^slid-off next' && ! has "$T_DIR/slide.log" '^activate next'
ok $(($? + st)) "a tap sliding off Next does not activate it"

printf '%s\npress @next\nwait 3000\nrelease\nexpect-text @step-of Étape 2 sur 6\n' "$open" >"$T_DIR/long.script"
rm -f "$T_DIR/state.json"; kiosk_play long "$T_DIR/long.script"
ok $? "a three-second press is a tap"

# Next is at x 877..1248 (normal layout): 15 px right of it is inside the
# 4 mm slop, and nothing else is there.
printf '%s\npress 1262 700\nrelease\nexpect-text @step-of Étape 2 sur 6\n' "$open" >"$T_DIR/slop.script"
rm -f "$T_DIR/state.json"; kiosk_play slop "$T_DIR/slop.script"
ok $? "a finger just outside the button still activates it"

printf '%s\npress @next\nrelease\nwait 450\npress @next\nrelease\nexpect-text @step-of Étape 3 sur 6\n' "$open" >"$T_DIR/two.script"
rm -f "$T_DIR/state.json"; kiosk_play two "$T_DIR/two.script"
ok $? "two deliberate taps 450 ms apart move two steps"
done_testing
