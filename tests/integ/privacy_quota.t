#!/bin/sh
# Daily quota per parent per room (issue 5) on the relay's fake clock:
# one minute a day, used across two sessions of the same account (40 s
# in the first, then 30 s in the second: cut at the minute with reason
# quota and the next day's opening); further subscribes that day are
# refused the same way, also after a relay restart (the use is kept in
# the database); staff are not counted; the next day the parent watches
# again; the cut is in the audit table.
. "$(dirname "$0")/lib.sh"
plan 16
t_tmpdir
stack_init
add_user teacher1 teacher pommes || bail "cannot add teacher1"

err=$(admin room set pommes --quota-min ten 2>&1 >/dev/null)
[ $? -eq 2 ] && printf '%s' "$err" | grep -q -- '--quota-min'
ok $? "bad quota refused, exit 2: $err"
admin room set pommes --quota-min 1 >/dev/null &&
	admin room list | grep -q '^pommes .*quota-min=1'
ok $? "room set --quota-min 1"

t0=$(paris '2026-11-25 09:00')
fake_time "$t0"
relay_start
WS="ws://127.0.0.1:$PORT/ws"
CAM=$(cat "$T_DIR/cam.token")
spawn cam "$BIN/tests/wsprobe" --url "$WS" --token "$CAM" --publish pommes \
	--fps 30 --gop 30 --seconds 120
ALICE1=$(bearer alice)
ALICE2=$(bearer alice)
[ "$ALICE1" != "$ALICE2" ]
ok $? "two sessions of alice"
quota_left() { # quota_left TOKEN: alice's quota_left for pommes in /api/rooms
	curl -s -H "Authorization: Bearer $1" "http://127.0.0.1:$PORT/api/rooms" |
		jq -r '.rooms[]|select(.name=="pommes")|.quota_left'
}
left_at_most() { [ "$(quota_left "$ALICE1")" -le "$1" ]; }

spawn v1 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE1" \
	--subscribe pommes --seconds 60 --trace "$T_DIR/v1.trace"
V1=$SPAWNED
wait_for 5 traced "$T_DIR/v1.trace" '.state == "live" and .quota_left == 60'
ok $? "first session: live, quota_left 60"

fake_time $((t0 + 40))
wait_for 5 left_at_most 20
ok $? "40 s later /api/rooms shows 20 s left ($(quota_left "$ALICE1"))"
kill "$V1"
wait "$V1" 2>/dev/null

# It ends by itself a few seconds after the cut below, and then prints
# what it received.
spawn v2 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE2" \
	--subscribe pommes --seconds 6 --trace "$T_DIR/v2.trace"
V2=$SPAWNED
wait_for 5 traced "$T_DIR/v2.trace" '.state == "live" and .quota_left == 20'
ok $? "second session: live with the 20 s left"

# The teacher watches too, without a quota.
out=$("$BIN/tests/wsprobe" --url "$WS" --token "$(bearer teacher1)" --subscribe pommes --seconds 0.5)
[ "$(jget "$out" .last_state.state)" = live ] && [ "$(jget "$out" .last_state.quota_left)" = null ]
ok $? "a teacher of the room is not subject to the quota"

tomorrow=$(paris '2026-11-26 00:00')
fake_time $((t0 + 70))
wait_for 2 traced "$T_DIR/v2.trace" ".state == \"closed\" and .reason == \"quota\" and .quota_left == 0 and .until == $tomorrow"
ok $? "at the minute: closed, reason quota, quota_left 0, until the next day"
refused_quota() {
	out=$("$BIN/tests/wsprobe" --url "$WS" --token "$1" --subscribe pommes --seconds 0.5)
	[ "$(jget "$out" .last_state.state)" = closed ] &&
		[ "$(jget "$out" .last_state.reason)" = quota ] && [ "$(jget "$out" .binary)" = 0 ]
}
refused_quota "$ALICE1"
ok $? "a new subscribe the same day is refused (quota), no media"
[ "$(quota_left "$ALICE1")" = 0 ]
ok $? "/api/rooms shows quota_left 0"
wait "$V2"
out=$(cat "$T_DIR/v2.log")
[ "$(jget "$out" .last_state.reason)" = quota ] && [ "$(jget "$out" .binary)" -gt 0 ] &&
	[ "$(jget "$out" .binary_after_state)" = 0 ]
ok $? "no media after the cut"

# The use is in the database: a restarted relay still refuses.
kill "$RELAY_PID"
wait "$RELAY_PID" 2>/dev/null
relay_start
refused_quota "$ALICE1"
ok $? "after a relay restart the quota is still used up"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT seconds FROM quota_use JOIN users ON users.id = user_id WHERE users.name = 'alice' AND room = 'pommes' AND day = 20261125")" -ge 60 ]
ok $? "quota_use row for alice, 25 November"

# Past midnight in Paris: a new day, a new minute.
fake_time $((tomorrow + 30))
live_again() {
	out=$("$BIN/tests/wsprobe" --url "$WS" --token "$ALICE1" --subscribe pommes --seconds 0.5)
	[ "$(jget "$out" .last_state.state)" = live ] && [ "$(jget "$out" .last_state.quota_left)" = 60 ]
}
# The camera probe reconnects only at its next run: start one.
spawn cam2 "$BIN/tests/wsprobe" --url "$WS" --token "$CAM" --publish pommes \
	--fps 30 --gop 30 --seconds 60
wait_for 5 live_again
ok $? "the next day: live with 60 s"

[ "$(audit_count quota_cut pommes)" -ge 1 ]
ok $? "audit: quota cut row"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'admin' AND detail LIKE '%quota-min=1%'")" -ge 1 ]
ok $? "audit: quota change"
done_testing
