#!/bin/sh
# Viewing windows (issue 5) on the relay's fake clock (LUCARNE_FAKE_TIME_FILE,
# Europe/Paris): live inside the window with "until" = its end; when the
# window ends an open viewer gets state closed (reason window, until =
# the next opening) within 2 s and no more media; a new subscribe is
# refused the same way; /api/rooms agrees; Friday evening waits for
# Monday; "none" never opens; bad windows are refused with nothing
# changed; the cut is in the audit table.
. "$(dirname "$0")/lib.sh"
plan 19
t_tmpdir
stack_init
U() { echo "http://127.0.0.1:$PORT$1"; }

admin room set pommes --window 'mon-fri 08:30-11:30,13:30-16:00' >/dev/null
ok $? "room set --window"
admin room list | grep -q '^pommes .*window=mon-fri 08:30-11:30,13:30-16:00 '
ok $? "room list shows the window"

# Each refusal names the problem, exits 2 and changes nothing.
for bad in 'mon-fri' 'mon-fri 8h30-11:30' 'lun 08:00-09:00' 'mon 11:30-08:30' ''; do
	err=$(admin room set pommes --window "$bad" 2>&1 >/dev/null)
	st=$?
	[ $st -eq 2 ] && printf '%s' "$err" | grep -q -- '--window' ||
		{ diag "'$bad' -> $st: $err"; false; }
	ok $? "bad window '$bad' refused, exit 2: $err"
done
admin room list | grep -q 'window=mon-fri 08:30-11:30,13:30-16:00 '
ok $? "nothing changed"

# Wednesday 25 November 2026, 09:00 in Paris.
fake_time "$(paris '2026-11-25 09:00')"
relay_start
WS="ws://127.0.0.1:$PORT/ws"
CAM=$(cat "$T_DIR/cam.token")
spawn cam "$BIN/tests/wsprobe" --url "$WS" --token "$CAM" --publish pommes \
	--fps 30 --gop 30 --seconds 60
ALICE=$(bearer alice)
spawn v1 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" \
	--subscribe pommes --seconds 8 --trace "$T_DIR/v1.trace"
V1=$SPAWNED
end=$(paris '2026-11-25 11:30')
next=$(paris '2026-11-25 13:30')
wait_for 5 traced "$T_DIR/v1.trace" ".state == \"live\" and .until == $end"
ok $? "inside the window: live, until = 11:30 ($end)"

# 11:31: the window has ended.
fake_time "$(paris '2026-11-25 11:31')"
wait_for 2 traced "$T_DIR/v1.trace" ".state == \"closed\" and .reason == \"window\" and .until == $next"
ok $? "the open viewer is cut within 2 s: closed, reason window, until 13:30"

out=$("$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" --subscribe pommes --seconds 1)
[ "$(jget "$out" '.states|join(",")')" = closed ] &&
	[ "$(jget "$out" .last_state.until)" = "$next" ] && [ "$(jget "$out" .binary)" = 0 ]
ok $? "a new subscribe gets closed until $next and no media"

out=$(curl -s -H "Authorization: Bearer $ALICE" "$(U /api/rooms)")
[ "$(jget "$out" '.rooms[]|select(.name=="pommes")|"\(.state) \(.until) \(.reason)"')" = "closed $next window" ]
ok $? "/api/rooms: closed, until, reason ($out)"

wait "$V1"
out=$(cat "$T_DIR/v1.log")
[ "$(jget "$out" .binary)" -gt 0 ] && [ "$(jget "$out" .binary_after_state)" = 0 ] &&
	[ "$(jget "$out" .last_state.state)" = closed ]
ok $? "the cut viewer got media before, none after ($(jget "$out" .binary) frames)"

# 13:30: open again, and live comes back to a new viewer.
fake_time "$(paris '2026-11-25 13:30')"
live_now() {
	out=$("$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" --subscribe pommes --seconds 1)
	[ "$(jget "$out" '.states[0]')" = live ] && [ "$(jget "$out" .binary)" -gt 0 ]
}
wait_for 5 live_now
ok $? "13:30: live again with media"

# Friday 16:00: closed until Monday 08:30 (the week wraps).
fake_time "$(paris '2026-11-27 16:00')"
monday=$(paris '2026-11-30 08:30')
closed_until() {
	out=$("$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" --subscribe pommes --seconds 0.5)
	[ "$(jget "$out" .last_state.state)" = closed ] && [ "$(jget "$out" .last_state.until)" = "$1" ]
}
wait_for 5 closed_until "$monday"
ok $? "Friday 16:00: closed until Monday 08:30"

# "none": never open, so no until.
admin room set pommes --window none >/dev/null
wait_for 5 closed_until null
ok $? "window none: closed, no opening announced"
admin room set pommes --window always >/dev/null
wait_for 5 live_now
ok $? "window always: live"

[ "$(audit_count window_cut pommes)" -ge 1 ]
ok $? "audit: window cut row"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'admin' AND detail LIKE 'room set window=%'")" -ge 3 ]
ok $? "audit: window changes"
done_testing
