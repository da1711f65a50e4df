#!/bin/sh
# kill -9 of the relay mid-stream, then a restart on the same port and
# data: the capture agent and a retrying viewer stream again within 5 s.
. "$(dirname "$0")/lib.sh"
plan 4
t_tmpdir
stack_init
relay_start
capture_start --fps 30
wait_for 15 camera_live || bail "stream never went live"

# A viewer that keeps retrying, for long enough to live through the crash.
"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user alice \
	--password-file "$T_DIR/alice.pw" --room pommes --seconds 20 --json \
	--retry --log-level info >"$T_DIR/view.json" 2>"$T_DIR/view.log" &
VIEW_PID=$!
T_PIDS="$T_PIDS $VIEW_PID"
wait_for 10 grep -q 'first frame' "$T_DIR/view.log"
ok $? "viewer receives frames before the crash"

kill -9 "$RELAY_PID"
wait "$RELAY_PID" 2>/dev/null
t_kill=$(date +%s%N)
relay_start
t_up=$(date +%s%N)
diag "relay restarted in $(((t_up - t_kill) / 1000000)) ms"

# The capture agent is back when the relay counts frames in again.
frames_in() { [ "$(metric lucarne_frames_in_total)" -gt 0 ]; }
wait_for 5 frames_in
ok $? "capture agent publishes again within 5 s of the restart"
t_cap=$(date +%s%N)
diag "capture back after $(((t_cap - t_up) / 1000000)) ms"

resumed() { [ "$(grep -c 'first frame' "$T_DIR/view.log")" -ge 2 ]; }
wait_for 5 resumed
ok $? "the retrying viewer decodes frames again within 5 s"
diag "viewer back after $((($(date +%s%N) - t_up) / 1000000)) ms"

wait "$VIEW_PID"
vst=$?
out=$(cat "$T_DIR/view.json")
diag "view (exit $vst): $out"
[ $vst -eq 0 ] || diag "view log: $(tail -n 5 "$T_DIR/view.log")"
[ "$(jget "$out" .decode_errors)" = 0 ]
ok $? "no decode error across the reconnection"
done_testing
