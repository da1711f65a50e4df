#!/bin/sh
# The relay's HTTP side: health, security headers, login (same answer for
# an unknown account and a wrong password, no session on failure, rate
# limits per address and per account), session cookie, /api/me, /api/rooms, logout, /metrics, body
# cap, static files, and the refusal of plain HTTP off loopback.
. "$(dirname "$0")/lib.sh"
plan 37
t_tmpdir
stack_init
mkdir -p "$T_DIR/www/sub"
echo '<!doctype html><title>t</title>' >"$T_DIR/www/index.html"
echo 'body{}' >"$T_DIR/www/sub/a.css"
echo 'secret' >"$T_DIR/secret.txt"
relay_start --www "$T_DIR/www"
U="http://127.0.0.1:$PORT"
DB="$T_DIR/data/lucarne.db"
q() { sqlite3 "$DB" "$1"; }
# hdrs PATH: response headers, lower-cased
hdrs() { curl -s -o /dev/null -D - "$U$1" | tr -d '\r' | tr 'A-Z' 'a-z'; }
# post PATH BODY [CURL ARGS...]: "STATUS BODY"
post() {
	local p=$1 b=$2
	shift 2
	curl -s -o "$T_DIR/body" -w '%{http_code}' -X POST -D "$T_DIR/h" \
		-H 'Content-Type: application/json' --data-binary "$b" "$@" "$U$p"
	printf ' %s' "$(cat "$T_DIR/body")"
}
login() { post /api/login "{\"user\":\"$1\",\"password\":\"$2\"}"; }
csp="content-security-policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

[ "$(curl -s "$U/healthz")" = ok ]
ok $? "/healthz answers ok"
for p in /healthz / /api/me /nope; do
	h=$(hdrs "$p")
	echo "$h" | grep -qxF "$csp" &&
		echo "$h" | grep -qx 'x-content-type-options: nosniff' &&
		echo "$h" | grep -qx 'referrer-policy: no-referrer' &&
		echo "$h" | grep -qx 'x-frame-options: deny' &&
		echo "$h" | grep -q '^permissions-policy: camera=()' &&
		echo "$h" | grep -q '^cache-control: no-'
	ok $? "security headers on $p"
done
hdrs / | grep -q strict-transport-security
[ $? -ne 0 ]
ok $? "no HSTS over plain HTTP"
[ "$(curl -s "$U/sub/a.css")" = 'body{}' ] && hdrs /sub/a.css | grep -q '^content-type: text/css'
ok $? "static file with its type"
st=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$U/../secret.txt")
[ "$st" = 404 ] || [ "$st" = 400 ] || [ "$st" = 403 ]
ok $? "no path traversal ($st)"

