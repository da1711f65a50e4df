#!/bin/sh
# The live stream end to end on loopback: test pattern → lucarne-capture →
# lucarne-relay → lucarne-view. A parent sees at least 95 % of the frames
# the camera sent, decodes every one, and keyframes arrive as configured.
. "$(dirname "$0")/lib.sh"
plan 8
t_tmpdir
stack_init
relay_start
capture_start --fps 30 --keyframe-interval 2
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"

out=$(view alice 6)
st=$?
diag "view: $out"
ok $st "lucarne-view exits 0 for a parent of the room"
frames=$(jget "$out" .frames)
first=$(jget "$out" .seq_first)
last=$(jget "$out" .seq_last)
sent=$((last - first + 1))
[ "$frames" -gt 0 ] && [ $((frames * 100)) -ge $((sent * 95)) ]
ok $? "at least 95 % of the frames sent in the window decoded ($frames of $sent)"
[ "$frames" -ge 170 ]
ok $? "about 30 frames a second for 6 s ($frames)"
[ "$(jget "$out" .decode_errors)" = 0 ]
ok $? "no decode error"
[ "$(jget "$out" .width)x$(jget "$out" .height)" = 320x240 ]
ok $? "picture size is the camera's 320x240"
kf=$(jget "$out" .keyframes)
[ "$kf" -ge 3 ] && [ "$kf" -le 5 ]
ok $? "one keyframe every 2 s, plus the cached one to start ($kf in 6 s)"
ffm=$(jget "$out" .first_frame_ms)
[ "$ffm" -ge 0 ] && [ "$ffm" -lt 2000 ]
ok $? "first frame within 2 s of connecting ($ffm ms)"
[ "$(metric lucarne_frames_in_total)" -gt 0 ]
ok $? "relay metrics count the frames in"
done_testing
