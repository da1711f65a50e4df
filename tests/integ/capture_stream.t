#!/bin/sh
# lucarne-capture end to end on loopback, from the capture side: the test
# pattern at 640x480 with 3 temporal layers and a keyframe every second,
# a y4m file, a single-layer stream, a refused token, and the encoder
# benchmark mode.
. "$(dirname "$0")/lib.sh"
plan 15
t_tmpdir
stack_init
# alice's 50 load-generator sockets: past the default cap of 4 per account.
relay_start --max-viewer-sockets 64

capture_start --size 640x480 --kbps 800 --layers 3 --keyframe-interval 1
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"
out=$(view alice 5)
ok $? "viewer exits 0"
diag "view: $out"
frames=$(jget "$out" .frames)
sent=$(($(jget "$out" .seq_last) - $(jget "$out" .seq_first) + 1))
[ "$frames" -gt 0 ] && [ $((frames * 100)) -ge $((sent * 95)) ]
ok $? "at least 95 % of the frames sent decoded ($frames of $sent)"
[ "$(jget "$out" .decode_errors)" = 0 ] && [ "$(jget "$out" .bad_frames)" = 0 ]
ok $? "no decode error, no malformed frame"
[ "$(jget "$out" .width)x$(jget "$out" .height)" = 640x480 ]
ok $? "640x480 decoded"
kf=$(jget "$out" .keyframes)
[ "$kf" -ge 5 ] && [ "$kf" -le 7 ]
ok $? "a keyframe a second, plus the cached one ($kf in 5 s)"
l0=$(jget "$out" '.layers[0]')
l1=$(jget "$out" '.layers[1]')
l2=$(jget "$out" '.layers[2]')
# Pattern 0,2,1,2 (restarted at each keyframe, 30 frames a period): about
# a quarter on layer 0 and 1 each, half on layer 2.
[ $((l0 + l1 + l2)) -eq "$frames" ] && [ "$l2" -ge $((frames * 45 / 100)) ] &&
	[ "$l2" -le $((frames * 55 / 100)) ] && [ "$l1" -ge $((frames * 20 / 100)) ]
ok $? "layers 0/1/2 in the 1:1:2 pattern ($l0 $l1 $l2)"
p99=$(jget "$out" .latency_ms.p99)
# Latency is measured by make bench, never asserted here: only that the
# viewer could measure it.
awk -v p="$p99" 'BEGIN { exit !(p > 0) }'
ok $? "viewer measures latency from the capture timestamps (p99 $p99 ms)"
# The load generator make bench uses (one epoll loop, no decoding): every
# connection gets the stream whole and in order.
out=$(view alice 20 --no-decode --connections 50 --until-frames 30)
diag "load generator: $(printf '%s' "$out" | jq -c '{connections_ok, frames_per_connection, seq_gaps, bad_frames, error}')"
printf '%s' "$out" | jq -e '.connections_ok == 50 and
	.frames_per_connection.min >= 30 and .seq_gaps == 0 and
	.bad_frames == 0 and .latency_ms.p99 > 0' >/dev/null
ok $? "50 load-generator connections each get 30 frames in order"
kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
ok $? "capture agent exits 0 on SIGTERM"

# A y4m file (made here: 8 frames of 320x240 noise at 15 fps), scaled.
python3 - "$T_DIR/clip.y4m" <<'PY'
import os, sys
with open(sys.argv[1], "wb") as f:
    f.write(b"YUV4MPEG2 W320 H240 F15:1 Ip C420jpeg\n")
    for i in range(8):
        f.write(b"FRAME\n" + os.urandom(320 * 240 * 3 // 2))
PY
capture_start --source "y4m:$T_DIR/clip.y4m" --size 320x240 --layers 1
wait_for 15 camera_live || bail "y4m stream never went live"
out=$(view alice 3)
diag "view: $out"
# Frames captured before the viewer subscribed come at once from the
# relay's cache: count the live ones.
frames=$(($(jget "$out" .frames) - $(jget "$out" .backlog_frames)))
[ "$frames" -ge 38 ] && [ "$frames" -le 48 ] && [ "$(jget "$out" .decode_errors)" = 0 ]
ok $? "y4m file looped at its own 15 fps ($frames live frames in 3 s)"
[ "$(jget "$out" '.layers[1] + .layers[2]')" = 0 ]
ok $? "--layers 1: every frame on layer 0"
kill "$CAPTURE_PID"

# A token the relay does not know: exit 1 with a clear message, no retry.
echo lcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA >"$T_DIR/bad.token"
timeout 10 "$BIN/lucarne-capture" --relay "ws://127.0.0.1:$PORT" \
	--token-file "$T_DIR/bad.token" >"$T_DIR/bad.log" 2>&1
st=$?
[ $st -eq 1 ]
ok $? "unknown token: exit 1 (got $st)"
grep -q 'refused' "$T_DIR/bad.log"
ok $? "and says the relay refused it: $(grep refused "$T_DIR/bad.log" | tail -n 1)"

"$BIN/lucarne-capture" --source "y4m:$T_DIR/clip.y4m" --size 320x240 \
	--encode-only 30 >"$T_DIR/bench.json"
[ "$(jq -r .frames "$T_DIR/bench.json")" = 30 ] &&
	jq -e '.cpu_ms_per_frame > 0' "$T_DIR/bench.json" >/dev/null
ok $? "--encode-only prints CPU per frame: $(cat "$T_DIR/bench.json")"

printf 'YUV4MPEG2 W320 H240 C444\n' >"$T_DIR/bad.y4m"
"$BIN/lucarne-capture" --relay "ws://127.0.0.1:$PORT" \
	--token-file "$T_DIR/cam.token" --source "y4m:$T_DIR/bad.y4m" \
	>"$T_DIR/bady4m.log" 2>&1
[ $? -eq 1 ] && grep -q 'not supported' "$T_DIR/bady4m.log"
ok $? "an unusable y4m file: exit 1, $(head -c 100 "$T_DIR/bady4m.log")"
done_testing
