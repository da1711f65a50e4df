#!/bin/sh
# Director settings over HTTP (issue 5): GET and POST
# /api/rooms/ROOM/settings change a room's viewing window, daily quota
# broadcast switch and whether teachers may move the camera (teacher_ptz,
# off by default) for a director linked to the room only; parents,
# teachers and directors of other rooms get the same 403; a bad window is
# a 400 with the parser's sentence and changes nothing; a foreign Origin
# is refused for a cookie; each change is an audit row.
. "$(dirname "$0")/lib.sh"
plan 23
t_tmpdir
stack_init
add_user dora director pommes
add_user tina teacher pommes
add_user dan director poires
fake_time "$(paris '2026-11-25 09:00')"
relay_start
U() { echo "http://127.0.0.1:$PORT$1"; }
DORA=$(bearer dora)
S=$(U /api/rooms/pommes/settings)
# post TOKEN BODY: "STATUS BODY" of a POST to the settings of pommes.
post() {
	curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST \
		-H "Authorization: Bearer $1" -d "$2" "$S"
	printf ' %s' "$(cat "$T_DIR/out")"
}

out=$(curl -s -H "Authorization: Bearer $DORA" "$S")
[ "$(jget "$out" '"\(.window) \(.quota_min) \(.broadcast) \(.consent) \(.teacher_ptz)"')" = "always 0 true true false" ]
ok $? "GET: the director reads the settings ($out)"

out=$(post "$DORA" '{"window":"Mon-Fri 08:30-11:30, 13:30-16:00","quota_min":10,"broadcast":true}')
[ "${out%% *}" = 200 ] &&
	[ "$(jget "${out#* }" .window)" = "mon-fri 08:30-11:30,13:30-16:00" ] &&
	[ "$(jget "${out#* }" .quota_min)" = 10 ]
ok $? "POST: the director sets window and quota, canonical text back ($out)"
admin room list | grep -q '^pommes .*window=mon-fri 08:30-11:30,13:30-16:00 quota-min=10'
ok $? "room list agrees"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'settings' AND actor = 'dora' AND room = 'pommes' AND detail = 'broadcast=on window=mon-fri 08:30-11:30,13:30-16:00 quota-min=10' AND addr IS NOT NULL")" = 1 ]
ok $? "audit row: settings, dora, pommes, what changed"

out=$(curl -s -H "Authorization: Bearer $(bearer alice)" "$(U /api/rooms)")
[ "$(jget "$out" '.rooms[0].quota_left')" = 600 ] &&
	[ "$(jget "$out" '.rooms[0].settings')" = null ] &&
	[ "$(jget "$out" '.rooms[0].watchers')" = null ]
ok $? "a parent's /api/rooms: the quota applies, no settings nor watchers ($out)"
out=$(curl -s -H "Authorization: Bearer $DORA" "$(U /api/rooms)")
[ "$(jget "$out" '.rooms[0].settings.quota_min')" = 10 ] &&
	[ "$(jget "$out" '.rooms[0].watchers|length')" = 0 ]
ok $? "the director's /api/rooms carries settings and watchers ($out)"

# Refusals: the same 403 for everybody else, nothing changed.
before=$(admin room list | grep '^pommes ')
for u in alice tina dan; do
	tok=$(bearer "$u")
	out=$(post "$tok" '{"quota_min":1}')
	[ "$out" = '403 {"error":"forbidden","message":"not allowed"}' ]
	ok $? "POST by $u: 403 ($out)"
done
out=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(bearer tina)" "$S")
[ "$out" = 403 ]
ok $? "GET by a teacher: 403"
out=$(post "$DORA" '{"quota_min":1}' | cut -c1-3)
out2=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $DORA" \
	-d '{"quota_min":1}' "$(U /api/rooms/poires/settings)")
out3=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $DORA" \
	-d '{"quota_min":1}' "$(U /api/rooms/nosuch/settings)")
[ "$out2" = 403 ] && [ "$out3" = 403 ]
ok $? "another room, a missing room: 403 ($out2 $out3)"
admin room set pommes --quota-min 10 >/dev/null # undo the director's own test change

out=$(post "$DORA" '{"window":"mon 11:30-08:30","quota_min":5}')
[ "${out%% *}" = 400 ] && [ "$(jget "${out#* }" .error)" = bad_request ] &&
	jget "${out#* }" .message | grep -q '^window: .*11:30-08:30'
ok $? "bad window: 400 with the parser's sentence ($out)"
for body in '{"quota_min":1441}' '{"quota_min":"5"}' '{"broadcast":"yes"}' '{"colour":1}' '{}' 'nope' \
	'{"teacher_ptz":1}' '{"teacher_ptz":null}' '{"quota_min":5,"teacher_ptz":"on"}'; do
	out=$(post "$DORA" "$body")
	[ "${out%% *}" = 400 ] || { diag "$body -> $out"; false; }
	ok $? "bad body $body: 400"
done
[ "$(admin room list | grep '^pommes ')" = "$before" ]
ok $? "nothing changed by the refusals ($before)"

# Cookies need the relay's own Origin, like the pause.
curl -s -c "$T_DIR/jar" -o /dev/null -X POST -H "Content-Type: application/json" \
	-d "{\"user\":\"dora\",\"password\":\"$(cat "$T_DIR/dora.pw")\"}" "$(U /api/login)"
out=$(curl -s -o /dev/null -w '%{http_code}' -b "$T_DIR/jar" -X POST \
	-H 'Origin: http://evil.example' -d '{"broadcast":false}' "$S")
[ "$out" = 403 ] && admin room list | grep -q '^pommes  *on '
ok $? "cookie from a foreign Origin: 403, broadcast still on"
done_testing