alice=$(cat "$T_DIR/alice.pw")
r=$(login alice "$alice")
[ "${r%% *}" = 200 ] && [ "$(jget "${r#* }" .role)" = parent ]
ok $? "login ok: 200 and the role"
cookie=$(tr -d '\r' <"$T_DIR/h" | grep -i '^set-cookie:')
echo "$cookie" | grep -qE 'lucarne_session=lcs_[A-Za-z0-9_-]{43};' &&
	echo "$cookie" | grep -q 'HttpOnly' && echo "$cookie" | grep -q 'SameSite=Strict' &&
	echo "$cookie" | grep -q 'Path=/'
ok $? "session cookie: lcs_ token, HttpOnly, SameSite=Strict, Path=/"
echo "$cookie" | grep -q Secure
[ $? -ne 0 ]
ok $? "no Secure flag over plain HTTP"
tok=$(echo "$cookie" | grep -oE 'lcs_[A-Za-z0-9_-]{43}')
[ -z "$(q "select 1 from sessions where token_hash like '%${tok#lcs_}%'")" ] &&
	[ "$(q 'select count(*) from sessions')" = 1 ]
ok $? "one session stored, hashed"
me=$(curl -s -b "lucarne_session=$tok" "$U/api/me")
[ "$(jget "$me" .user)" = alice ] && [ "$(jget "$me" '.rooms|join(",")')" = pommes ]
ok $? "/api/me with the cookie"
me=$(curl -s -H "Authorization: Bearer $tok" "$U/api/me")
[ "$(jget "$me" .user)" = alice ]
ok $? "/api/me with the session token as Bearer"
r=$(post /api/login "{\"user\":\"alice\",\"password\":\"$alice\",\"bearer\":true}")
[ "$(jget "${r#* }" .token | cut -c1-4)" = lcs_ ]
ok $? "login with bearer:true returns the token in the body"

wrong=$(login alice 'not the password')
unknown=$(login zed 'not the password')
[ "${wrong%% *}" = 401 ] && [ "$wrong" = "$unknown" ]
ok $? "wrong password and unknown user get the same 401 answer"
grep -qi set-cookie "$T_DIR/h"
[ $? -ne 0 ] && [ "$(q 'select count(*) from sessions')" = 2 ]
ok $? "no cookie and no session on failure"
[ "$(q "select count(*) from audit where event='login_failed'")" = 2 ] &&
	[ "$(q "select count(*) from audit where event='login'")" = 2 ]
ok $? "logins and failures are audited"
r=$(post /api/login '{"user":"alice"')
[ "${r%% *}" = 400 ]
ok $? "malformed JSON: 400"
head -c 9000 /dev/zero | tr '\0' 'a' >"$T_DIR/big"
st=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$T_DIR/big" "$U/api/login")
[ "$st" = 413 ]
ok $? "request body over 8 KiB: 413 ($st)"
st=$(curl -s -o /dev/null -w '%{http_code}' "$U/api/nothing")
[ "$st" = 404 ]
ok $? "unknown API path: 404"

rooms=$(curl -s -b "lucarne_session=$tok" "$U/api/rooms")
[ "$(jget "$rooms" '[.rooms[].name]|join(",")')" = pommes ] &&
	[ "$(jget "$rooms" '.rooms[0].state')" = offline ] &&
	[ "$(jget "$rooms" '.rooms[0].viewers')" = 0 ]
ok $? "/api/rooms lists only the linked room, with state and viewers ($rooms)"
admin room set pommes --broadcast off >/dev/null
rooms=$(curl -s -b "lucarne_session=$tok" "$U/api/rooms")
[ "$(jget "$rooms" '.rooms[0].state')" = off ]
ok $? "a room whose broadcast is off shows state off"
st=$(curl -s -o /dev/null -w '%{http_code}' "$U/api/rooms")
[ "$st" = 401 ]
ok $? "/api/rooms without a session: 401"

m=$(curl -s "$U/metrics")
echo "$m" | grep -q '^lucarne_logins_total{result="refused"} 2' &&
	echo "$m" | grep -q '^# TYPE lucarne_viewers gauge' &&
	echo "$m" | grep -q '^lucarne_frames_dropped_total{reason="layer2"}'
ok $? "/metrics from loopback, Prometheus text"

r=$(post /api/logout '' -H "Origin: http://evil.example" -b "lucarne_session=$tok")
[ "${r%% *}" = 403 ]
ok $? "logout with a cookie from a foreign Origin: 403"
r=$(post /api/logout '' -b "lucarne_session=$tok")
[ "${r%% *}" = 200 ] && tr -d '\r' <"$T_DIR/h" | grep -qi '^set-cookie: lucarne_session=;.*Max-Age=0'
ok $? "logout: 200 and the cookie is cleared"
st=$(curl -s -o /dev/null -w '%{http_code}' -b "lucarne_session=$tok" "$U/api/me")
[ "$st" = 401 ] && [ "$(q 'select count(*) from sessions')" = 1 ]
ok $? "the session is revoked"
[ "$(q "select count(*) from audit where event='logout'")" = 1 ]
ok $? "logout audited"

# Rate limit: two failures so far from this address; three more for bob,
# then even the right password is refused for a while.
bob=$(cat "$T_DIR/bob.pw")
for i in 1 2 3; do login bob "wrong $i" >/dev/null; done
r=$(login bob "$bob")
[ "${r%% *}" = 429 ] && [ "$(jget "${r#* }" .error)" = rate_limited ]
ok $? "after 5 failures a minute: 429 even with the right password"
ra=$(tr -d '\r' <"$T_DIR/h" | grep -i '^retry-after:' | awk '{print $2}')
[ -n "$ra" ] && [ "$ra" -ge 1 ] && [ "$ra" -le 60 ]
ok $? "429 carries Retry-After ($ra s)"
[ "$(metric lucarne_logins_total | tr -d ' ')" -ge 8 ] &&
	curl -s "$U/metrics" | grep -q '^lucarne_logins_total{result="rate_limited"} 1'
ok $? "rate-limited logins are counted"

# The account's own limit, with no address over its own: five wrong
# passwords for carol, each from another loopback address (127.0.0.2 to
# .6, one failure each), then the right one from a sixth: 429. The sixth
# address itself is not limited: dave logs in from it.
add_user carol parent pommes && add_user dave parent pommes || bail "cannot add carol, dave"
from() { # from ADDR USER PASSWORD: "STATUS BODY" of a login from ADDR
	post /api/login "{\"user\":\"$2\",\"password\":\"$3\"}" --interface "$1"
}
st=""
for i in 2 3 4 5 6; do
	r=$(from "127.0.0.$i" carol "wrong $i")
	st="$st ${r%% *}"
done
[ "$st" = " 401 401 401 401 401" ] &&
	[ "$(q "select group_concat(addr, ' ') from (select addr from audit where event = 'login_failed' and actor = 'carol' order by id)")" = \
		"127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6" ]
ok $? "five wrong passwords for one account from five addresses: 401 each ($st), audited with each address"
r=$(from 127.0.0.7 carol "$(cat "$T_DIR/carol.pw")")
[ "${r%% *}" = 429 ] && [ "$(jget "${r#* }" .error)" = rate_limited ] &&
	tr -d '\r' <"$T_DIR/h" | grep -qi '^retry-after: [1-9]'
ok $? "then the right password from a sixth address: 429 with Retry-After (${r%% *})"
r=$(from 127.0.0.7 dave "$(cat "$T_DIR/dave.pw")")
[ "${r%% *}" = 200 ] && [ "$(jget "${r#* }" .user)" = dave ]
ok $? "that address is not limited: another account logs in from it (${r%% *})"

out=$("$BIN/lucarne-relay" --data "$T_DIR/data" --listen "0.0.0.0:$(free_port)" 2>&1)
st=$?
[ $st -ne 0 ] && echo "$out" | grep -q -- --insecure-plain
ok $? "plain HTTP on a non-loopback address is refused (exit $st)"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "SIGTERM: clean exit 0"
done_testing
