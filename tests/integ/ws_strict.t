#!/bin/sh
# The relay's WebSocket by the book (RFC 6455), with hand-made requests
# and frames from tests/integ/wsraw.py: a malformed upgrade gets 400 (426
# and the version for a wrong version) and no 101; a close frame of one
# byte or with an invalid code is answered with 1002; a message over its
# cap gets its error then 1009, as soon as its header says so; a viewer's
# binary message 1003; and an account's fifth watching socket 4429.
. "$(dirname "$0")/lib.sh"
plan 30
t_tmpdir
stack_init
relay_start
ALICE=$(bearer alice)
CAM=$(cat "$T_DIR/cam.token")
raw() { python3 "$TOP/tests/integ/wsraw.py" "$@"; }
frames() { raw frames "$PORT" "$@"; }

# ---- the opening handshake (section 4.2.1) ----
[ "$(raw upgrade "$PORT" good)" = "101 -" ]
ok $? "a well-formed upgrade gets 101"
for c in badkey:"a key that is not base64" longkey:"a key of 17 bytes" \
	nokey:"no key" nover:"no Sec-WebSocket-Version" \
	http10:"an upgrade over HTTP/1.0" post:"an upgrade with POST"; do
	got=$(raw upgrade "$PORT" "${c%%:*}")
	[ "$got" = "400 -" ]
	ok $? "${c#*:}: 400 ($got)"
done
got=$(raw upgrade "$PORT" v8)
[ "$got" = "426 13" ]
ok $? "Sec-WebSocket-Version 8: 426 with Sec-WebSocket-Version: 13 ($got)"

# ---- close frames (sections 5.5.1, 7.4) ----
out=$(frames "$ALICE" close1)
[ "$(jget "$out" .close)" = 1002 ]
ok $? "a close frame with a 1-byte payload: 1002 ($out)"
for code in 1005 1015 999 2999 5000; do
	out=$(frames "$ALICE" closecode "$code")
	[ "$(jget "$out" .close)" = 1002 ]
	ok $? "close code $code: answered with 1002 ($(jget "$out" .close))"
done
for code in 1000 4000; do
	out=$(frames "$ALICE" closecode "$code")
	[ "$(jget "$out" .close)" = "$code" ]
	ok $? "close code $code is valid: echoed ($(jget "$out" .close))"
done
# lws 4.1.6 takes unmasked frames from a client as if masked with zeros
# and tells its user nothing of the mask bit (lws fixed it later): a TODO
# test, not counted as a failure, until the relay's lws can refuse them.
out=$(frames "$ALICE" unmasked)
T_N=$((T_N + 1))
if [ "$(jget "$out" .close)" = 1002 ]; then r=ok; else r="not ok"; fi
echo "$r $T_N - an unmasked client frame: 1002 # TODO not seen by lws 4.1.6"

# ---- sizes and kinds (section 7.4.1: 1009, 1003) ----
out=$(frames "$ALICE" bigtext)
[ "$(jget "$out" .close)" = 1009 ] && [ "$(jget "$out" '.errors|join(",")')" = too_big ]
ok $? "a text frame declaring 1 MiB: error too_big, then 1009 ($out)"
[ "$(jget "$out" .early)" = true ]
ok $? "refused from its header: before the rest of the payload is sent"
out=$(frames "$ALICE" fragtext)
[ "$(jget "$out" .close)" = 1009 ] && [ "$(jget "$out" '.errors|join(",")')" = too_big ]
ok $? "12 KiB of text in three 4 KiB fragments: too_big, 1009 ($out)"
out=$(frames "$ALICE" badutf8)
[ "$(jget "$out" .close)" = 1007 ]
ok $? "text that is not UTF-8: 1007 ($out)"
out=$(frames "$ALICE" viewerbin)
[ "$(jget "$out" .close)" = 1003 ] && [ "$(jget "$out" '.errors|join(",")')" = bad_state ]
ok $? "a binary message from a viewer: error bad_state, then 1003 ($out)"
out=$(frames "$CAM" bigmedia pommes)
[ "$(jget "$out" .close)" = 1009 ] && [ "$(jget "$out" '.errors|join(",")')" = frame_too_big ]
ok $? "a camera's media frame declaring 3 MiB: frame_too_big, 1009 ($out)"
[ "$(jget "$out" .early)" = true ]
ok $? "refused from its header, 64 KiB into it"

# ---- viewer sockets per account (--max-viewer-sockets, default 4) ----
out=$(raw cap "$PORT" "$ALICE" pommes 4)
diag "cap: $out"
[ "$(jget "$out" .admitted)" = 4 ]
ok $? "an account's first 4 sockets watch"
[ "$(jget "$out" .refused_close)" = 4429 ] &&
	[ "$(jget "$out" '.refused_errors|join(",")')" = busy ]
ok $? "the 5th gets error busy, then 4429"
[ "$(jget "$out" .after_close)" = state ]
ok $? "once one of the 4 is closed, a new socket watches"
BOB=$(bearer bob)
out=$(raw cap "$PORT" "$BOB" poires 4)
[ "$(jget "$out" .admitted)" = 4 ] && [ "$(jget "$out" .refused_close)" = 4429 ]
ok $? "each account has its own cap: bob's 4 next to alice's"
grep -q "alice: over the cap of viewer sockets" "$T_DIR/relay.log"
ok $? "the relay logs the refusal"

kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "the relay stops cleanly"
done_testing
