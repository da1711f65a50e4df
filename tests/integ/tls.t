#!/bin/sh
# The same stream over TLS with a certificate made here: capture and viewer
# connect with wss:// and verify it; plain text to the TLS port is refused.
. "$(dirname "$0")/lib.sh"
plan 9
t_tmpdir
stack_init
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	-keyout "$T_DIR/key.pem" -out "$T_DIR/cert.pem" 2>/dev/null ||
	bail "openssl cannot make a certificate"
PORT=$(free_port)
spawn relay "$BIN/lucarne-relay" --data "$T_DIR/data" \
	--listen "127.0.0.1:$PORT" --tls-cert "$T_DIR/cert.pem" \
	--tls-key "$T_DIR/key.pem" --max-viewer-sockets 32 # 20 sockets below
https_up() { curl -sf --cacert "$T_DIR/cert.pem" -o /dev/null "https://localhost:$PORT/healthz"; }
wait_for 10 https_up
ok $? "relay answers HTTPS with the test certificate"

curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$PORT/healthz"
[ $? -ne 0 ] || [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/healthz")" != 200 ]
ok $? "plain HTTP to the TLS port is refused"

hdr=$(curl -sI --cacert "$T_DIR/cert.pem" "https://localhost:$PORT/")
printf '%s' "$hdr" | grep -qi '^strict-transport-security:'
ok $? "HSTS header under TLS"

spawn capture "$BIN/lucarne-capture" --relay "wss://localhost:$PORT" \
	--ca-file "$T_DIR/cert.pem" --token-file "$T_DIR/cam.token" \
	--source testpattern --size 320x240 --fps 30 --kbps 400
tls_view() {
	"$BIN/lucarne-view" --relay "wss://localhost:$PORT" \
		--ca-file "$T_DIR/cert.pem" --user alice \
		--password-file "$T_DIR/alice.pw" --room pommes --seconds "$1" \
		--json
}
live() { tls_view 1 2>/dev/null | jq -e '.frames > 0' >/dev/null; }
wait_for 15 live
out=$(tls_view 3)
diag "view: $out"
[ "$(jget "$out" .frames)" -ge 60 ] && [ "$(jget "$out" .decode_errors)" = 0 ]
ok $? "viewer over wss:// decodes the camera's frames"

# The load generator (lucarne-view --connections N --no-decode) over TLS,
# as make bench measures the relay's TLS fan-out: every connection
# verifies the certificate and gets the stream in order.
out=$("$BIN/lucarne-view" --relay "wss://localhost:$PORT" \
	--ca-file "$T_DIR/cert.pem" --user alice \
	--password-file "$T_DIR/alice.pw" --room pommes --no-decode \
	--connections 20 --until-frames 30 --seconds 20 --json)
diag "load generator: $(printf '%s' "$out" | jq -c '{connections_ok, frames_per_connection, seq_gaps, bad_frames, error}')"
printf '%s' "$out" | jq -e '.connections_ok == 20 and
	.frames_per_connection.min >= 30 and .seq_gaps == 0 and
	.bad_frames == 0' >/dev/null
ok $? "20 load-generator connections over wss:// each get 30 frames in order"

# A certificate the client does not trust is refused.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other \
	-keyout "$T_DIR/k2.pem" -out "$T_DIR/other.pem" 2>/dev/null
"$BIN/lucarne-view" --relay "wss://localhost:$PORT" --ca-file "$T_DIR/other.pem" \
	--user alice --password-file "$T_DIR/alice.pw" --room pommes \
	--seconds 2 --json >"$T_DIR/bad.json" 2>"$T_DIR/bad.err"
st=$?
[ $st -ne 0 ] && [ "$(jq -r '.frames // 0' "$T_DIR/bad.json" 2>/dev/null || echo 0)" = 0 ]
ok $? "an untrusted certificate is refused (exit $st: $(head -c 120 "$T_DIR/bad.err"))"
# The load generator too (with a session token, so that it is its own TLS
# client, not the login, that meets the certificate)., so that it is the load generator's own TLS
# client, not the login, that meets the certificate.)
curl -s --cacert "$T_DIR/cert.pem" -X POST -H "Content-Type: application/json" \
	-d "{\"user\":\"alice\",\"password\":\"$(cat "$T_DIR/alice.pw")\",\"bearer\":true}" \
	"https://localhost:$PORT/api/login" | jq -r .token >"$T_DIR/alice.token"
"$BIN/lucarne-view" --relay "wss://localhost:$PORT" --ca-file "$T_DIR/other.pem" \
	--token-file "$T_DIR/alice.token" --room pommes --seconds 5 --json \
	--no-decode --connections 3 >"$T_DIR/bad.json" 2>"$T_DIR/bad.err"
st=$?
[ $st -ne 0 ] && [ -s "$T_DIR/alice.token" ] &&
	jq -e '.frames == 0 and .connections_unreachable == 3' "$T_DIR/bad.json" >/dev/null &&
	grep -q 'certificate' "$T_DIR/bad.err"
ok $? "the load generator refuses it too (exit $st: $(head -c 120 "$T_DIR/bad.err"))"
# By address: the certificate's IP entry is what is checked.
out=$("$BIN/lucarne-view" --relay "wss://127.0.0.1:$PORT" \
	--ca-file "$T_DIR/cert.pem" --token-file "$T_DIR/alice.token" \
	--room pommes --no-decode --connections 2 --until-frames 10 \
	--seconds 20 --json)
printf '%s' "$out" | jq -e '.connections_ok == 2 and
	.frames_per_connection.min >= 10' >/dev/null
ok $? "wss://127.0.0.1 is checked against the certificate's address ($(printf '%s' "$out" | jq -c .error))"

"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user alice \
	--password-file "$T_DIR/alice.pw" --room pommes --seconds 2 --json \
	>/dev/null 2>&1
[ $? -ne 0 ]
ok $? "a plain ws:// viewer to the TLS port gets nothing"
done_testing
