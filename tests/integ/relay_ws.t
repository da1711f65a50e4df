#!/bin/sh
# WebSocket side of the relay with the wsprobe test client: every refusal
# (no, wrong or revoked credential, another family's room, a camera that
# subscribes, a viewer that publishes, a foreign Origin, no subprotocol)
# gets its code and not one media byte; fan-out from the cached keyframe,
# publisher replacement (4409), device and session revocation of live
# sockets, broadcast off, offline state, keyframe request coalescing.
. "$(dirname "$0")/lib.sh"
plan 41
t_tmpdir
stack_init
# Each parent's consent is also recorded for the other family's room, so
# that only the missing link can refuse them there (not the consent).
consent_unlinked poires alice && consent_unlinked pommes bob ||
	bail "cannot record the unlinked consents"
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
CAM=$(cat "$T_DIR/cam.token")
probe() { "$BIN/tests/wsprobe" --url "$WS" "$@"; }
token() {
	curl -s -X POST -H "Content-Type: application/json" -d "{\"user\":\"$1\",\"password\":\"$(cat "$T_DIR/$1.pw")\",\"bearer\":true}" \
		"$U/api/login" | jq -r .token
}
refused() { # refused JSON CODE ERROR: closed with CODE after ERROR, no
	# state (nothing about the room), no media
	[ "$(jget "$1" .connected)" = true ] && [ "$(jget "$1" .close)" = "$2" ] &&
		[ "$(jget "$1" '.errors|join(",")')" = "$3" ] &&
		[ "$(jget "$1" '.states|length')" = 0 ] &&
		[ "$(jget "$1" .binary)" = 0 ]
}
gauge() { curl -s "$U/metrics" | grep -q "^$1 $2\$"; }
upgrade() { # upgrade [CURL ARGS]: HTTP status of a hand-made upgrade
	curl -s -o /dev/null -w '%{http_code}' --max-time 3 \
		-H 'Connection: Upgrade' -H 'Upgrade: websocket' \
		-H 'Sec-WebSocket-Version: 13' \
		-H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$@" "$U/ws"
}

ALICE=$(token alice)
BOB=$(token bob)
[ "${ALICE#lcs_}" != "$ALICE" ] && [ "${BOB#lcs_}" != "$BOB" ]
ok $? "parents log in"

