#!/bin/sh
# Short sends: a live frame is written from the publisher's receive
# callback (conn_push; docs/relay.md, "Writing outside SERVER_WRITEABLE").
# A viewer whose socket is full takes part of a large frame into the
# kernel and lws keeps the rest; the next frame must wait until that
# remainder is out, or the stream breaks. The slow viewer below (16 KiB
# receive buffer, a 38 ms pause after each message, 60 kB frames and
# 240 kB keyframes at 25 fps) is sent frames while its socket still holds
# part of one; it must stay connected and receive every frame it is sent
# whole and in seq order, while a fast viewer of the same room keeps
# every frame.
. "$(dirname "$0")/lib.sh"
plan 6
t_tmpdir
stack_init
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
gauge() { curl -s "$U/metrics" | grep -q "^$1 $2\$"; }
ALICE=$(bearer alice)

ws_bg cam --token "$(cat "$T_DIR/cam.token")" --publish pommes --fps 25 \
	--gop 25 --size 60000 --seconds 14
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1 || bail "no publisher"
ws_bg slow --token "$ALICE" --subscribe pommes --slow-ms 38 --rcvbuf 16384 \
	--seconds 8
ws_bg fast --token "$ALICE" --subscribe pommes --seconds 8
ws_wait slow
slow=$out
ws_wait fast
fast=$out
diag "slow: $slow"
diag "fast: $fast"
[ "$(jget "$slow" .dropped)" = false ] && [ "$(jget "$slow" .close)" = 0 ]
ok $? "the slow viewer stays connected to its end"
[ "$(jget "$slow" .binary)" -ge 50 ]
ok $? "and keeps receiving frames ($(jget "$slow" .binary))"
[ "$(jget "$slow" .torn)" = 0 ] && [ "$(jget "$slow" '.errors|length')" = 0 ]
ok $? "every frame it gets is whole (torn: $(jget "$slow" .torn))"
[ "$(jget "$slow" .out_of_order)" = 0 ]
ok $? "and in seq order (out of order: $(jget "$slow" .out_of_order))"
b=$(jget "$fast" .binary)
[ "$b" -ge 180 ] && [ "$(jget "$fast" .torn)" = 0 ] &&
	[ "$(jget "$fast" .out_of_order)" = 0 ] &&
	[ "$(jget "$fast" .dropped)" = false ]
ok $? "the fast viewer beside it keeps every frame, whole and in order ($b >= 90 % of 200)"
# The case happened: frames reached the slow viewer's connection while
# lws still held part of an earlier one, and waited.
d=$(metric lucarne_writes_deferred_total)
[ "${d:-0}" -gt 0 ]
ok $? "frames waited behind a short send ($d)"
done_testing
