#!/bin/sh
# TLS on the relay's one port, with a certificate made here: HTTPS and
# wss:// verified against it, HSTS and Secure cookies, plain HTTP refused.
. "$(dirname "$0")/lib.sh"
plan 10
t_tmpdir
stack_init
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$T_DIR/key.pem" \
	-out "$T_DIR/cert.pem" -subj /CN=localhost \
	-addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1 ||
	bail "openssl cannot make a certificate"
PORT=$(free_port)
U="https://127.0.0.1:$PORT"
WS="wss://127.0.0.1:$PORT/ws"
spawn relay "$BIN/lucarne-relay" --data "$T_DIR/data" --listen "127.0.0.1:$PORT" \
	--tls-cert "$T_DIR/cert.pem" --tls-key "$T_DIR/key.pem"
RELAY_PID=$SPAWNED
https_up() { curl -sf --cacert "$T_DIR/cert.pem" -o /dev/null "$U/healthz"; }
wait_for 10 https_up || bail "TLS relay did not start: $(tail -n 5 "$T_DIR/relay.log")"

[ "$(curl -s --cacert "$T_DIR/cert.pem" "$U/healthz")" = ok ]
ok $? "HTTPS verified against the test certificate"
curl -s --cacert "$T_DIR/cert.pem" -D - -o /dev/null "$U/healthz" | tr -d '\r' |
	grep -qi '^strict-transport-security: max-age='
ok $? "HSTS under TLS"
st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT/healthz")
[ "$st" != 200 ]
ok $? "plain HTTP to the TLS port is refused ($st)"
r=$(curl -s --cacert "$T_DIR/cert.pem" -D "$T_DIR/h" -X POST -H "Content-Type: application/json" \
	-d "{\"user\":\"alice\",\"password\":\"$(cat "$T_DIR/alice.pw")\",\"bearer\":true}" "$U/api/login")
ALICE=$(jget "$r" .token)
tr -d '\r' <"$T_DIR/h" | grep -i '^set-cookie:' | grep -q '; Secure'
ok $? "session cookie is Secure under TLS"

spawn cam "$BIN/tests/wsprobe" --url "$WS" --cacert "$T_DIR/cert.pem" \
	--token "$(cat "$T_DIR/cam.token")" --publish pommes --fps 30 --seconds 15
live() { curl -s --cacert "$T_DIR/cert.pem" "$U/metrics" | grep -q '^lucarne_publishers{room="pommes"} 1'; }
wait_for 5 live
ok $? "camera publishes over wss:// with a verified certificate"
out=$("$BIN/tests/wsprobe" --url "$WS" --cacert "$T_DIR/cert.pem" --token "$ALICE" \
	--subscribe pommes --seconds 2)
diag "viewer: $out"
[ "$(jget "$out" .hello_role)" = parent ] && [ "$(jget "$out" .binary)" -gt 30 ] &&
	[ "$(jget "$out" .first_is_key)" = true ]
ok $? "viewer gets the stream over wss://"
out=$("$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" --subscribe pommes --seconds 2)
[ "$(jget "$out" .connected)" = false ] && [ "$(jget "$out" .binary)" = 0 ]
ok $? "a client that does not trust the certificate does not connect"
out=$("$BIN/tests/wsprobe" --url "ws://127.0.0.1:$PORT/ws" --token "$ALICE" --subscribe pommes --seconds 2)
[ "$(jget "$out" .connected)" = false ] && [ "$(jget "$out" .binary)" = 0 ]
ok $? "a plain ws:// client to the TLS port is refused"
"$BIN/lucarne-relay" --data "$T_DIR/data" --listen "127.0.0.1:$(free_port)" \
	--tls-cert "$T_DIR/cert.pem" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "--tls-cert without --tls-key: usage error"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "clean exit"
done_testing
