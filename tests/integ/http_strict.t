#!/bin/sh
# The relay's HTTP by the book (issue 12, docs/api.md "Common rules"): a
# request is handled exactly once whatever its body framing (an empty
# Content-Length: 0 POST as browsers send, a chunked one); headers are
# read at their real length (a 4 KiB Cookie still authenticates, the
# WebSocket Origin check is never skipped) and one over 8 KiB is refused
# with 431; each endpoint answers only its methods, 405 with Allow
# otherwise; an over-long room name gets the same 403 as any other.
. "$(dirname "$0")/lib.sh"
plan 39
t_tmpdir
stack_init
add_user tina teacher pommes
add_user dora director pommes
relay_start
U="http://127.0.0.1:$PORT"
RAW="$TOP/tests/integ/rawhttp.py"
TINA=$(bearer tina)
DORA=$(bearer dora)
ALICE=$(bearer alice)
[ "${TINA#lcs_}" != "$TINA" ] && [ "${DORA#lcs_}" != "$DORA" ] || bail "no tokens"
CRLF=$(printf '\r')
# raw REQUEST-LINE HEADER-LINES... : send it with Connection: close and a
# blank line; the whole answer is in $out, its status lines in $n.
raw() {
	local line=$1
	shift
	{
		printf '%s\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n' "$line" "$PORT"
		for h in "$@"; do printf '%s\r\n' "$h"; done
		printf '\r\n'
	} >"$T_DIR/req"
	[ -n "${BODY:-}" ] && printf '%b' "$BODY" >>"$T_DIR/req"
	out=$(python3 "$RAW" "$PORT" <"$T_DIR/req")
	n=$(printf '%s\n' "$out" | grep -c '^HTTP/1\.1 [0-9]')
	st=$(printf '%s\n' "$out" | head -n 1 | cut -d' ' -f2)
	body=$(printf '%s\n' "$out" | sed "1,/^$CRLF\$/d")
}

# ---- 1. once per request ------------------------------------------------
raw "POST /api/rooms/pommes/pause HTTP/1.1" "Authorization: Bearer $TINA" "Content-Length: 0"
[ "$n" = 1 ] && [ "$st" = 200 ] && [ "$(jget "$body" .paused)" = true ]
ok $? "POST with Content-Length: 0 (pause): one status line, one header block ($n, $st)"
[ "$(audit_count pause pommes)" = 1 ]
ok $? "... and one audit row ($(audit_count pause pommes))"
raw "POST /api/rooms/pommes/resume HTTP/1.1" "Authorization: Bearer $TINA" "Content-Length: 0"
[ "$n" = 1 ] && [ "$st" = 200 ] && [ "$(audit_count resume pommes)" = 1 ]
ok $? "resume with Content-Length: 0: one answer, one audit row ($n)"
raw "POST /api/rooms/pommes/camera/presets/day HTTP/1.1" "Authorization: Bearer $DORA" "Content-Length: 0"
[ "$n" = 1 ] && [ "$st" = 409 ]
ok $? "preset save with Content-Length: 0: one answer ($n, $st: no camera)"
printf '%s\n' "$out" | grep -ci '^content-length:' | grep -qx 1
ok $? "... with one Content-Length"

# Chunked bodies (lws 4.1 does not decode them: the relay does).
BODY='7\r\n{"quota\r\n9\r\n_min": 45\r\n1\r\n}\r\n0\r\n\r\n' \
	raw "POST /api/rooms/pommes/settings HTTP/1.1" "Authorization: Bearer $DORA" \
	"Content-Type: application/json" "Transfer-Encoding: chunked"
[ "$n" = 1 ] && [ "$st" = 200 ] && [ "$(jget "$body" .quota_min)" = 45 ]
ok $? "chunked POST of settings: decoded, applied, one answer ($n, $st)"
[ "$(audit_count settings pommes)" = 1 ]
ok $? "... and one audit row"
printf '%s\n' "$out" | grep -qi '^connection: close'
ok $? "... and the connection closes after it (lws cannot frame what follows)"
BODY='0\r\n\r\n' raw "POST /api/rooms/pommes/pause HTTP/1.1" "Authorization: Bearer $TINA" \
	"Transfer-Encoding: chunked"
