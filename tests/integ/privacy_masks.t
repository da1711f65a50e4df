#!/bin/sh
# Privacy masks (issue 6), with the real capture agent, relay and
# lucarne-view: a still picture (mid-grey checkerboard) is streamed; the
# director draws a mask through the API and the decoded luma inside it
# (a few pixels away from its edges) is black while outside it matches
# the picture; masks changed live (lucarne-admin) take effect without a
# reconnection, and "none" brings the picture back; after a relay restart
# the camera gets its masks again; without the masks message the agent
# sends no frame at all (against a stand-in relay); only the room's
# director may read or set them, bad input is a 400 with a sentence, and
# each change is in the audit table.
. "$(dirname "$0")/lib.sh"
plan 22
t_tmpdir
stack_init
add_user dora director pommes
add_user tina teacher pommes
relay_start
U() { echo "http://127.0.0.1:$PORT$1"; }
M=$(U /api/rooms/pommes/masks)

# 320x240, 16-pixel squares of luma 100 and 140, neutral chroma; 10 frames
# of the same picture, looped by the agent at 15 fps.
python3 - "$T_DIR/still.y4m" <<'PY'
import sys
w, h = 320, 240
y = bytes(140 if ((x // 16 + r // 16) % 2) else 100 for r in range(h) for x in range(w))
uv = bytes([128]) * (w * h // 4)
with open(sys.argv[1], "wb") as f:
    f.write(b"YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg\n")
    for _ in range(10):
        f.write(b"FRAME\n" + y + uv + uv)
PY
capture_start --source "y4m:$T_DIR/still.y4m" --layers 1 --kbps 800
wait_for 15 camera_live || bail "stream never went live: $(tail -n 5 "$T_DIR/capture.log")"

# Regions measured by lucarne-view: 0 inside the mask drawn below (x 80-240,
# y 60-180) 8 pixels from its edges; 1 and 2 the middles of a 100 and a
# 140 square outside it; 3 inside the left half, 4 inside the right half
# (away from the first mask).
REG="88,68,144,104;20,20,8,8;36,20,8,8;20,100,40,40;260,100,40,40"
# measure: lucarne-view's regions as "mean0 max0 mean1 mean2 max3 max4",
# rounded.
measure() {
	view alice 2 --region "$REG" |
		jq -r '[.regions[0].mean, .regions[0].max, .regions[1].mean,
			.regions[2].mean, .regions[3].max, .regions[4].max] |
			map(if . == null then -1 else round end) | join(" ")'
}
# the picture is right outside the mask: squares 100 and 140 (± 12)
outside_ok() { [ "$3" -ge 88 ] && [ "$3" -le 112 ] && [ "$4" -ge 128 ] && [ "$4" -le 152 ]; }

set -- $(measure)
diag "no mask: $*"
[ "$1" -ge 100 ] && outside_ok "$@"
ok $? "without masks the middle is the picture (mean $1)"

DORA=$(bearer dora)
out=$(curl -s -H "Authorization: Bearer $DORA" "$M")
[ "$(jget "$out" '.masks|length')" = 0 ]
ok $? "GET: a new room has no mask ($out)"

# post TOKEN BODY: "STATUS BODY" of a POST to the masks of pommes.
post() {
	curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST \
		-H "Authorization: Bearer $1" -d "$2" "$M"
	printf ' %s' "$(cat "$T_DIR/out")"
}
n_sets=$(grep -c 'relay sets' "$T_DIR/capture.log")
out=$(post "$DORA" '{"masks":[{"x":0.25,"y":0.25,"w":0.5,"h":0.5}]}')
[ "${out%% *}" = 200 ] && [ "$(jget "${out#* }" '.masks[0]|"\(.x) \(.y) \(.w) \(.h)"')" = "0.25 0.25 0.5 0.5" ]
ok $? "POST: the director sets a mask ($out)"
more_sets() { [ "$(grep -c 'relay sets 1 privacy mask' "$T_DIR/capture.log")" -gt 0 ]; }
wait_for 5 more_sets
ok $? "the camera gets it at once, without reconnecting"
[ "$(grep -c 'connected to' "$T_DIR/capture.log")" = 1 ]
ok $? "(one connection so far)"

masked() {
	set -- $(measure)
	echo "$*" >"$T_DIR/last"
	[ "$1" -ge 0 ] && [ "$1" -le 24 ] && [ "$2" -le 40 ] && outside_ok "$@"
}
wait_for 15 masked
ok $? "decoded luma inside the mask is black, outside is the picture ($(cat "$T_DIR/last"))"
out=$(curl -s -H "Authorization: Bearer $DORA" "$M")
[ "$(jget "$out" '.masks|length')" = 1 ] && [ "$(jget "$out" '.masks[0].w')" = 0.5 ]
ok $? "GET returns the rectangle"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT masks FROM rooms WHERE name = 'pommes'")" = "0.25,0.25,0.5,0.5" ]
ok $? "stored in its canonical text form"
[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT actor || ' ' || detail FROM audit WHERE event = 'masks' AND room = 'pommes'")" = "dora 0.25,0.25,0.5,0.5" ]
ok $? "audit: a masks row with the director and the rectangles"

# Refusals: same 403 for a parent and a teacher; bad bodies change nothing.
out=$(post "$(bearer alice)" '{"masks":[]}')
[ "${out%% *}" = 403 ]
ok $? "a parent may not set masks (${out%% *})"
out=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(bearer tina)" "$M")
[ "$out" = 403 ]
ok $? "a teacher may not read them ($out)"
out=$(post "$DORA" '{"masks":[{"x":0.6,"y":0,"w":0.5,"h":0.5}]}')
[ "${out%% *}" = 400 ] && jget "${out#* }" .message | grep -q 'mask 1: it goes past the picture'
ok $? "a mask past the edge: 400 with a sentence ($out)"
nine=$(python3 -c 'import json; print(json.dumps({"masks": [{"x": 0, "y": 0, "w": 1, "h": 1}] * 9}))')
out=$(post "$DORA" "$nine")
[ "${out%% *}" = 400 ] && jget "${out#* }" .message | grep -q 'at most 8'
ok $? "nine masks: 400 ($out)"
out=$(post "$DORA" '{"masks":[{"x":"a","y":0,"w":1,"h":1}]}')
[ "${out%% *}" = 400 ]
ok $? "a text coordinate: 400 ($out)"
[ "$(audit_count masks pommes)" = 1 ] &&
	[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT masks FROM rooms WHERE name = 'pommes'")" = "0.25,0.25,0.5,0.5" ]
ok $? "refusals changed nothing and left no audit row"

# Live change from lucarne-admin: the left half only.
admin room set pommes --masks '0,0,0.5,1' >/dev/null
ok $? "lucarne-admin room set --masks"
left_only() {
	set -- $(measure)
	echo "$*" >"$T_DIR/last"
	[ "$5" -ge 0 ] && [ "$5" -le 40 ] && [ "$6" -ge 100 ]
}
wait_for 15 left_only
ok $? "the new masks apply live: left half black, right half the picture ($(cat "$T_DIR/last"))"
admin room list | grep -q 'masks=0,0,0.5,1'
ok $? "room list shows them"

# A relay restart: the camera reconnects and is given its masks again.
kill "$RELAY_PID"
wait "$RELAY_PID" 2>/dev/null
n_sets=$(grep -c 'relay sets' "$T_DIR/capture.log")
relay_start
sets_again() { [ "$(grep -c 'relay sets 1 privacy mask' "$T_DIR/capture.log")" -ge 3 ]; }
wait_for 15 sets_again
ok $? "after a relay restart the masks are sent again"
wait_for 15 left_only
ok $? "and still applied ($(cat "$T_DIR/last"))"

admin room set pommes --masks none >/dev/null
clear() { set -- $(measure); [ "$1" -ge 100 ] && [ "$5" -ge 100 ]; }
wait_for 15 clear
ok $? "--masks none: the whole picture again"

# Fail closed, against a stand-in relay that never sends "masks" for 3 s.
FPORT=$(free_port)
spawn fake python3 "$(dirname "$0")/fake_relay.py" "$FPORT" pommes 3 2
FAKE=$SPAWNED
wait_for 5 grep -q listening "$T_DIR/fake.log"
spawn capture2 "$BIN/lucarne-capture" --relay "ws://127.0.0.1:$FPORT" \
	--token-file "$T_DIR/cam.token" --source testpattern --size 320x240 --fps 30
wait "$FAKE"
out=$(tail -n 1 "$T_DIR/fake.log")
[ "$(jget "$out" .publish)" = true ] && [ "$(jget "$out" .binary_before)" = 0 ] &&
	[ "$(jget "$out" .binary_after)" -gt 0 ]
ok $? "no frame before the masks message, frames after it ($out)"
done_testing
