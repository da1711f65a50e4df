#!/bin/sh
# Consent register (issue 5): a parent watches a room only while their
# authorization is recorded as given. Without a record the subscribe is
# refused (state off, reason consent, then 4403) and the room card says
# so; a withdrawal from the parent's own endpoint or by lucarne-admin
# closes a running lucarne-view within 2 s and later subscribes are
# refused; the director reads the register and records consents; the
# register cannot be marked complete while a teacher of the room has not
# given consent, and a teacher's withdrawal makes it incomplete. Parents
# and teachers read their own consent (GET .../consent/mine), nobody
# else's. Each change is an audit row.
. "$(dirname "$0")/lib.sh"
plan 34
t_tmpdir
stack_init
add_user carol parent pommes && add_user tina teacher pommes &&
	add_user dora director pommes && add_user dan director poires ||
	bail "cannot add accounts"
relay_start
capture_start
wait_for 20 camera_live || bail "camera not live: $(tail -n 3 "$T_DIR/capture.log")"
U() { echo "http://127.0.0.1:$PORT$1"; }
DORA=$(bearer dora)
ALICE=$(bearer alice)
CAROL=$(bearer carol)
TINA=$(bearer tina)
# post TOKEN PATH [BODY]: "STATUS BODY".
post() {
	curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST \
		-H "Authorization: Bearer $1" ${3:+-d "$3"} "$(U "$2")"
	printf ' %s' "$(cat "$T_DIR/out")"
}
get() { curl -s -H "Authorization: Bearer $1" "$(U "$2")"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# watching USER: the director sees USER among the watchers of pommes.
watching() {
	get "$DORA" /api/rooms | jq -e --arg u "$1" \
		'.rooms[0].watchers | index($u) != null' >/dev/null
}
# bg_view USER: a long lucarne-view of pommes in the background; its JSON
# report lands in $T_DIR/USER.json when it ends.
bg_view() {
	"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user "$1" \
		--password-file "$T_DIR/$1.pw" --room pommes --seconds 60 \
		--json >"$T_DIR/$1.json" 2>"$T_DIR/$1.err" &
	T_PIDS="$T_PIDS $!"
}
ended() { [ -s "$T_DIR/$1.json" ] && jq -e '.close_code' "$T_DIR/$1.json" >/dev/null 2>&1; }

# ---- no record: no access ----
view carol 2 >"$T_DIR/carol0.json" 2>/dev/null
st=$?
[ "$st" = 3 ] && [ "$(jq .close_code "$T_DIR/carol0.json")" = 4403 ]
ok $? "no consent recorded: subscribe refused with 4403 (exit $st)"
out=$(get "$CAROL" /api/rooms)
[ "$(jget "$out" '.rooms[0] | "\(.state) \(.reason) \(.consent)"')" = "off consent none" ]
ok $? "her room card: off, reason consent, consent none ($out)"
out=$(get "$ALICE" /api/rooms)
[ "$(jget "$out" '.rooms[0] | "\(.state) \(.consent)"')" = "live given" ]
ok $? "alice (consent given) sees the room live ($out)"

# ---- the director's register ----
out=$(get "$DORA" /api/rooms/pommes/consent)
[ "$(jget "$out" '[.entries[] | "\(.user):\(.role):\(.status)"] | join(" ")')" = \
	"tina:teacher:none alice:parent:given carol:parent:none" ] &&
	[ "$(jget "$out" '.missing | join(",")')" = "tina,carol" ] &&
	[ "$(jget "$out" '.complete')" = true ] &&
	[ "$(jget "$out" '.staff_ready')" = false ]
ok $? "GET consent: teachers then parents, missing listed ($out)"
out=$(post "$DORA" /api/rooms/pommes/consent '{"user":"carol","status":"given"}')
[ "${out%% *}" = 200 ] &&
	[ "$(jget "${out#* }" '.entries[] | select(.user == "carol") | "\(.status) \(.recorded_by)"')" = "given dora" ]
ok $? "the director records carol's authorization ($out)"
[ "$(view carol 2 2>/dev/null | jq .frames)" -gt 0 ]
ok $? "carol now watches"
for body in '{"user":"dan","status":"given"}' '{"user":"bob","status":"given"}' \
	'{"user":"nobody","status":"given"}' '{"user":"carol","status":"maybe"}' \
	'{"user":"carol"}' '{"complete":"yes"}' '{}' 'nope'; do
	out=$(post "$DORA" /api/rooms/pommes/consent "$body")
	[ "${out%% *}" = 400 ] || { diag "$body -> $out"; false; }
	ok $? "bad consent body $body: 400"
done
out1=$(post "$DORA" /api/rooms/pommes/consent '{"user":"bob","status":"given"}')
out2=$(post "$DORA" /api/rooms/pommes/consent '{"user":"nobody","status":"given"}')
[ "$out1" = "$out2" ]
ok $? "another room's parent and a missing account: the same answer"

# ---- the parent withdraws from their page's endpoint ----
bg_view alice
wait_for 10 watching alice || diag "alice not seen watching"
t0=$(now_ms)
out=$(post "$ALICE" /api/rooms/pommes/withdraw)
wait_for 2 ended alice
st=$?
t1=$(now_ms)
[ "$st" = 0 ] && [ "${out%% *}" = 200 ] &&
	[ "$(jq .close_code "$T_DIR/alice.json")" = 4403 ] &&
	[ "$(jq .frames "$T_DIR/alice.json")" -gt 0 ]
ok $? "withdrawal closes alice's running lucarne-view within 2 s ($out)"
diag "withdrawal to viewer closed: $((t1 - t0)) ms"
view alice 2 >/dev/null 2>&1
ok $([ $? = 3 ]; echo $?) "a later subscribe is refused (exit 3)"
out=$(get "$ALICE" /api/rooms)
[ "$(jget "$out" '.rooms[0] | "\(.state) \(.reason) \(.consent)"')" = "off consent withdrawn" ]
ok $? "her room card: off, reason consent, withdrawn"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'consent' AND actor = 'alice' AND subject = 'alice' AND room = 'pommes' AND detail = 'withdrawn'")" = 1 ] &&
	[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'view' AND actor = 'alice' AND end_ts IS NOT NULL AND bytes > 0")" -ge 1 ]
ok $? "audit: the withdrawal, and her viewing sessions closed with their bytes"

# ---- lucarne-admin withdraws carol's ----
bg_view carol
wait_for 10 watching carol || diag "carol not seen watching"
t0=$(now_ms)
admin consent set pommes carol withdrawn >/dev/null
wait_for 2 ended carol
st=$?
t1=$(now_ms)
[ "$st" = 0 ] && [ "$(jq .close_code "$T_DIR/carol.json")" = 4403 ] &&
	[ "$(jq .frames "$T_DIR/carol.json")" -gt 0 ]
ok $? "lucarne-admin consent set withdrawn closes carol's stream within 2 s"
diag "admin withdrawal to viewer closed: $((t1 - t0)) ms"
admin consent list pommes | grep -q '^carol  *parent  *withdrawn '
ok $? "consent list shows it"
[ "$(audit_count consent pommes)" -ge 3 ]
ok $? "every consent change is an audit row"

# ---- staff consent and the complete flag ----
out=$(get "$TINA" /api/rooms/pommes/consent/mine)
[ "$(jget "$out" '"\(.user) \(.role) \(.status) \(.recorded_by) \(.ts)"')" = "tina teacher none null null" ]
ok $? "a teacher reads her own consent: not recorded ($out)"
out=$(post "$DORA" /api/rooms/pommes/consent '{"complete":true}')
[ "${out%% *}" = 409 ] && [ "$(jget "${out#* }" .message)" = "staff consent missing for: tina" ]
ok $? "marking complete while tina has not consented: 409 naming her ($out)"
admin room set pommes --consent complete >/dev/null 2>"$T_DIR/err"
st=$?
[ "$st" = 1 ] && grep -q 'staff consent missing for tina' "$T_DIR/err"
ok $? "lucarne-admin refuses the same ($(cat "$T_DIR/err"))"
post "$DORA" /api/rooms/pommes/consent '{"user":"tina","status":"given"}' >/dev/null
out=$(post "$DORA" /api/rooms/pommes/consent '{"complete":true}')
[ "${out%% *}" = 200 ] && [ "$(jget "${out#* }" .complete)" = true ]
ok $? "with tina's consent the register is complete"
out=$(get "$TINA" /api/rooms/pommes/consent/mine)
[ "$(jget "$out" '"\(.status) \(.recorded_by) \(.ts > 0)"')" = "given dora true" ]
ok $? "her own consent: given, recorded by dora, with the time ($out)"
out=$(post "$TINA" /api/rooms/pommes/withdraw)
reg=$(get "$DORA" /api/rooms/pommes/consent)
[ "${out%% *}" = 200 ] && [ "$(jget "$reg" .complete)" = false ] &&
	[ "$(jget "$reg" '.withdrawn | sort | join(",")')" = "alice,carol,tina" ]
ok $? "a teacher's withdrawal makes the register incomplete ($reg)"
[ "$(get "$DORA" /api/rooms | jq -r '.rooms[0] | "\(.state) \(.reason)"')" = "off director" ]
ok $? "and the room is off"
[ "$(jget "$(get "$TINA" /api/rooms/pommes/consent/mine)" '"\(.status) \(.recorded_by)"')" = "withdrawn tina" ] &&
	[ "$(jget "$(get "$ALICE" /api/rooms/pommes/consent/mine)" '"\(.role) \(.status) \(.recorded_by)"')" = "parent withdrawn alice" ]
ok $? "consent/mine: withdrawn by tina herself; alice's, withdrawn by herself"
forbidden='{"error":"forbidden","message":"not allowed"}'
[ "$(get "$DORA" /api/rooms/pommes/consent/mine)" = "$forbidden" ] &&
	[ "$(get "$(bearer dan)" /api/rooms/pommes/consent/mine)" = "$forbidden" ] &&
	[ "$(get "$TINA" /api/rooms/poires/consent/mine)" = "$forbidden" ] &&
	[ "$(get "$TINA" /api/rooms/nosuch/consent/mine)" = "$forbidden" ]
ok $? "consent/mine: the same 403 for a director, another room's director, another or no room"
out=$(post "$TINA" /api/rooms/pommes/consent/mine)
[ "${out%% *}" = 405 ]
ok $? "consent/mine is read-only: POST gives 405"
q() { sqlite3 -readonly "$T_DIR/data/lucarne.db" "$1"; }
[ "$(q "SELECT group_concat(actor || ':' || coalesce(subject, '') || ':' || detail, ' ') FROM (SELECT * FROM audit WHERE event IN ('consent', 'consent_register') AND ts > 0 AND id > (SELECT max(id) FROM audit WHERE event = 'login' AND actor = 'tina') ORDER BY id)")" = \
	"dora:carol:given alice:alice:withdrawn ${SUDO_USER:-$(id -un)}:carol:withdrawn dora:tina:given dora::complete tina:tina:withdrawn" ]
ok $? "the audit log has a row for each action, with who did it ($(q "SELECT group_concat(event || '/' || actor || '/' || coalesce(subject, '') || '/' || detail, ' ') FROM audit WHERE event LIKE 'consent%'"))"
[ "$(q "SELECT addr FROM audit WHERE event = 'consent' AND subject = 'carol' AND detail = 'withdrawn'")" = lucarne-admin ]
ok $? "lucarne-admin's consent change is marked as such"
done_testing
