#!/bin/sh
# Audit log reading and retention (issue 5): the director of a room reads
# its rows (its actions, viewing sessions with start, end and bytes, and
# the logins of its accounts) as JSON pages or a CSV file with RFC 4180
# quoting and formula cells neutralised; a parent reads only their own
# history; rows older than --audit-retention-days are purged at start,
# and lucarne-admin audit purge deletes them on demand. Old rows and
# hostile texts are written with sqlite3's CLI, as another program could.
. "$(dirname "$0")/lib.sh"
plan 30
t_tmpdir
stack_init
add_user dora director pommes && add_user dan director poires ||
	bail "cannot add directors"
DB="$T_DIR/data/lucarne.db"
sql() { sqlite3 "$DB" "$1"; }
relay_start
capture_start
wait_for 20 camera_live || bail "camera not live"
U() { echo "http://127.0.0.1:$PORT$1"; }
get() { curl -s -H "Authorization: Bearer $1" "$(U "$2")"; }
DORA=$(bearer dora)
ALICE=$(bearer alice)
BOB=$(bearer bob)
DAN=$(bearer dan)
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"user":"alice","password":"wrong password"}' "$(U /api/login)"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $DAN" "$(U /api/rooms/poires/pause)"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $DORA" "$(U /api/rooms/pommes/pause)"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $DORA" "$(U /api/rooms/pommes/resume)"
view alice 2 >/dev/null 2>&1
# The title change's own row comes after every row written so far.
id_title=$(sql "SELECT max(id) FROM audit")
admin room set pommes --title "Les Pommes" >/dev/null
wait_for 5 sh -c "[ \$(sqlite3 -readonly '$DB' \"SELECT count(*) FROM audit WHERE event = 'view' AND end_ts IS NULL\") = 0 ]"

# ---- the director's JSON ----
out=$(get "$DORA" /api/rooms/pommes/audit)
ev() { jget "$out" "[.rows[] | $1] | join(\" \")"; }
[ "$(ev 'select(.event == "pause" or .event == "resume") | "\(.event):\(.actor)"')" = "resume:dora pause:dora" ]
ok $? "the room's pause and resume, newest first, not the other room's"
[ "$(ev 'select(.event == "login" or .event == "login_failed") | .actor' | tr ' ' '\n' | sort -u | tr '\n' ' ')" = "alice dora " ]
ok $? "logins and failed logins of the room's accounts only ($(ev 'select(.event|startswith("login")) | .actor'))"
jget "$out" '.rows[] | select(.event == "view" and .actor == "alice") | select(.end >= .ts and .bytes > 0) | .id' | grep -q .
ok $? "alice's viewing session: start, end and bytes"
title_row=$(printf '%s' "$out" | jq -c --argjson id "$id_title" \
	'[.rows[] | select(.event == "admin" and .id > $id) | {id, actor, room, detail}]')
[ "$(jget "$title_row" 'length')" = 1 ] &&
	[ "$(jget "$title_row" '.[0] | "\(.actor == "'"${SUDO_USER:-$(id -un)}"'") \(.room) \(.detail | startswith("room set"))"')" = "true pommes true" ]
ok $? "lucarne-admin's title change on the room, its own row ($title_row)"
# docs/admin.md: "room set rows list what changed".
[ "$(jget "$title_row" '.[0].detail')" = "room set title=Les Pommes" ]
ok $? "and its detail names the new title"
[ "$(ev 'select(.room == "poires" or .actor == "bob" or .actor == "dan") | .id')" = "" ]
ok $? "nothing of poires, bob or dan"
[ "$(sql "SELECT count(*) FROM audit WHERE event = 'audit_read' AND actor = 'dora' AND room = 'pommes'")" = 1 ]
ok $? "reading the log is itself audited"

# ---- dates and pages ----
today=$(TZ=Europe/Paris date +%F)
tomorrow=$(TZ=Europe/Paris date -d tomorrow +%F)
yesterday=$(TZ=Europe/Paris date -d yesterday +%F)
n_all=$(get "$DORA" "/api/rooms/pommes/audit?from=$today&to=$today" | jq '.rows | length')
[ "$n_all" -ge 6 ] &&
	[ "$(get "$DORA" "/api/rooms/pommes/audit?from=$tomorrow" | jq '.rows | length')" = 0 ] &&
	[ "$(get "$DORA" "/api/rooms/pommes/audit?to=$yesterday" | jq '.rows | length')" = 0 ]
ok $? "from and to select local days ($n_all rows today)"
p1=$(get "$DORA" "/api/rooms/pommes/audit?limit=2")
next=$(jget "$p1" .next)
p2=$(get "$DORA" "/api/rooms/pommes/audit?limit=2&before=$next")
[ "$(jget "$p1" '.rows | length')" = 2 ] && [ "$next" = "$(jget "$p1" '.rows[1].id')" ] &&
	[ "$(jget "$p2" '.rows[0].id')" -lt "$next" ]
ok $? "limit and before page through the rows"
for q in "from=2026-13-01" "to=yesterday" "from=2026-02-31" "from=$tomorrow&to=$yesterday" \
	"limit=0" "limit=1001" "before=x" "format=xml"; do
	st=$(curl -s -o "$T_DIR/out" -w '%{http_code}' -H "Authorization: Bearer $DORA" \
		"$(U "/api/rooms/pommes/audit?$q")")
	[ "$st" = 400 ] && [ "$(jq -r .error "$T_DIR/out")" = bad_request ]
	ok $? "bad query $q: 400 ($(cat "$T_DIR/out"))"
