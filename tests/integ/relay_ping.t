#!/bin/sh
# Keeping sockets honest without a burst of pings: a viewer receiving
# video is confirmed alive by its TCP acknowledgements and never pinged;
# an idle one is pinged every --ping-seconds and stays while it answers;
# one that does not answer is dropped after twice that.
. "$(dirname "$0")/lib.sh"
plan 4
t_tmpdir
stack_init
relay_start --ping-seconds 2
capture_start
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"

# Both for 9 s at once: alice's three connections get video from pommes,
# bob's three watch poires, which has no camera (offline: nothing flows).
view alice 9 --no-decode --connections 3 >"$T_DIR/live.json" &
live_pid=$!
"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user bob \
	--password-file "$T_DIR/bob.pw" --room poires --seconds 9 --json \
	--no-decode --connections 3 >"$T_DIR/idle.json"
wait "$live_pid"
diag "live: $(jq -c '{connections_ok, frames, pings}' "$T_DIR/live.json")"
diag "idle: $(jq -c '{connections_ok, states, pings}' "$T_DIR/idle.json")"
jq -e '.connections_ok == 3 and .frames_per_connection.min >= 200 and
	.pings == 0' "$T_DIR/live.json" >/dev/null
ok $? "viewers receiving video are never pinged (9 s, pings every 2 s)"
jq -e '.connections_ok == 3 and .states == ["offline"] and .pings >= 9' \
	"$T_DIR/idle.json" >/dev/null
ok $? "idle viewers are pinged, answer, and stay connected"

# A client that never answers: the upgrade, then silence.
bearer bob >"$T_DIR/bob.token"
secs=$(python3 - "$PORT" "$(cat "$T_DIR/bob.token")" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: bHVjYXJuZS10ZXN0LWtleQ==\r\n"
           "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lucarne.v1\r\n"
           "Authorization: Bearer " + sys.argv[2] + "\r\n\r\n").encode())
t0 = time.monotonic()
s.settimeout(20)
got = b""
try:
    while True:
        b = s.recv(4096)  # read, but never answer a ping
        if not b:
            break
        got += b
except socket.timeout:
    pass
print("%.1f %d" % (time.monotonic() - t0, got.count(b"\x89")))
PY
)
diag "silent client: closed after $secs (seconds, pings seen)"
awk -v s="${secs%% *}" 'BEGIN { exit !(s >= 3 && s < 10) }'
ok $? "a client that does not answer is dropped after twice --ping-seconds (${secs%% *} s)"
[ "${secs##* }" -ge 1 ]
ok $? "... having been pinged first"
done_testing
