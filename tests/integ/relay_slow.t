#!/bin/sh
# Slow viewers: a viewer that reads slowly loses enhancement layers (never
# the stream) and is not cut; a viewer that stops reading is cut at the
# hard cap (it leaves the room at once and finds the close 4408 when it
# reads again) while the normal viewers keep every frame.
. "$(dirname "$0")/lib.sh"
plan 11
t_tmpdir
stack_init
admin device add cam-poires --kind camera --room poires >"$T_DIR/cam2.token"
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
token() {
	curl -s -X POST -H "Content-Type: application/json" -d "{\"user\":\"$1\",\"password\":\"$(cat "$T_DIR/$1.pw")\",\"bearer\":true}" \
		"$U/api/login" | jq -r .token
}
gauge() { curl -s "$U/metrics" | grep -q "^$1 $2\$"; }
ALICE=$(token alice)
BOB=$(token bob)

# pommes: 30 fps, 4 kB frames; three normal viewers and a slow one that
# reads at most 10 messages a second.
ws_bg cam --token "$(cat "$T_DIR/cam.token")" --publish pommes --fps 30 --gop 60 --size 4000 --seconds 30
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1 || bail "no publisher"
# poires: a heavy stream (60 fps, 50 kB frames) and a viewer that stops
# reading after its first frame.
ws_bg cam2 --token "$(cat "$T_DIR/cam2.token")" --publish poires --fps 60 --gop 60 --size 50000 --seconds 30
wait_for 5 gauge 'lucarne_publishers{room="poires"}' 1 || bail "no publisher 2"
# Let the GOP cache fill a little: some frames of poires have arrived.
frames_in() {
	[ "$(curl -s "$U/metrics" | awk -v m="lucarne_frames_in_total{room=\"$1\"}" \
		'$1 == m { print $2 }')" -ge "$2" ] 2>/dev/null
}
wait_for 5 frames_in poires 15 || bail "no frame of poires"
ws_bg stuck --token "$BOB" --subscribe poires --stall 1 --seconds 25
for i in 1 2 3; do
	ws_bg n$i --token "$ALICE" --subscribe pommes --seconds 5
done
ws_bg slow --token "$ALICE" --subscribe pommes --slow-ms 100 --seconds 5

# The viewer that stopped reading: the relay cuts it at the hard cap and
# takes it out of the room at once, while its socket is still open (it
# reads nothing); once it reads again (SIGUSR1) it finds the close code
# 4408 behind the frames queued for it. It must read within the relay's
# grace for sending a close (3 s), so this runs beside the others.
cut() { curl -s "$U/metrics" | grep -q '^lucarne_slow_viewers_closed_total [1-9]'; }
wait_for 20 cut
ok $? "a viewer that stops reading is cut at the hard cap (counted in /metrics)"
wait_for 2 gauge 'lucarne_viewers{room="poires"}' 0 && kill -0 "$PID_stuck" 2>/dev/null
ok $? "and leaves the room at once, before it has read anything more"
t0=$(date +%s%N)
kill -USR1 "$PID_stuck"
ws_wait stuck
diag "stuck: $out ($((($(date +%s%N) - t0) / 1000000)) ms after it read again)"
[ "$(jget "$out" .close)" = 4408 ]
ok $? "it receives the close code 4408 ($(jget "$out" .close))"
grep -q 'room poires: viewer bob too slow, cut' "$T_DIR/relay.log"
ok $? "the relay logs the cut"

for i in 1 2 3; do ws_wait n$i; eval "n$i=\$out"; done
ws_wait slow
slow=$out
diag "normal: $n1"
diag "slow: $slow"
for i in 1 2 3; do
	eval "o=\$n$i"
	b=$(jget "$o" .binary)
	[ "$b" -ge 143 ] && [ "$(jget "$o" .close)" = 0 ]
	ok $? "normal viewer $i keeps every frame beside a slow one ($b >= 95 % of 150)"
done
[ "$(jget "$slow" .close)" = 0 ] && [ "$(jget "$slow" .binary)" -gt 20 ]
ok $? "the slow viewer is not cut and still gets frames ($(jget "$slow" .binary))"
l0=$(jget "$slow" '.layers[0]')
l2=$(jget "$slow" '.layers[2]')
[ "$l2" -lt "$l0" ]
ok $? "it loses layer-2 frames first (layer 0: $l0, layer 2: $l2)"
[ "$(jget "$slow" .first_is_key)" = true ]
ok $? "it started at a keyframe"
curl -s "$U/metrics" | grep -q '^lucarne_frames_dropped_total{reason="layer2"} [1-9]'
ok $? "layer-2 drops counted in /metrics"
done_testing
