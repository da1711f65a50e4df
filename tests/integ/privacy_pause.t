#!/bin/sh
# Teacher pause (issue 5), with the real capture agent and lucarne-view:
# after "room pause" viewers receive only the agent's slates (no camera
# frame), the agent stops reading its source (its "captured" counter,
# printed by --stats, stops), the pause survives a restart of the relay
# and of the agent, a camera that ignores the pause has its frames
# dropped and counted by the relay (frames_paused), resume brings the
# camera back, and each step is in the audit table.
. "$(dirname "$0")/lib.sh"
plan 20
t_tmpdir
stack_init
relay_start
WS="ws://127.0.0.1:$PORT/ws"
capture_start --stats --fps 15
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"
ALICE=$(bearer alice)

# A viewer that watches across the pause, its messages traced.
spawn v1 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" \
	--subscribe pommes --seconds 12 --trace "$T_DIR/v1.trace"
V1=$SPAWNED
wait_for 5 traced "$T_DIR/v1.trace" '.state == "live"'
ok $? "a parent watches live"

admin room pause pommes >/dev/null
ok $? "room pause"
wait_for 5 grep -q 'paused: camera closed' "$T_DIR/capture.log"
ok $? "the capture agent closes its camera"
wait_for 5 traced "$T_DIR/v1.trace" '.state == "paused" and .reason == "teacher"'
ok $? "the open viewer gets state paused, reason teacher"

# A fresh viewer after the pause: every frame it decodes is a slate.
out=$(view alice 3)
diag "view while paused: $out"
[ "$(jget "$out" .frames)" -gt 0 ] &&
	[ "$(jget "$out" .frames)" = "$(jget "$out" .slate_frames)" ] &&
	[ "$(jget "$out" '.states|index("paused") != null')" = true ]
ok $? "lucarne-view: only slate frames ($(jget "$out" .slate_frames)), state paused"

# Counted at the source: "captured" stops once the camera is closed. Two
# stats lines after the agent logged the pause must agree.
stats_after_pause() {
	sed -n '/paused: camera closed/,$p' "$T_DIR/capture.log" |
		grep -o 'captured [0-9]*' | awk '{print $2}'
}
two_stats() { [ "$(stats_after_pause | wc -l)" -ge 2 ]; }
wait_for 15 two_stats
c=$(stats_after_pause | sort -u | wc -l)
ok $([ "$c" -eq 1 ]; echo $?) "the agent reads no camera frame while paused (captured: $(stats_after_pause | tr '\n' ' '))"

wait "$V1"
out=$(cat "$T_DIR/v1.log")
diag "open viewer: $out"
[ "$(jget "$out" .last_state.state)" = paused ] &&
	[ "$(jget "$out" .camera_after_state)" = 0 ]
ok $? "the open viewer got no camera frame after the paused state ($(jget "$out" .binary_after_state) slates)"

# The relay restarts: the agent reconnects and is paused again at once.
n_pause=$(grep -c 'relay says pause' "$T_DIR/capture.log")
kill "$RELAY_PID"
wait "$RELAY_PID" 2>/dev/null
relay_start
more_pauses() { [ "$(grep -c 'relay says pause' "$T_DIR/capture.log")" -gt "$n_pause" ]; }
wait_for 15 more_pauses
ok $? "after a relay restart the camera is told to pause again"
slate_only() {
	out=$(view alice 2)
	[ "$(jget "$out" .frames)" -gt 0 ] &&
		[ "$(jget "$out" .frames)" = "$(jget "$out" .slate_frames)" ]
}
wait_for 10 slate_only
ok $? "viewers still get slates only"

# The capture agent restarts: it is paused right after it publishes.
kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
mv "$T_DIR/capture.log" "$T_DIR/capture1.log"
capture_start --stats --fps 15
wait_for 15 grep -q 'relay says pause' "$T_DIR/capture.log"
ok $? "a restarted capture agent is paused by the relay"
wait_for 10 grep -q 'paused: camera closed' "$T_DIR/capture.log"
ok $? "and closes its camera"
wait_for 10 slate_only
ok $? "viewers get slates only from the new agent"

