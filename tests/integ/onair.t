#!/bin/sh
# On-air signal (issue 6): lucarne-capture --on-air-command runs its
# command with LUCARNE_VIEWERS, LUCARNE_VIEWER_NAMES (parents, each once),
# LUCARNE_ROOM and LUCARNE_ON_AIR whenever who watches changes: parents
# joining and leaving, the teacher's pause (0), the relay going away (0),
# the agent stopping (0). Two runs never overlap. The command appends one
# line per run to a file; the test waits for the lines it expects.
. "$(dirname "$0")/lib.sh"
plan 11
t_tmpdir
stack_init
add_user carol parent pommes
add_user tina teacher pommes
admin consent set pommes carol given >/dev/null || bail "cannot record consent"
relay_start
WS="ws://127.0.0.1:$PORT/ws"
LOG="$T_DIR/onair.txt"
# Each run holds a lock for 0.2 s: a second run at the same time would
# find it taken and write OVERLAP.
cat >"$T_DIR/lamp.sh" <<EOF
mkdir "$T_DIR/lock" 2>/dev/null || echo OVERLAP >>"$LOG"
echo "\$LUCARNE_VIEWERS|\$LUCARNE_VIEWER_NAMES|\$LUCARNE_ROOM|\$LUCARNE_ON_AIR" >>"$LOG"
sleep 0.2
rmdir "$T_DIR/lock"
EOF
capture_start --on-air-command "sh $T_DIR/lamp.sh"
wait_for 10 grep -q 'publishing room pommes' "$T_DIR/capture.log" ||
	bail "the camera never published: $(tail -n 5 "$T_DIR/capture.log")"
# last_is LINE: the newest line of the lamp's file is LINE.
last_is() { [ "$(tail -n 1 "$LOG")" = "$1" ]; }

wait_for 5 grep -qx '0|||0' "$LOG"
ok $? "at start the lamp is told 0 (off)"

# watch NAME SECONDS: a viewer of pommes as NAME; its pid in $SPAWNED.
watch() { spawn "w-$1" "$BIN/tests/wsprobe" --url "$WS" --token "$(bearer "$1")" --subscribe pommes --seconds "$2"; }
watch alice 90
ALICE=$SPAWNED
wait_for 10 last_is '1|alice|pommes|1'
ok $? "a parent joins: 1 viewer, alice, on air ($(tail -n 1 "$LOG"))"
watch carol 90
wait_for 10 last_is '2|alice,carol|pommes|1'
ok $? "a second parent: 2, alice,carol ($(tail -n 1 "$LOG"))"
watch tina 90
TINA=$SPAWNED
wait_for 10 last_is '3|alice,carol|pommes|1'
ok $? "a teacher counts but is not named ($(tail -n 1 "$LOG"))"
kill "$TINA"

admin room pause pommes >/dev/null
wait_for 10 last_is '0||pommes|0'
ok $? "teacher pause: 0, off air ($(tail -n 1 "$LOG"))"
admin room resume pommes >/dev/null
wait_for 10 last_is '2|alice,carol|pommes|1'
ok $? "resume: on air again with the two parents ($(tail -n 1 "$LOG"))"

kill "$ALICE"
wait_for 10 last_is '1|carol|pommes|1'
ok $? "a parent leaves: 1, carol ($(tail -n 1 "$LOG"))"

kill "$RELAY_PID"
wait "$RELAY_PID" 2>/dev/null
wait_for 10 last_is '0||pommes|0'
ok $? "relay lost: 0, off air ($(tail -n 1 "$LOG"))"
relay_start
watch carol 20 # the first probe does not reconnect
wait_for 15 last_is '1|carol|pommes|1'
ok $? "relay back: the watching parent is signalled again ($(tail -n 1 "$LOG"))"

kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
last_is '0||pommes|0'
ok $? "the agent stopping signals 0 before it exits ($(tail -n 1 "$LOG"))"
! grep -q OVERLAP "$LOG"
ok $? "never two runs at once ($(wc -l <"$LOG") runs)"
done_testing
