#!/bin/sh
# The trainer's settings behind the PIN, kept in the state file, and the
# idle return home.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

plan 8
t_tmpdir
kiosk_lessons --good
cat >"$T_DIR/pin.script" <<'S'
tap @trainer
expect home
tap @trainer
tap @trainer
expect pin
tap @key-1
tap @key-1
tap @key-1
tap @key-1
tap @enter
expect pin
expect-text @pin Ce code n'est pas le bon. Essayez encore.
tap @key-2
tap @key-5
tap @key-8
tap @key-0
tap @enter
expect settings
tap @theme
expect-text @theme Couleurs : contrastées
tap @lang
expect-text @lang Language: English
tap @text
expect-text @text Text: 125 %
tap @save
expect home
expect-text @welcome Hello! Touch what you would like to do.
S
kiosk_play pin "$T_DIR/pin.script"
st=$?
[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/pin.err"
ok $st "three taps on the name, a wrong PIN, the right PIN, three settings"
jq -e '.settings.theme == 1 and .settings.lang == 1 and .settings.text_percent == 125' \
	"$T_DIR/state.json" >/dev/null
ok $? "the settings are saved in the state file"
printf 'shot home\nexpect-text @welcome Hello! Touch what you would like to do.\n' >"$T_DIR/again.script"
kiosk_play again "$T_DIR/again.script"
ok $? "the next start uses them"
printf 'tap @trainer\nwait 5000\ntap @trainer\ntap @trainer\nexpect home\n' >"$T_DIR/slow.script"
kiosk_play slow "$T_DIR/slow.script"
ok $? "taps on the name too far apart do not ask for the PIN"

rm -f "$T_DIR/state.json"
cat >"$T_DIR/idle.script" <<'S'
tap @lessons
tap @lesson-1
wait 170000
expect step
wait 11000
expect home
S
kiosk_play idle "$T_DIR/idle.script"
st=$?
[ $st -ne 0 ] && sed 's/^/# /' "$T_DIR/idle.err"
ok $st "after three idle minutes the kiosk is home again, not before"
has "$T_DIR/idle.log" '^idle: back home'
ok $? "the idle return is logged"
rm -f "$T_DIR/state.json"
printf 'tap @lessons\nwait 100000\nexpect lessons\nwait 100000\nexpect home\n' >"$T_DIR/idle2.script"
kiosk_play idle2 "$T_DIR/idle2.script" --idle-timeout 3
ok $? "the idle timeout counts from the last touch"
printf 'tap @lessons\nwait 119000\nexpect lessons\nwait 2000\nexpect home\n' >"$T_DIR/idle3.script"
kiosk_play idle3 "$T_DIR/idle3.script" --idle-timeout 2
ok $? "--idle-timeout changes it"
done_testing
