#!/bin/sh
# Login limits (issue 12, docs/api.md "POST /api/login"): an attempt is
# counted when it starts, so concurrent guesses get no more than five
# checks; a browser that signed in before holds a signed "known device"
# cookie with an allowance of its own, so a stranger cannot lock its
# owner out; a forged or borrowed device cookie gets nothing; login takes
# JSON only and refuses a foreign Origin.
. "$(dirname "$0")/lib.sh"
plan 21
t_tmpdir
stack_init
add_user carol parent pommes
relay_start
U="http://127.0.0.1:$PORT"
DB="$T_DIR/data/lucarne.db"
failed() {
	sqlite3 -readonly "$DB" "SELECT count(*) FROM audit WHERE event = 'login_failed' AND actor = '$1'"
}
# login FROM USER PASSWORD [CURL ARGS...]: "STATUS BODY" of a login from
# loopback address 127.0.0.FROM; headers in $T_DIR/h.
login() {
	local from=$1 u=$2 p=$3
	shift 3
	curl -s -o "$T_DIR/body" -D "$T_DIR/h" -w '%{http_code}' --interface "127.0.0.$from" \
		-H 'Content-Type: application/json' \
		--data-binary "{\"user\":\"$u\",\"password\":\"$p\"}" "$@" "$U/api/login"
	printf ' %s' "$(cat "$T_DIR/body")"
}
devcookie() { tr -d '\r' <"$T_DIR/h" | grep -i '^set-cookie: lucarne_device=' | head -n 1; }

# ---- concurrency buys no extra guesses ----------------------------------
seq 1 30 | xargs -P 30 -I{} curl -s -o /dev/null -w '%{http_code}\n' --interface 127.0.0.2 \
	-H 'Content-Type: application/json' \
	--data-binary '{"user":"alice","password":"wrong {}"}' "$U/api/login" >"$T_DIR/codes"
n401=$(grep -cx 401 "$T_DIR/codes")
n429=$(grep -cx 429 "$T_DIR/codes")
[ "$n401" = 5 ] && [ "$n429" = 25 ]
ok $? "30 concurrent wrong passwords: 5 checked (401), 25 refused (429) ($n401, $n429)"
[ "$(failed alice)" = 5 ]
ok $? "... and 5 login_failed rows ($(failed alice))"

# ---- per account, whatever the address (H3's case) ------------------------
for i in 3 4 5 6 7; do login "$i" carol "wrong $i" >/dev/null; done
r=$(login 8 carol "$(cat "$T_DIR/carol.pw")")
[ "${r%% *}" = 429 ]
ok $? "five wrong passwords from five addresses, then 429 from a sixth (${r%% *})"

# ---- the known device cookie -----------------------------------------------
bobpw=$(cat "$T_DIR/bob.pw")
r=$(login 10 bob "$bobpw")
[ "${r%% *}" = 200 ]
ok $? "bob signs in from his browser"
dc=$(devcookie)
echo "$dc" | grep -qE 'lucarne_device=v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43};' &&
	echo "$dc" | grep -q 'HttpOnly' && echo "$dc" | grep -q 'SameSite=Strict' &&
	echo "$dc" | grep -q 'Path=/api/login' && echo "$dc" | grep -q 'Max-Age=15552000' &&
	! echo "$dc" | grep -q Secure
ok $? "a device cookie: signed, HttpOnly, SameSite=Strict, Path=/api/login, 180 days ($dc)"
dev=$(echo "$dc" | sed 's/^[^=]*=\([^;]*\);.*/\1/')
[ -f "$T_DIR/data/device-cookie.key" ] &&
	[ "$(stat -c %a "$T_DIR/data/device-cookie.key")" = 600 ] &&
	[ "$(stat -c %s "$T_DIR/data/device-cookie.key")" = 32 ]
ok $? "its secret is a 32-byte file of the data folder, mode 600"
for i in 11 12 13 14 15; do login "$i" bob "stranger $i" >/dev/null; done
r=$(login 16 bob "$bobpw")
[ "${r%% *}" = 429 ]
ok $? "a stranger used up bob's allowance: 429 even with the password (${r%% *})"
r=$(login 10 bob "$bobpw" -b "lucarne_device=$dev")
[ "${r%% *}" = 200 ] && [ "$(jget "${r#* }" .user)" = bob ]
ok $? "bob's browser with its device cookie still signs in (${r%% *})"
dev2=$(devcookie | sed 's/^[^=]*=\([^;]*\);.*/\1/')
[ -n "$dev2" ] && [ "$dev2" != "$dev" ]
ok $? "... and gets a fresh device cookie"
r=$(login 16 bob "$bobpw")
[ "${r%% *}" = 429 ]
ok $? "the stranger's lockout of the shared allowance stays (${r%% *})"
# Tampered: one character of the MAC changed.
last=$(printf '%s' "$dev" | tail -c 1)
[ "$last" = A ] && sub=B || sub=A
forged="$(printf '%s' "$dev" | sed 's/.$//')$sub"
r=$(login 10 bob "$bobpw" -b "lucarne_device=$forged")
[ "${r%% *}" = 429 ]
ok $? "a tampered device cookie gets no allowance (${r%% *})"
r=$(login 10 bob "$bobpw" -b "lucarne_device=v1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
[ "${r%% *}" = 429 ]
ok $? "a forged one neither (${r%% *})"
# Another account's device cookie: the MAC covers the name.
r=$(login 20 alice "$(cat "$T_DIR/alice.pw")" -b "lucarne_device=$dev2")
[ "${r%% *}" = 429 ]
ok $? "bob's device cookie gives nothing on alice's account (${r%% *})"
# The device's own allowance is limited too.
for i in 1 2 3 4 5; do login 10 bob "typo $i" -b "lucarne_device=$dev2" >/dev/null; done
r=$(login 10 bob "$bobpw" -b "lucarne_device=$dev2")
[ "${r%% *}" = 429 ]
ok $? "five wrong passwords from the known device: it waits too (${r%% *})"
r=$(login 30 nobody "whatever" -b "lucarne_device=$dev2")
r2=$(login 31 nobody2 "whatever")
[ "${r%% *}" = 401 ] && [ "${r#* }" = "${r2#* }" ]
ok $? "an unknown account with or without a device cookie: the same 401"

# ---- JSON only, own origin only ------------------------------------------------
st=$(curl -s -o "$T_DIR/body" -w '%{http_code}' --interface 127.0.0.40 \
	-d "{\"user\":\"dan\",\"password\":\"x\"}" "$U/api/login")
[ "$st" = 415 ] && grep -q 'application/json' "$T_DIR/body"
ok $? "a form-encoded login: 415 with a clear message ($st)"
st=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.40 -X POST \
	-H 'Content-Type: text/plain' --data-binary '{}' "$U/api/login")
[ "$st" = 415 ]
ok $? "text/plain (a cross-site form's type): 415 ($st)"
[ "$(failed dan)" = 0 ]
ok $? "... and neither counts as an attempt"
add_user erin parent pommes
r=$(login 41 erin "$(cat "$T_DIR/erin.pw")" -H 'Origin: http://evil.example')
[ "${r%% *}" = 403 ] && [ "$(jget "${r#* }" .error)" = forbidden ]
ok $? "login from a foreign Origin: 403 (no login CSRF) (${r%% *})"
r=$(login 41 erin "$(cat "$T_DIR/erin.pw")" -H "Origin: http://127.0.0.1:$PORT")
[ "${r%% *}" = 200 ]
ok $? "login from the relay's own origin: 200 (${r%% *})"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "clean exit"
done_testing
