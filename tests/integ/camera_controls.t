#!/bin/sh
# Camera controls and presets (issue 6), with the real capture agent's
# test pattern, whose brightness and contrast are real controls: the
# relay lists them with their ranges; a teacher of the room changes the
# brightness and the decoded picture really gets brighter; values out of
# range, unknown controls and wrong types are refused with the control
# and its range named, and nothing is sent; parents and staff of other
# rooms get the same 403; the director saves, and the staff recall,
# presets; the director alone moves the camera (pan, tilt, zoom, with a
# synthetic camera) unless they let the room's teachers do it (the room's
# teacher_ptz setting, off by default, also in lucarne-admin); offline
# cameras give 409; each action is audited.
. "$(dirname "$0")/lib.sh"
plan 44
t_tmpdir
stack_init
add_user dora director pommes
add_user tina teacher pommes
add_user tom teacher poires
relay_start
capture_start --fps 15
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"
U() { echo "http://127.0.0.1:$PORT/api/rooms/$1"; }
DORA=$(bearer dora)
TINA=$(bearer tina)
TOM=$(bearer tom)
ALICE=$(bearer alice)
C=$(U pommes/camera)
# get TOKEN [URL]: the camera of pommes as TOKEN sees it.
get() { curl -s -H "Authorization: Bearer $1" "${2:-$C}"; }
# post TOKEN URL [BODY]: "STATUS BODY".
post() {
	curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST \
		-H "Authorization: Bearer $1" ${3:+-d "$3"} "$2"
	printf ' %s' "$(cat "$T_DIR/out")"
}
# value NAME: the current value of control NAME, as the director reads it.
value() { jget "$(get "$DORA")" ".controls[] | select(.name == \"$1\") | .value"; }
is_value() { [ "$(value "$1")" = "$2" ]; }
# luma: mean luma of the pattern's lower band (below the bouncing box and
# the burned-in clock) in a picture a parent decodes.
luma() { jget "$(view alice 2 --region 0,184,320,48)" '.regions[0].mean // empty | floor'; }

online() { [ "$(jget "$(get "$TINA")" .online)" = true ]; }
wait_for 10 online
out=$(get "$TINA")
[ "$(jget "$out" '[.controls[] | "\(.name) \(.kind) \(.min) \(.max) \(.step) \(.default) \(.value)"] | join(",")')" = \
	"brightness int 0 255 1 128 128,contrast int 0 255 1 128 128" ]
ok $? "a teacher reads the camera's controls with their ranges"