out=$(probe --subscribe pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "no credential: upgrade completes, error unauthorized, close 4401, no media"
out=$(probe --token lcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA --subscribe pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "unknown session token: 4401"
out=$(probe --token lcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA --publish pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "unknown device token: 4401"
out=$(probe --token 'garbage' --subscribe pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "malformed token: 4401"

# The camera publishes: 30 fps, a keyframe every 45 frames.
ws_bg cam --token "$CAM" --publish pommes --fps 30 --gop 45 --seconds 25
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1
ok $? "camera publishes to its room"

out=$(probe --token "$ALICE" --subscribe pommes --seconds 2)
diag "alice: $out"
[ "$(jget "$out" .hello_role)" = parent ] && [ "$(jget "$out" '.states[0]')" = live ]
ok $? "parent: hello then state live"
[ "$(jget "$out" .first_is_key)" = true ]
ok $? "starts from the cached keyframe ($(jget "$out" .first_ms) ms)"
[ "$(jget "$out" .binary)" -ge 57 ]
ok $? "gets the frames (30 fps for 2 s: $(jget "$out" .binary))"
[ "$(jget "$out" .close)" = 0 ] && [ "$(jget "$out" '.errors|length')" = 0 ]
ok $? "no error, no close from the relay"

out=$(probe --token "$ALICE" --subscribe poires --seconds 2)
refused "$out" 4403 forbidden
ok $? "parent of another room: forbidden, 4403, no media"
other=$out
out=$(probe --token "$ALICE" --subscribe nowhere --seconds 2)
refused "$out" 4403 forbidden && [ "$out" = "$other" ]
ok $? "nonexistent room: the very same refusal"
out=$(probe --token "$CAM" --subscribe pommes --seconds 2)
refused "$out" 4403 forbidden
ok $? "camera trying to subscribe: 4403, no media"
out=$(probe --token "$ALICE" --publish pommes --seconds 2)
refused "$out" 4403 forbidden
ok $? "viewer trying to publish: 4403"
out=$(probe --token "$BOB" --subscribe pommes --seconds 2)
refused "$out" 4403 forbidden
ok $? "bob (poires) cannot watch pommes"
out=$(probe --token "$ALICE" --send 'not json' --seconds 2)
refused "$out" 4400 bad_json
ok $? "malformed control message: bad_json, 4400"

st=$(upgrade -H 'Sec-WebSocket-Protocol: lucarne.v1' -H "Cookie: lucarne_session=$ALICE" -H 'Origin: http://evil.example')
[ "$st" = 403 ]
ok $? "cookie upgrade from a foreign Origin: HTTP 403 ($st)"
out=$(probe --cookie "$ALICE" --origin http://evil.example --subscribe pommes --seconds 2)
[ "$(jget "$out" .connected)" = false ] && [ "$(jget "$out" .binary)" = 0 ]
ok $? "... and no WebSocket opens"
st=$(upgrade -H 'Sec-WebSocket-Protocol: lucarne.v1' -H "Cookie: lucarne_session=$ALICE")
[ "$st" = 403 ]
ok $? "cookie upgrade without Origin: 403"
out=$(probe --cookie "$ALICE" --origin "http://127.0.0.1:$PORT" --subscribe pommes --seconds 1)
[ "$(jget "$out" .hello_role)" = parent ] && [ "$(jget "$out" .binary)" -gt 0 ]
ok $? "cookie upgrade from the relay's own origin works"
st=$(upgrade)
[ "$st" != 101 ]
ok $? "upgrade without the lucarne.v1 subprotocol: no 101 ($st)"
st=$(upgrade -H 'Sec-WebSocket-Protocol: lucarne.v1' -H "Authorization: Bearer $ALICE" --path-as-is "$U/other")
[ "$st" != 101 ]
ok $? "upgrade on another path: no 101 ($st)"

# Live revocation: logout closes that session's sockets with 4401.
T2=$(token alice)
ws_bg v2 --token "$T2" --subscribe pommes --seconds 10
wait_for 5 gauge 'lucarne_viewers{room="pommes"}' 1
curl -s -X POST -H "Authorization: Bearer $T2" "$U/api/logout" >/dev/null
ws_wait v2
[ "$(jget "$out" .close)" = 4401 ]
ok $? "logout closes the session's live socket with 4401"
out=$(probe --token "$T2" --subscribe pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "revoked session token: 4401, no media"

# Viewer counts reach the camera.
ws_bg v3 --token "$ALICE" --subscribe pommes --seconds 3
ws_bg v4 --token "$ALICE" --subscribe pommes --seconds 3
wait_for 5 gauge 'lucarne_viewers{room="pommes"}' 2
ok $? "two viewers counted in /metrics"
ws_wait v3
ws_wait v4

# Keyframe requests from viewers are coalesced: at most one per 500 ms.
for i in 1 2 3 4 5 6; do
	ws_bg k$i --token "$ALICE" --subscribe pommes --send '{"type":"keyframe"}' --seconds 1
done
for i in 1 2 3 4 5 6; do ws_wait k$i; done
[ "$(metric lucarne_keyframe_requests_coalesced_total)" -ge 1 ]
ok $? "simultaneous keyframe requests are coalesced"

# A second camera for the same room replaces the first (4409); removing
# its device then cuts it (4401) within the relay's poll interval.
CAM2=$(admin device add cam2 --kind camera --room pommes)
ws_bg cam2 --token "$CAM2" --publish pommes --fps 30 --gop 30 --seconds 20
ws_wait cam
diag "first camera: $out"
[ "$(jget "$out" .close)" = 4409 ]
ok $? "a newer publisher replaces the older: 4409"
[ "$(jget "$out" .viewers_max)" -ge 2 ]
ok $? "the camera was told the viewer count ($(jget "$out" .viewers_max))"
[ "$(jget "$out" .keyframe_requests)" -ge 1 ]
ok $? "the camera got keyframe requests"
[ "$(metric lucarne_publishers_replaced_total)" = 1 ]
ok $? "replacement counted"
out=$(probe --token "$ALICE" --subscribe pommes --seconds 1)
[ "$(jget "$out" .first_is_key)" = true ] && [ "$(jget "$out" .binary)" -gt 0 ]
ok $? "viewers get the new camera, from a keyframe"

ws_bg v5 --token "$ALICE" --subscribe pommes --seconds 8
wait_for 5 gauge 'lucarne_viewers{room="pommes"}' 1
admin device remove cam2 >/dev/null
ws_wait cam2
[ "$(jget "$out" .close)" = 4401 ]
ok $? "removed device: its live socket is closed with 4401"
ws_wait v5
[ "$(jget "$out" '.states|join(",")')" = "live,offline" ]
ok $? "viewers see the camera go offline"
out=$(probe --token "$CAM2" --publish pommes --seconds 2)
refused "$out" 4401 unauthorized
ok $? "removed device token: 4401"

# Broadcast off: viewers are told "off" and get nothing.
ws_bg cam3 --token "$CAM" --publish pommes --fps 30 --seconds 20
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1
ws_bg v6 --token "$ALICE" --subscribe pommes --seconds 10
wait_for 5 gauge 'lucarne_viewers{room="pommes"}' 1
admin room set pommes --broadcast off >/dev/null
wait_for 5 sh -c "curl -s '$U/metrics' | grep -q 'reason=\"broadcast_off\"} [1-9]'"
ok $? "frames of a room that does not broadcast are dropped"
out=$(probe --token "$ALICE" --subscribe pommes --seconds 1)
[ "$(jget "$out" '.states[0]')" = off ] && [ "$(jget "$out" .binary)" = 0 ]
ok $? "subscribing while off: state off, no media"
admin room set pommes --broadcast on >/dev/null
ws_wait v6
diag "v6: $out"
[ "$(jget "$out" '.states|join(",")')" = "live,off,live" ]
ok $? "live viewers see off, then live again"
[ "$(jget "$out" .keyframes)" -ge 2 ]
ok $? "media resumes with a keyframe"
admin room set pommes --consent incomplete >/dev/null
wait_for 3 sh -c "'$BIN/tests/wsprobe' --url '$WS' --token '$ALICE' --subscribe pommes --seconds 0.5 | jq -e '.states[0] == \"off\"'"
ok $? "consent incomplete: state off"

[ "$(metric 'lucarne_refused_total')" -ge 10 ]
ok $? "refusals are counted in /metrics"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "relay exits cleanly on SIGTERM with clients connected"
done_testing
