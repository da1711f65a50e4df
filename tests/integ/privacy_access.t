#!/bin/sh
# Who may pause (issue 5): POST /api/rooms/ROOM/pause and /resume are for
# a teacher or director linked to the room. A parent, a teacher of
# another room, an unknown room: the same 403 each time. Cookie requests
# need an allowed Origin. The camera is told at once (and a camera that
# connects during the pause right after hello); viewers see paused then
# live; both actions are in the audit table with who did them.
. "$(dirname "$0")/lib.sh"
plan 17
t_tmpdir
stack_init
add_user teacher1 teacher pommes && add_user teacher2 teacher poires &&
	add_user director1 director pommes || bail "cannot add staff"
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
CAM=$(cat "$T_DIR/cam.token")
spawn cam "$BIN/tests/wsprobe" --url "$WS" --token "$CAM" --publish pommes \
	--fps 30 --gop 30 --seconds 60 --trace "$T_DIR/cam.trace"
post() { # post TOKEN PATH: "STATUS BODY"
	curl -s -o "$T_DIR/body" -w '%{http_code}' -X POST \
		${1:+-H "Authorization: Bearer $1"} "$U$2"
	printf ' %s' "$(cat "$T_DIR/body")"
}
ALICE=$(bearer alice)
T1=$(bearer teacher1)
T2=$(bearer teacher2)
D1=$(bearer director1)

forbidden='403 {"error":"forbidden","message":"not allowed"}'
r=$(post "$ALICE" /api/rooms/pommes/pause)
[ "$r" = "$forbidden" ]
ok $? "a parent of the room: $r"
r=$(post "$T2" /api/rooms/pommes/pause)
[ "$r" = "$forbidden" ]
ok $? "a teacher of another room: the same 403"
r=$(post "$T1" /api/rooms/nosuch/pause)
[ "$r" = "$forbidden" ]
ok $? "an unknown room: the same 403"
r=$(post "$T1" /api/rooms/poires/resume)
[ "$r" = "$forbidden" ]
ok $? "resume of another room: the same 403"
r=$(post "" /api/rooms/pommes/pause)
[ "${r%% *}" = 401 ]
ok $? "no credential: 401"
r=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T1" "$U/api/rooms/pommes/pause")
[ "$r" = 405 ]
ok $? "GET: 405"
admin room list | grep -q '^pommes .* paused'
ok $([ $? -ne 0 ]; echo $?) "nothing was paused by the refused requests"

# A cookie from a foreign page is refused; from the relay's own origin
# it works.
curl -s -c "$T_DIR/jar" -o /dev/null -X POST -H "Content-Type: application/json" \
	-d "{\"user\":\"teacher1\",\"password\":\"$(cat "$T_DIR/teacher1.pw")\"}" "$U/api/login"
r=$(curl -s -o /dev/null -w '%{http_code}' -b "$T_DIR/jar" -X POST \
	-H 'Origin: http://evil.example' "$U/api/rooms/pommes/pause")
[ "$r" = 403 ]
ok $? "cookie with a foreign Origin: 403"

spawn v1 "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" \
	--subscribe pommes --seconds 30 --trace "$T_DIR/v1.trace"
wait_for 5 traced "$T_DIR/v1.trace" '.state == "live"'
ok $? "a parent watches live"
r=$(curl -s -w ' %{http_code}' -b "$T_DIR/jar" -X POST -H "Origin: $U" "$U/api/rooms/pommes/pause")
[ "$r" = '{"room":"pommes","paused":true} 200' ]
ok $? "the room's teacher pauses (cookie, own origin): $r"
wait_for 2 traced "$T_DIR/cam.trace" '.type == "pause" and .paused == true'
ok $? "the camera is told to pause"
wait_for 2 traced "$T_DIR/v1.trace" '.state == "paused" and .reason == "teacher"'
ok $? "the viewer sees paused, reason teacher"
spawn cam2 "$BIN/tests/wsprobe" --url "$WS" --token "$CAM" --publish pommes \
	--fps 30 --gop 30 --seconds 5 --trace "$T_DIR/cam2.trace"
wait_for 5 traced "$T_DIR/cam2.trace" '.type == "pause" and .paused == true'
ok $? "a camera that connects during the pause is paused after hello"

r=$(post "$D1" /api/rooms/pommes/resume)
[ "$r" = '200 {"room":"pommes","paused":false}' ]
ok $? "the room's director resumes: $r"
wait_for 5 traced "$T_DIR/cam2.trace" '.type == "pause" and .paused == false'
ok $? "the camera is told to resume"

[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'pause' AND actor = 'teacher1' AND room = 'pommes'")" = 1 ]
ok $? "audit: pause by teacher1"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*) FROM audit WHERE event = 'resume' AND actor = 'director1' AND room = 'pommes'")" = 1 ]
ok $? "audit: resume by director1"
done_testing
