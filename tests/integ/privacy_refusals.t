#!/bin/sh
# The refusal matrix (issue 5): every director and teacher endpoint of
# room pommes, asked by a parent of the room and by a teacher of another
# room (and, for the director's own endpoints, by the room's teacher),
# answers the same 403 with the same body, and changes nothing: the
# rooms, consent register, links, devices and camera presets read the
# same afterwards.
#
# Table-driven: to cover a new staff endpoint, add one line to ROUTES
# (METHOD SUB-PATH WHO BODY; WHO is "staff" for teacher and director,
# "director" for the director only; BODY "-" for none).
. "$(dirname "$0")/lib.sh"

ROUTES='
POST pause staff -
POST resume staff -
GET settings director -
POST settings director {"broadcast":false,"quota_min":1,"window":"none"}
GET consent director -
POST consent director {"user":"alice","status":"withdrawn"}
POST consent director {"user":"tina","status":"given"}
POST consent director {"complete":false}
GET audit director -
GET audit?format=csv director -
GET audit?from=2026-01-01&to=2026-12-31 director -
GET camera staff -
POST camera staff {"values":{"brightness":140}}
POST camera/presets/matin director -
POST camera/presets/matin/recall staff -
POST camera/presets/matin/delete director -
GET masks director -
POST masks director {"masks":[{"x":0.1,"y":0.1,"w":0.2,"h":0.2}]}
'
n_routes=$(printf '%s\n' "$ROUTES" | grep -c .)
n_director=$(printf '%s\n' "$ROUTES" | grep -c ' director ')
plan $((n_routes * 3 + n_director + 3))
t_tmpdir
stack_init
add_user tina teacher pommes && add_user tom teacher poires &&
	add_user dora director pommes && add_user dan director poires ||
	bail "cannot add staff"
relay_start
U() { echo "http://127.0.0.1:$PORT$1"; }
ALICE=$(bearer alice)
TOM=$(bearer tom)
TINA=$(bearer tina)
DAN=$(bearer dan)
forbidden='403 {"error":"forbidden","message":"not allowed"}'

# call TOKEN METHOD SUB BODY: "STATUS BODY" of a request on room pommes.
call() {
	if [ "$4" = - ]; then
		curl -s -o "$T_DIR/out" -w '%{http_code}' -X "$2" \
			-H "Authorization: Bearer $1" "$(U "/api/rooms/pommes/$3")"
	else
		curl -s -o "$T_DIR/out" -w '%{http_code}' -X "$2" \
			-H "Authorization: Bearer $1" -d "$4" "$(U "/api/rooms/pommes/$3")"
	fi
	printf ' %s' "$(cat "$T_DIR/out")"
}
# What a refused request must leave alone.
snapshot() {
	for t in rooms consent user_rooms devices camera_presets quota_use; do
		echo "== $t"
		sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT * FROM $t ORDER BY 1, 2"
	done
}

printf '%s\n' "$ROUTES" | grep . >"$T_DIR/routes"
while read -r method sub who body; do
	before=$(snapshot)
	r1=$(call "$ALICE" "$method" "$sub" "$body")
	r2=$(call "$TOM" "$method" "$sub" "$body")
	[ "$r1" = "$forbidden" ]
	ok $? "$method $sub by a parent of the room: $r1"
	[ "$r2" = "$r1" ]
	ok $? "$method $sub by a teacher of another room: the same answer"
	if [ "$who" = director ]; then
		r3=$(call "$TINA" "$method" "$sub" "$body")
		[ "$r3" = "$r1" ]
		ok $? "$method $sub by the room's teacher (director only): the same answer"
	fi
	[ "$(snapshot)" = "$before" ]
	ok $? "$method $sub: nothing changed"
done <"$T_DIR/routes"

# The director of another room and an unknown room are refused alike.
r=$(call "$DAN" POST pause -)
[ "$r" = "$forbidden" ]
ok $? "the director of another room: the same 403"
r=$(curl -s -o "$T_DIR/out" -w '%{http_code}' -X GET -H "Authorization: Bearer $TINA" \
	"$(U /api/rooms/nosuch/consent)"; printf ' %s' "$(cat "$T_DIR/out")")
[ "$r" = "$forbidden" ]
ok $? "an unknown room: the same 403"
# A parent's own withdrawal is for their own rooms only.
r=$(curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $ALICE" \
	"$(U /api/rooms/poires/withdraw)"; printf ' %s' "$(cat "$T_DIR/out")")
[ "$r" = "$forbidden" ] && admin consent list poires | grep -q '^bob  *parent  *given '
ok $? "withdrawing in another family's room: the same 403, bob's consent intact"
done_testing
