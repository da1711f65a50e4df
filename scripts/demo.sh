#!/bin/sh
# make demo: a relay with one room, one parent and one camera on this
# machine. Uses the first /dev/video* if there is one, else the test
# pattern. Ctrl-C stops everything.
set -eu
cd "$(dirname "$0")/.."
B=${LUCARNE_BIN:-$PWD/build}
DATA=${DEMO_DATA:-$PWD/build/demo}
HOST=${DEMO_HOST:-127.0.0.1}
PORT=${DEMO_PORT:-8080}
ROOM=pommes
PARENT=parent

admin() { "$B/lucarne-admin" --data "$DATA" "$@"; }

mkdir -p "$DATA"
if [ ! -f "$DATA/demo-password" ]; then
	# A fresh, random demo password: the product has no default account.
	head -c 9 /dev/urandom | base64 | tr '+/' 'xy' >"$DATA/demo-password"
	chmod 600 "$DATA/demo-password"
	admin room add "$ROOM" --title "Les Pommes (petite section)" >/dev/null
	admin room set "$ROOM" --broadcast on --consent complete >/dev/null
	admin user add "$PARENT" --role parent --room "$ROOM" \
		<"$DATA/demo-password" >/dev/null
	# The parent's authorization, as the director would record it: no
	# consent, no picture.
	admin consent set "$ROOM" "$PARENT" given >/dev/null
	admin device add camera-pommes --kind camera --room "$ROOM" |
		grep -o 'lcd_[A-Za-z0-9_-]*' >"$DATA/camera.token"
	chmod 600 "$DATA/camera.token"
fi
# A demo folder made before the consent register existed: record it too.
admin consent list "$ROOM" | grep -q "^$PARENT  *parent  *given " ||
	admin consent set "$ROOM" "$PARENT" given >/dev/null

SOURCE=testpattern
for dev in /dev/video*; do
	if [ -c "$dev" ]; then
		SOURCE="v4l2:$dev"
		break
	fi
done

pids=""
stop() {
	trap - INT TERM EXIT
	echo
	echo "demo: stopping"
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
	exit 0
}
trap stop INT TERM EXIT

"$B/lucarne-relay" --data "$DATA" --listen "$HOST:$PORT" &
pids="$pids $!"
i=0
until curl -sf -o /dev/null "http://$HOST:$PORT/healthz"; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "demo: the relay did not start (port $PORT busy? set DEMO_PORT)" >&2
		exit 1
	fi
	sleep 0.1
done
"$B/lucarne-capture" --relay "ws://$HOST:$PORT" \
	--token-file "$DATA/camera.token" --source "$SOURCE" \
	--size 640x480 --fps 30 --kbps 800 &
pids="$pids $!"

cat <<MSG

  Lucarne demo is running.

    Open:      http://localhost:$PORT/
    Log in:    $PARENT / $(cat "$DATA/demo-password")
    Camera:    $SOURCE → room "$ROOM"
    Data:      $DATA

  Press Ctrl-C to stop.

MSG
wait