[ "$n" = 1 ] && [ "$st" = 200 ] && [ "$(audit_count pause pommes)" = 2 ]
ok $? "chunked empty POST (pause): one answer, one more audit row ($n, $st)"
r=$(curl -s -w ' %{http_code}' -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/json' \
	-H "Authorization: Bearer $DORA" --data-binary '{"quota_min": 50}' "$U/api/rooms/pommes/settings")
[ "${r##* }" = 200 ] && [ "$(jget "${r% *}" .quota_min)" = 50 ]
ok $? "curl's chunked POST works too (${r##* })"
BODY='zz\r\n{}\r\n0\r\n\r\n' raw "POST /api/rooms/pommes/settings HTTP/1.1" \
	"Authorization: Bearer $DORA" "Transfer-Encoding: chunked"
[ "$n" = 1 ] && [ "$st" = 400 ]
ok $? "malformed chunked body: 400 ($st)"
BODY='{}' raw "POST /api/rooms/pommes/settings HTTP/1.1" "Authorization: Bearer $DORA" \
	"Transfer-Encoding: chunked" "Content-Length: 2"
[ "$n" = 1 ] && [ "$st" = 400 ]
ok $? "Transfer-Encoding with Content-Length (smuggling): 400 ($st)"
BODY=$(printf '2000\\r\\n%08192d\\r\\n1\\r\\n0\\r\\n0\\r\\n\\r\\n' 0) \
	raw "POST /api/rooms/pommes/settings HTTP/1.1" "Authorization: Bearer $DORA" \
	"Transfer-Encoding: chunked"
[ "$n" = 1 ] && [ "$st" = 413 ]
ok $? "chunked body over 8 KiB: 413 ($st)"
r=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TINA" -X POST -H 'Content-Length: 0' "$U/api/rooms/pommes/resume")
[ "$r" = 200 ] && [ "$(audit_count resume pommes)" = 2 ]
ok $? "curl -H 'Content-Length: 0' -X POST: one resume ($r, $(audit_count resume pommes) rows)"

# ---- 2. headers at their real length ------------------------------------
pad=$(head -c 3000 /dev/zero | tr '\0' 'x')
cookie="a=1; theme=dark; pad=$pad; lucarne_session=$ALICE; z=2"
[ ${#cookie} -gt 3000 ] || bail "short cookie"
me=$(curl -s -H "Cookie: $cookie" "$U/api/me")
[ "$(jget "$me" .user)" = alice ]
ok $? "a ${#cookie}-byte Cookie header with other cookies still authenticates"
big=$(head -c 4096 /dev/zero | tr '\0' 'y')
cookie4="pad=$big; lucarne_session=$ALICE"
me=$(curl -s -H "Cookie: $cookie4" "$U/api/me")
[ "$(jget "$me" .user)" = alice ]
ok $? "... a ${#cookie4}-byte one too"
WSH="Upgrade: websocket
Connection: Upgrade
Sec-WebSocket-Version: 13
Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
Sec-WebSocket-Protocol: lucarne.v1"
# upgrade HEADER-LINES...: a WebSocket handshake; $st the status, $hello
# the first message after a 101.
upgrade() {
	{
		printf 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n' "$PORT"
		printf '%s\n' "$WSH" | sed 's/$/\r/'
		for h in "$@"; do printf '%s\r\n' "$h"; done
		printf '\r\n'
	} >"$T_DIR/ws"
	out=$(python3 "$RAW" "$PORT" --ws <"$T_DIR/ws")
	st=$(printf '%s\n' "$out" | head -n 1 | cut -d' ' -f2)
	hello=$(printf '%s\n' "$out" | tail -n 1)
}
upgrade "Cookie: $cookie4" "Origin: http://127.0.0.1:$PORT"
[ "$st" = 101 ] && [ "$(jget "$hello" .user)" = alice ]
ok $? "WebSocket with a ${#cookie4}-byte Cookie from the own origin: authenticated ($st)"
upgrade "Cookie: $cookie4" "Origin: http://evil.example"
[ "$st" = 403 ]
ok $? "... from a foreign Origin: 403, the check is not skipped ($st)"
upgrade "Cookie: $cookie4"
[ "$st" = 403 ]
ok $? "... without an Origin: 403 ($st)"
huge=$(head -c 9000 /dev/zero | tr '\0' 'h')
upgrade "Cookie: pad=$huge; lucarne_session=$ALICE" "Origin: http://127.0.0.1:$PORT"
[ "$st" = 431 ]
ok $? "WebSocket with a Cookie over 8 KiB: 431 ($st)"
r=$(curl -s -w ' %{http_code}' -H "Cookie: pad=$huge; lucarne_session=$ALICE" "$U/api/me")
[ "${r##* }" = 431 ] && [ "$(jget "${r% *}" .error)" = too_big ]
ok $? "HTTP with a Cookie over 8 KiB: 431, not silently unauthenticated (${r##* })"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "User-Agent: $huge" "$U/healthz")
[ "$st" = 431 ]
ok $? "any header over 8 KiB: 431 ($st)"
st=$(curl -s -o /dev/null -w '%{http_code}' "$U/$(head -c 2100 /dev/zero | tr '\0' 'p')")
[ "$st" = 414 ]
ok $? "a path over 2 KiB: 414 ($st)"
curl -s -o /dev/null -H "X-A: $huge" -H "X-B: $huge" -H "X-C: $huge" -H "X-D: $huge" "$U/healthz"
[ "$(curl -s "$U/healthz")" = ok ]
ok $? "headers over 32 KiB in all: the connection closes, the relay carries on"

# ---- 3. methods -----------------------------------------------------------
# allow METHOD PATH: "STATUS|Allow" of the answer (no credentials).
allow() {
	curl -s -o /dev/null -D "$T_DIR/h" -w '%{http_code}' -X "$1" "$U$2" >"$T_DIR/st"
	printf '%s|%s' "$(cat "$T_DIR/st")" \
		"$(tr -d '\r' <"$T_DIR/h" | grep -i '^allow:' | cut -d' ' -f2-)"
}
bad=""
for m in PUT DELETE PATCH OPTIONS; do
	for pa in "/api/login:POST" "/api/logout:POST" "/api/me:GET, HEAD" \
		"/api/me/history:GET, HEAD" "/api/rooms:GET, HEAD" \
		"/api/rooms/pommes/pause:POST" "/api/rooms/pommes/resume:POST" \
		"/api/rooms/pommes/settings:GET, HEAD, POST" \
		"/api/rooms/pommes/camera:GET, HEAD, POST" \
		"/api/rooms/pommes/camera/presets/day:POST" \
		"/api/rooms/pommes/camera/presets/day/recall:POST" \
		"/api/rooms/pommes/consent:GET, HEAD, POST" \
		"/api/rooms/pommes/consent/mine:GET, HEAD" \
		"/api/rooms/pommes/withdraw:POST" "/api/rooms/pommes/audit:GET, HEAD" \
		"/api/rooms/pommes/masks:GET, HEAD, POST" "/healthz:GET, HEAD" \
		"/metrics:GET, HEAD" "/index.html:GET, HEAD"; do
		got=$(allow "$m" "${pa%%:*}")
		[ "$got" = "405|${pa#*:}" ] || bad="$bad $m ${pa%%:*}=$got;"
	done
done
[ -z "$bad" ]
ok $? "PUT, DELETE, PATCH, OPTIONS on every route: 405 with its Allow ($bad)"
[ "$(allow GET /api/login)" = "405|POST" ]
ok $? "GET /api/login: 405, Allow: POST ($(allow GET /api/login))"
[ "$(allow POST /api/me)" = "405|GET, HEAD" ]
ok $? "POST /api/me: 405, Allow: GET, HEAD"
[ "$(allow GET /api/rooms/pommes/pause)" = "405|POST" ]
ok $? "GET on pause: 405 before any credential check"
[ "$(allow POST /index.html)" = "405|GET, HEAD" ]
ok $? "POST on a static file: 405, Allow: GET, HEAD"
st=$(curl -s -o /dev/null -w '%{http_code}' -I -H "Authorization: Bearer $DORA" "$U/api/rooms/pommes/settings")
[ "$st" = 200 ] && [ "$(audit_count settings pommes)" = 2 ]
ok $? "HEAD where GET is allowed: answered as GET, nothing changed ($st)"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$U/api/nothing")" = 404 ]
ok $? "an unknown API path is 404 whatever the method"
st=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Length: 2' --data-binary '{}' \
	-H "Authorization: Bearer $DORA" "$U/api/rooms/pommes/settings")
[ "$st" = 405 ] && [ "$(curl -s "$U/healthz")" = ok ]
ok $? "PUT with a body: 405 ($st)"
r=$(curl -s -w ' %{http_code}' -X POST -H 'Content-Length: 0' "$U/api/rooms/pommes/pause")
[ "${r##* }" = 401 ]
ok $? "POST without credentials: 401 (${r##* })"

# Over-long room names: the same 403 as any room one may not see.
long=$(head -c 70 /dev/zero | tr '\0' 'r')
ref=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $DORA" "$U/api/rooms/poires/settings")
[ "${ref##* }" = 403 ] || bail "no 403 reference: $ref"
bad=""
for p in settings camera consent audit masks consent/mine; do
	got=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $DORA" "$U/api/rooms/$long/$p")
	[ "$got" = "$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $DORA" "$U/api/rooms/poires/$p")" ] ||
		bad="$bad $p=$got;"
done
[ -z "$bad" ]
ok $? "a ${#long}-byte room name: the same 403 and body as a forbidden room ($bad)"
got=$(curl -s -w ' %{http_code}' -X POST -H 'Content-Length: 0' -H "Authorization: Bearer $TINA" "$U/api/rooms/$long/pause")
[ "$got" = "$(curl -s -w ' %{http_code}' -X POST -H 'Content-Length: 0' -H "Authorization: Bearer $TINA" "$U/api/rooms/poires/pause")" ]
ok $? "... on a POST too ($got)"
vlong=$(head -c 1500 /dev/zero | tr '\0' 'r')
got=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $DORA" "$U/api/rooms/$vlong/settings")
[ "$got" = "$ref" ]
ok $? "... and a 1500-byte one ($got)"

# The relay still answers a plain request on a kept-alive socket after
# all this, and its log has no double answer.
st=$(curl -s -o /dev/null -o /dev/null -w '%{http_code}' "$U/api/me" "$U/api/me" | tr -d '\n')
[ "$st" = 401401 ]
ok $? "two requests on one kept-alive connection ($st)"
! grep -qi 'assert\|double' "$T_DIR/relay.log"
ok $? "nothing odd in the relay's log"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "clean exit"
done_testing