done

# ---- CSV ----
sql "INSERT INTO audit (ts, event, actor, room, addr, detail) VALUES
	(strftime('%s','now'), 'note', '@SUM(A1)', 'pommes', '-1+2', '=HYPERLINK(\"http://evil.example\",\"x\")'),
	(strftime('%s','now'), 'note', '+cmd', 'pommes', '::1', 'two
lines, \"quoted\"')"
curl -s -D "$T_DIR/hdr" -o "$T_DIR/a.csv" -H "Authorization: Bearer $DORA" \
	"$(U "/api/rooms/pommes/audit?format=csv&from=$today")"
grep -qi "^content-type: text/csv" "$T_DIR/hdr" &&
	grep -qi "^content-disposition: attachment; filename=\"lucarne-audit-pommes-from-$today.csv\"" "$T_DIR/hdr"
ok $? "CSV: text/csv, attachment with a file name"
[ "$(head -n 1 "$T_DIR/a.csv")" = "$(printf 'id,time,event,actor,subject,room,address,detail,end,bytes\r')" ]
ok $? "CSV: header line, CRLF"
python3 - "$T_DIR/a.csv" >"$T_DIR/csv.out" 2>&1 <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
notes = [r for r in rows[1:] if r[2] == 'note']
assert all(len(r) == 10 for r in rows), 'ten cells a row'
want = {("'@SUM(A1)", "'-1+2", "'=HYPERLINK(\"http://evil.example\",\"x\")"),
	("'+cmd", '::1', 'two\nlines, "quoted"')}
got = {(r[3], r[6], r[7]) for r in notes}
assert got == want, got
PY
ok $? "CSV: quoting round-trips, formula cells start with an apostrophe ($(cat "$T_DIR/csv.out"))"
grep -q "^[0-9]*,$today" "$T_DIR/a.csv" && ! grep -q 'poires' "$T_DIR/a.csv"
ok $? "CSV: local times, only the room's rows"

# ---- a parent's own history ----
out=$(get "$ALICE" /api/me/history)
[ "$(jget "$out" '[.rows[] | select(.actor != "alice" and .subject != "alice")] | length')" = 0 ] &&
	[ "$(jget "$out" '[.rows[] | .event] | unique | join(" ")')" = "consent login login_failed view" ] &&
	jget "$out" '.rows[] | select(.event == "view") | select(.end and .bytes > 0) | .id' | grep -q .
ok $? "alice's history: her consent, logins, failed logins and viewing sessions only"
[ "$(get "$BOB" /api/me/history | jq '[.rows[] | select(.actor != "bob" and .subject != "bob")] | length')" = 0 ]
ok $? "bob's history has none of alice's rows"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ALICE" "$(U /api/rooms/pommes/audit)")
[ "$st" = 403 ]
ok $? "a parent cannot read the room's log (403)"

# ---- retention ----
sql "INSERT INTO audit (ts, event, actor, room) VALUES
	(strftime('%s','now') - 400 * 86400, 'login', 'alice', NULL),
	(strftime('%s','now') - 40 * 86400, 'pause', 'dora', 'pommes'),
	(strftime('%s','now') - 2 * 86400, 'resume', 'dora', 'pommes')"
kill "$RELAY_PID"; wait "$RELAY_PID" 2>/dev/null
"$BIN/lucarne-relay" --data "$T_DIR/data" --listen "127.0.0.1:$PORT" \
	--audit-retention-days 0 >/dev/null 2>"$T_DIR/err"
st=$?
[ "$st" = 2 ] && grep -q 'audit-retention-days: "0" is not a whole number from 1' "$T_DIR/err"
ok $? "--audit-retention-days 0 refused ($(cat "$T_DIR/err"))"
old() { sql "SELECT count(*) FROM audit WHERE ts < strftime('%s','now') - $1 * 86400"; }
[ "$(old 365)" = 1 ]
ok $? "a row older than a year exists before the restart"
relay_start --audit-retention-days 30
wait_for 5 sh -c "[ \$(sqlite3 -readonly '$DB' \"SELECT count(*) FROM audit WHERE ts < strftime('%s','now') - 30 * 86400\") = 0 ]"
ok $? "restart with --audit-retention-days 30: rows over 30 days purged"
[ "$(old 1)" = 1 ]
ok $? "newer rows kept"
out=$(admin audit purge --older-than-days 1)
[ "$(old 1)" = 0 ] && [ "$out" = "1 audit rows older than 1 days deleted" ] &&
	[ "$(sql "SELECT count(*) FROM audit WHERE event = 'admin' AND detail LIKE 'audit purge older-than-days=1%'")" = 1 ]
ok $? "lucarne-admin audit purge, itself audited ($out)"
admin audit list --room pommes --csv --limit 3 >"$T_DIR/l.csv"
[ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))))' "$T_DIR/l.csv")" = 4 ] &&
	head -n 1 "$T_DIR/l.csv" | grep -q '^id,time,event'
ok $? "lucarne-admin audit list --csv"
done_testing
