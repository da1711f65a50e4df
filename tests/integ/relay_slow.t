#!/bin/sh
# Slow viewers: a viewer that reads slowly loses enhancement layers (never
# the stream) and is not cut; a viewer that stops reading is cut at the
# hard cap (4408) while the normal viewers keep every frame.
. "$(dirname "$0")/lib.sh"
plan 9
t_tmpdir
stack_init
admin device add cam-poires --kind camera --room poires >"$T_DIR/cam2.token"
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
bg() {
	local n=$1
	shift
	spawn "$n" "$BIN/tests/wsprobe" --url "$WS" "$@"
	eval "PID_$n=\$SPAWNED"
}
bgwait() { eval "wait \$PID_$1"; out=$(cat "$T_DIR/$1.log"); }
token() {
	curl -s -X POST -H "Content-Type: application/json" -d "{\"user\":\"$1\",\"password\":\"$(cat "$T_DIR/$1.pw")\",\"bearer\":true}" \
		"$U/api/login" | jq -r .token
}
gauge() { curl -s "$U/metrics" | grep -q "^$1 $2\$"; }
ALICE=$(token alice)
BOB=$(token bob)

# pommes: 30 fps, 4 kB frames; three normal viewers and a slow one that
# reads at most 10 messages a second.
bg cam --token "$(cat "$T_DIR/cam.token")" --publish pommes --fps 30 --gop 60 --size 4000 --seconds 30
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1 || bail "no publisher"
# poires: a heavy stream (60 fps, 50 kB frames) and a viewer that stops
# reading after its first frame.
bg cam2 --token "$(cat "$T_DIR/cam2.token")" --publish poires --fps 60 --gop 60 --size 50000 --seconds 30
wait_for 5 gauge 'lucarne_publishers{room="poires"}' 1 || bail "no publisher 2"
sleep 0.5 # not a wait for an event: lets the GOP cache fill a little
bg stuck --token "$BOB" --subscribe poires --slow-ms 60000 --seconds 25
for i in 1 2 3; do
	bg n$i --token "$ALICE" --subscribe pommes --seconds 5
done
bg slow --token "$ALICE" --subscribe pommes --slow-ms 100 --seconds 5
for i in 1 2 3; do bgwait n$i; eval "n$i=\$out"; done
bgwait slow
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
wait_for 20 sh -c "curl -s '$U/metrics' | grep -q '^lucarne_slow_viewers_closed_total [1-9]'"
ok $? "a viewer that stops reading is cut at the hard cap (4408)"
wait_for 5 gauge 'lucarne_viewers{room="poires"}' 0
ok $? "and leaves the room"
done_testing
