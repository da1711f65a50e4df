#!/bin/sh
# lucarne-admin: rooms, accounts and devices in a temp data dir; clear
# refusals with non-zero exit codes; secrets never stored in clear.
. "$(dirname "$0")/lib.sh"
plan 38
t_tmpdir
DB="$T_DIR/data/lucarne.db"
q() { sqlite3 "$DB" "$1"; }

check "--help lists every command" -- sh -c \
	"'$BIN/lucarne-admin' --help | grep -q 'device add NAME --kind camera|kiosk --room ROOM'"
admin room add pommes --title "Les pommes" >/dev/null
ok $? "room add"
admin room add pommes >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "room add twice: exit 1"
admin room add -bad >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "bad room name refused"
admin room add poires >/dev/null
[ "$(q "select broadcast, consent from rooms where name='pommes'")" = "0|0" ]
ok $? "a new room does not broadcast and its consent is incomplete"
admin room list | grep -q '^pommes  *off  *incomplete  *Les pommes'
ok $? "room list shows flags and title"
admin room set pommes --broadcast on --consent complete >/dev/null
[ "$(q "select broadcast, consent from rooms where name='pommes'")" = "1|1" ]
ok $? "room set --broadcast on --consent complete"
admin room set pommes --broadcast maybe >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "room set with a bad value: usage error (exit 2)"
admin room set nope --broadcast on >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "room set on an unknown room: exit 1"

# room set with several options is all or nothing.
poires() { admin room list | grep '^poires '; }
before=$(poires)
long=$(printf 'x%.0s' $(seq 129))
admin room set poires --broadcast on --window none --quota-min 5 \
	--teacher-ptz on --title "$long" >/dev/null 2>"$T_DIR/err"
st=$?
[ $st -eq 2 ] && grep -q -- '--title: at most 128 bytes' "$T_DIR/err" &&
	[ "$(poires)" = "$before" ]
ok $? "room set with a title too long: exit 2, none of its other options applied ($st: $(cat "$T_DIR/err"))"
echo 'long enough password' | admin user add tina --role teacher --room poires >/dev/null
set -- room set poires --title Nouveau --broadcast on --window none \
	--quota-min 5 --masks 0,0,0.5,1 --teacher-ptz on --consent complete
admin "$@" >/dev/null 2>"$T_DIR/err"
st=$?
[ $st -eq 1 ] && grep -q 'staff consent missing for tina' "$T_DIR/err"
ok $? "room set --consent complete without the teacher's consent refused, exit 1 ($st: $(cat "$T_DIR/err"))"
[ "$(poires)" = "$before" ]
ok $? "and the six other options it came with changed nothing ($(poires))"
admin consent set poires tina given >/dev/null && admin "$@" >/dev/null &&
	poires | grep -q '^poires  *on  *complete  *Nouveau  *window=none quota-min=5 masks=0,0,0.5,1 teacher-ptz=on$'
ok $? "once she has consented, the same room set applies every option ($(poires))"
[ "$(q "select detail from audit where event='admin' and detail like 'room set%' order by id desc limit 1")" = \
	"room set title=Nouveau broadcast=on consent=complete window=none quota-min=5 masks=0,0,0.5,1 teacher-ptz=on" ]
ok $? "one audit row lists what changed"
admin room set poires --broadcast off --consent incomplete --window always \
	--quota-min 0 --masks none --teacher-ptz off >/dev/null

# Sub-command options go through the common parser: same messages, and
# each command's --help lists its own.
out=$(admin room set --help)
[ $? -eq 0 ] && printf '%s\n' "$out" | grep -q '^Usage: lucarne-admin room set ROOM ' &&
	printf '%s\n' "$out" | grep -q '^  --quota-min MINUTES$' &&
	printf '%s\n' "$out" | grep -q 'Range 0\.\.1440\.'
ok $? "room set --help lists its options with their ranges"
err=$(admin room set poires --frobnicate 1 2>&1 >/dev/null)
[ $? -eq 2 ] && [ "$err" = 'lucarne-admin room set: unknown option "--frobnicate" (see --help)' ]
ok $? "unknown sub-command option: exit 2 ($err)"
err=$(admin device add cam9 --kind camera --room pommes --room poires 2>&1 >/dev/null)
[ $? -eq 2 ] && [ -z "$(q "select 1 from devices where name='cam9'")" ]
ok $? "device add with two rooms refused, exit 2 ($err)"


echo 'long enough password' | admin user add alice --role parent --room pommes >/dev/null
ok $? "user add with the password on stdin"
h=$(q "select pwhash from users where name='alice'")
case $h in \$argon2id\$*) ok 0 "password stored as an argon2id hash" ;; *) ok 1 "argon2id hash ($h)" ;; esac
echo 'short' | admin user add bob --role parent >/dev/null 2>&1
[ $? -eq 1 ] && [ -z "$(q "select 1 from users where name='bob'")" ]
ok $? "short password refused, no account created"
admin user add bob --role parent </dev/null >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "empty password refused"
echo 'long enough password' | admin user add bob --role king >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "unknown role refused"
echo 'long enough password' | admin user add bob --role parent --room nope >/dev/null 2>&1
[ $? -eq 1 ] && [ -z "$(q "select 1 from users where name='bob'")" ]
ok $? "unknown room refused, no account created"
echo 'long enough password' | admin user add dir --role director --room pommes --room poires >/dev/null
admin user list | grep -q '^dir  *director  *poires,pommes'
ok $? "user list shows role and rooms"
admin user unlink dir poires >/dev/null && admin user list | grep -q '^dir  *director  *pommes$'
ok $? "user unlink"

tok=$(admin device add cam1 --kind camera --room pommes 2>/dev/null)
echo "$tok" | grep -qE '^lcd_[A-Za-z0-9_-]{43}$'
ok $? "device add prints a lcd_ token once"
[ -z "$(q "select 1 from devices where token_hash like '%${tok#lcd_}%'")" ] &&
	[ "$(q "select length(token_hash) from devices where name='cam1'")" = 64 ]
ok $? "only the token's hash is stored"
admin device add cam2 --kind toaster --room pommes >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "unknown device kind refused"
admin device add cam2 --kind camera --room nope >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "device in an unknown room refused"
admin device list | grep -q '^cam1  *camera  *pommes'
ok $? "device list"
admin room remove pommes >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "a room with devices cannot be removed"
admin device remove cam1 >/dev/null && [ -z "$(q "select 1 from devices")" ]
ok $? "device remove"

q "insert into sessions (token_hash, user_id, created, expires) select 'x', id, 0, 9999999999 from users where name='alice'"
echo 'another long password' | admin user passwd alice >/dev/null
[ "$(q "select count(*) from sessions")" = 0 ] && [ "$(q "select pwhash from users where name='alice'")" != "$h" ]
ok $? "user passwd changes the hash and revokes the sessions"
admin user remove alice >/dev/null && [ -z "$(q "select 1 from users where name='alice'")" ]
ok $? "user remove"
admin user remove alice >/dev/null 2>&1
[ $? -eq 1 ]
ok $? "removing a missing user: exit 1"
admin room remove pommes >/dev/null && [ -z "$(q "select 1 from rooms where name='pommes'")" ]
ok $? "room remove"
[ "$(q "select count(*) from audit where event='admin'")" -ge 8 ]
ok $? "admin actions are in the audit log"
admin frobnicate >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "unknown command: exit 2"
done_testing