l0=$(luma)
out=$(post "$TINA" "$C" '{"values":{"brightness":200}}')
[ "${out%% *}" = 202 ] && [ "$(jget "${out#* }" .sent.brightness)" = 200 ]
ok $? "a teacher sets brightness 200: 202, sent ($out)"
wait_for 5 is_value brightness 200
ok $? "the camera reports brightness 200 back"
bright() { l1=$(luma); [ "${l1:-0}" -gt $((l0 + 40)) ]; }
wait_for 10 bright
ok $? "the decoded picture is brighter (luma $l0 -> $l1)"

out=$(post "$TINA" "$C" '{"values":{"brightness":300}}')
[ "${out%% *}" = 400 ] &&
	[ "$(jget "${out#* }" .message)" = "brightness: 300 is not accepted (0 to 255)" ]
ok $? "out of range: 400 naming the control and its range ($out)"
out=$(post "$TINA" "$C" '{"values":{"contrast":100,"zoom":120}}')
[ "${out%% *}" = 400 ] &&
	[ "$(jget "${out#* }" .message)" = "zoom: this camera has no such control" ]
ok $? "unknown control: 400 naming it ($out)"
out=$(post "$TINA" "$C" '{"values":{"brightness":"150"}}')
[ "${out%% *}" = 400 ] && [ "$(jget "${out#* }" .message)" = "brightness: not a whole number" ]
ok $? "wrong type: 400 ($out)"
out=$(post "$TINA" "$C" '{"brightness":150}')
[ "${out%% *}" = 400 ]
ok $? "a body without values: 400 ($out)"
[ "$(value contrast)" = 128 ] && [ "$(value brightness)" = 200 ] &&
	[ "$(audit_count camera pommes)" = 1 ]
ok $? "nothing of a refused change was sent or audited"

gate_403() { [ "${1%% *}" = 403 ] && [ "$(jget "${1#* }" .message)" = "not allowed" ]; }
out=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ALICE" "$C")
[ "$out" = 403 ]
ok $? "a parent of the room cannot read the camera ($out)"
gate_403 "$(post "$ALICE" "$C" '{"values":{"brightness":10}}')"
ok $? "nor change it"
gate_403 "$(post "$TOM" "$C" '{"values":{"brightness":10}}')"
ok $? "a teacher of another room gets the same 403"
gate_403 "$(post "$TOM" "$(U nosuch/camera)" '{"values":{"brightness":10}}')"
ok $? "as for a room that does not exist"
is_value brightness 200
ok $? "brightness unchanged by the refused requests"

# Presets: the director saves, the staff recall, the director deletes.
out=$(post "$DORA" "$C/presets/clair")
[ "${out%% *}" = 200 ] && [ "$(printf '%s' "${out#* }" | jq -c .values)" = '{"brightness":200,"contrast":128}' ]
ok $? "the director saves preset clair ($out)"
gate_403 "$(post "$TINA" "$C/presets/sombre")"
ok $? "a teacher cannot save a preset"
post "$TINA" "$C" '{"values":{"brightness":60}}' >/dev/null
wait_for 5 is_value brightness 60
ok $? "a teacher darkens the picture"
out=$(post "$TINA" "$C/presets/clair/recall")
[ "${out%% *}" = 202 ] && [ "$(jget "${out#* }" .sent.brightness)" = 200 ]
ok $? "a teacher recalls preset clair ($out)"
wait_for 5 is_value brightness 200
ok $? "the camera is back at brightness 200"
[ "$(jget "$(get "$TINA")" '.presets[0].name + " " + (.presets[0].values.brightness|tostring)')" = "clair 200" ]
ok $? "the preset is listed with its values"
sqlite3 "$T_DIR/data/lucarne.db" "INSERT INTO camera_presets SELECT id, 'fou', '{\"brightness\":999}' FROM rooms WHERE name = 'pommes'"
out=$(post "$TINA" "$C/presets/fou/recall")
[ "${out%% *}" = 400 ] &&
	[ "$(jget "${out#* }" .message)" = "preset fou: brightness: 999 is not accepted (0 to 255)" ]
ok $? "a preset outside the camera's range is refused clearly ($out)"
out=$(post "$TINA" "$C/presets/clair/delete")
gate_403 "$out"
ok $? "a teacher cannot delete a preset"
out=$(post "$DORA" "$C/presets/clair/delete")
[ "${out%% *}" = 200 ]
ok $? "the director deletes it ($out)"
out=$(post "$TINA" "$C/presets/clair/recall")
[ "${out%% *}" = 404 ]
ok $? "a deleted preset is gone ($out)"

sql() { sqlite3 -readonly "$T_DIR/data/lucarne.db" "$1"; }
[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'camera' ORDER BY id")" = "tina brightness=200
tina brightness=60" ] &&
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'camera_preset_save'")" = "dora preset=clair brightness=200 contrast=128" ] &&
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'camera_preset_recall'")" = "tina preset=clair brightness=200 contrast=128" ] &&
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'camera_preset_delete'")" = "dora preset=clair" ] &&
	[ "$(sql "SELECT count(*) FROM audit WHERE event LIKE 'camera%' AND (room <> 'pommes' OR addr IS NULL)")" = 0 ]
ok $? "one audit row per change: who, room, address, values"

# The camera goes away: no controls, changes refused with 409.
kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
offline() { [ "$(jget "$(get "$TINA")" '"\(.online) \(.controls|length)"')" = "false 0" ]; }
wait_for 5 offline
ok $? "camera gone: online false, no controls kept"
out=$(post "$TINA" "$C" '{"values":{"brightness":100}}')
[ "${out%% *}" = 409 ]
ok $? "a change while offline: 409 ($out)"
out=$(post "$DORA" "$C/presets/x")
[ "${out%% *}" = 409 ]
ok $? "saving a preset while offline: 409"

# The agent comes back (restarted, so at the driver's defaults): the relay
# sets the staff's last values again.
capture_start --fps 15
wait_for 10 is_value brightness 200
ok $? "a restarted agent gets the staff's last brightness back (200)"
kill "$CAPTURE_PID"
wait "$CAPTURE_PID" 2>/dev/null
wait_for 5 offline || bail "the camera did not leave"

# A camera that can move (a synthetic publisher with pan and zoom): the
# director alone sets them; a teacher still sets the picture.
CTLS='{"type":"controls","controls":[{"name":"brightness","label":"Brightness","kind":"int","min":0,"max":255,"step":1,"default":128,"value":128},{"name":"zoom","label":"Zoom, Absolute","kind":"int","min":100,"max":500,"step":10,"default":100,"value":100},{"name":"pan","label":"Pan, Absolute","kind":"int","min":-36000,"max":36000,"step":3600,"default":0,"value":0}]}'
spawn probe "$BIN/tests/wsprobe" --url "ws://127.0.0.1:$PORT/ws" \
	--token "$(cat "$T_DIR/cam.token")" --publish pommes --send "$CTLS" \
	--seconds 40 --trace "$T_DIR/probe.trace"
wait_for 5 online
wait_for 5 traced "$T_DIR/probe.trace" '.type == "set_controls" and .values.brightness == 200 and (.values | length) == 1'
ok $? "another camera gets the staff's last values its list accepts (brightness 200)"
has_zoom() { [ "$(jget "$(get "$TINA")" '.controls[] | select(.name == "zoom") | .director_only')" = true ]; }
wait_for 5 has_zoom && [ "$(jget "$(get "$TINA")" .teacher_ptz)" = false ]
ok $? "a camera with zoom and pan: listed as the director's (teacher_ptz false)"
out=$(post "$TINA" "$C" '{"values":{"zoom":200}}')
[ "${out%% *}" = 403 ] &&
	[ "$(jget "${out#* }" .message)" = "zoom: the director has not allowed teachers to move or zoom the camera in this room" ]
ok $? "a teacher cannot zoom by default ($out)"
out=$(post "$DORA" "$C" '{"values":{"zoom":200,"pan":-3600}}')
[ "${out%% *}" = 202 ]
ok $? "the director can ($out)"
wait_for 5 traced "$T_DIR/probe.trace" '.type == "set_controls" and .values.zoom == 200 and .values.pan == -3600'
ok $? "the camera receives set_controls with the values"
out=$(post "$DORA" "$C" '{"values":{"zoom":205}}')
[ "${out%% *}" = 400 ] &&
	[ "$(jget "${out#* }" .message)" = "zoom: 205 is not accepted (100 to 500 in steps of 10)" ]
ok $? "off-step: 400 with the step ($out)"

# The director lets the room's teachers move the camera, then an
# administrator takes it back.
out=$(post "$TINA" "$(U pommes/settings)" '{"teacher_ptz":true}')
[ "${out%% *}" = 403 ]
ok $? "a teacher cannot change the setting ($out)"
out=$(post "$DORA" "$(U pommes/settings)" '{"teacher_ptz":"yes"}')
[ "${out%% *}" = 400 ] && [ "$(jget "${out#* }" .message)" = "teacher_ptz: true or false" ]
ok $? "teacher_ptz must be true or false ($out)"
out=$(post "$DORA" "$(U pommes/settings)" '{"teacher_ptz":true}')
[ "${out%% *}" = 200 ] && [ "$(jget "${out#* }" .teacher_ptz)" = true ] &&
	[ "$(jget "$(get "$DORA" "$(U pommes/settings)")" .teacher_ptz)" = true ]
ok $? "the director allows teachers to move the camera ($out)"
out=$(get "$TINA")
[ "$(jget "$out" .teacher_ptz)" = true ] &&
	[ "$(jget "$out" '[.controls[] | select(.director_only)] | length')" = 0 ]
ok $? "the teacher's page no longer greys out pan and zoom"
out=$(post "$TINA" "$C" '{"values":{"zoom":300,"pan":3600}}')
[ "${out%% *}" = 202 ] &&
	wait_for 5 traced "$T_DIR/probe.trace" '.type == "set_controls" and .values.zoom == 300 and .values.pan == 3600'
ok $? "the teacher zooms and pans: the camera receives it ($out)"
out=$(post "$TOM" "$C" '{"values":{"zoom":200}}')
[ "${out%% *}" = 403 ] && [ "$(jget "${out#* }" .message)" = "$(jget "$(post "$ALICE" "$C" '{"values":{"zoom":200}}' | cut -d' ' -f2-)" .message)" ]
ok $? "a teacher of another room still gets the same 403 as a parent"
admin room set pommes --teacher-ptz off >/dev/null &&
	admin room list | grep -q '^pommes .* teacher-ptz=off'
ok $? "lucarne-admin room set --teacher-ptz off, shown in room list"
out=$(post "$TINA" "$C" '{"values":{"zoom":200}}')
[ "${out%% *}" = 403 ] && [ "$(jget "$(get "$TINA")" .teacher_ptz)" = false ]
ok $? "the teacher is refused again at once ($out)"
[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'settings' AND room = 'pommes'")" = "dora teacher-ptz=on" ] &&
	[ "$(sql "SELECT detail FROM audit WHERE event = 'admin' AND room = 'pommes' ORDER BY id DESC LIMIT 1")" = "room set teacher-ptz=off" ] &&
	[ "$(sql "SELECT actor || ' ' || detail FROM audit WHERE event = 'camera' ORDER BY id DESC LIMIT 1")" = "tina zoom=300 pan=3600" ]
ok $? "audited: the setting, the admin's change, the teacher's move"
done_testing