# A camera that ignores "pause" (wsprobe as a publisher keeps sending
# camera frames, none flagged SLATE): the relay drops each of them
# itself, counts them, and a viewer gets none.
kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
gauge() { curl -s "http://127.0.0.1:$PORT/metrics" | grep -q "^$1 $2\$"; }
# counters: frames received in pommes and dropped for the pause, read
# from one /metrics page (so they agree), as "IN DROPPED".
counters() {
	curl -s "http://127.0.0.1:$PORT/metrics" | awk '
		$1 == "lucarne_frames_in_total{room=\"pommes\"}" { i = $2 }
		$1 == "lucarne_frames_dropped_total{reason=\"paused\"}" { d = $2 }
		END { print i + 0, d + 0 }'
}
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 0 || bail "the agent is still publishing"
set -- $(counters)
in0=$1 dropped0=$2
spawn v2 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" \
	--subscribe pommes --seconds 20 --count 1 --trace "$T_DIR/v2.trace"
V2=$SPAWNED
wait_for 5 traced "$T_DIR/v2.trace" '.state == "paused"' || bail "no paused state"
spawn rogue "$BIN/tests/wsprobe" --url "$WS" --token "$(cat "$T_DIR/cam.token")" \
	--publish pommes --fps 30 --gop 30 --frames 60 --seconds 20 \
	--trace "$T_DIR/rogue.trace"
ROGUE=$SPAWNED
wait_for 5 traced "$T_DIR/rogue.trace" '.type == "pause" and .paused == true'
ok $? "the camera is told to pause (and ignores it)"
# sent_all: the relay received (nearly) all of the camera's 60 frames.
sent_all() { set -- $(counters); [ $(($1 - in0)) -ge 55 ]; }
wait_for 10 sent_all
set -- $(counters)
n_in=$(($1 - in0)) n_dropped=$(($2 - dropped0))
# The relay writes a frame to its viewers as it receives it: v2 (which
# would stop at its first frame) still running now saw all it would; it
# is stopped (SIGTERM: it reports as at its end).
kill -0 "$V2" 2>/dev/null
v2_alive=$?
kill "$V2" 2>/dev/null
[ "$n_in" -ge 55 ] && [ "$n_dropped" = "$n_in" ]
ok $? "the relay drops every camera frame of a paused room and counts it (frames_paused +$n_dropped of $n_in received)"
kill "$ROGUE"
wait "$V2"
out=$(cat "$T_DIR/v2.log")
diag "viewer during the rogue camera: $out"
[ "$v2_alive" = 0 ] && [ "$(jget "$out" .binary)" = 0 ] &&
	[ "$(jget "$out" .last_state.state)" = paused ]
ok $? "a viewer of the paused room got no frame of it (binary $(jget "$out" .binary), camera frames $(jget "$out" .camera_after_state))"
mv "$T_DIR/capture.log" "$T_DIR/capture2.log"
capture_start --stats --fps 15
wait_for 15 grep -q 'paused: camera closed' "$T_DIR/capture.log" || bail "agent not paused again"

admin room resume pommes >/dev/null
ok $? "room resume"
wait_for 5 grep -q 'resumed' "$T_DIR/capture.log"
ok $? "the agent reopens its camera"
live_again() {
	out=$(view alice 2)
	[ "$(jget "$out" .frames)" -gt "$(jget "$out" .slate_frames)" ] &&
		[ "$(jget "$out" '.states|index("live") != null')" = true ]
}
wait_for 10 live_again
ok $? "camera frames and state live are back"

[ "$(audit_count pause pommes)" -ge 1 ]
ok $? "audit: pause row"
[ "$(audit_count resume pommes)" -ge 1 ]
ok $? "audit: resume row"
done_testing
