#!/bin/sh
# The stream never reaches the disk (PRIVACY.md: nothing is recorded):
# after a camera has streamed some 1.5 MB through the relay to a viewer,
# the data folder holds the same files as when the relay started (the
# database, its -wal and -shm, nothing else), has grown by far less than
# the stream, and no file in it holds the stream's bytes (the camera sends
# a recognisable payload, grepped for). The same after the relay stops.
. "$(dirname "$0")/lib.sh"
plan 8
t_tmpdir
stack_init
relay_start
WS="ws://127.0.0.1:$PORT/ws"
D="$T_DIR/data"
# files: the data folder's entries, relative, sorted, on one line.
files() { (cd "$D" && find . -mindepth 1 | sort | tr '\n' ' '); }
# size: bytes of all its files.
size() { find "$D" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
# canary_files: files of the data folder that hold the payload pattern.
canary_files() { grep -rlaF -- "$PAT" "$D"; }
PAT='lucarne-canary-Q7xZ3v-not-for-disk|'

ALICE=$(bearer alice)
start=$(files)
start_size=$(size)
only_db=0
for f in $start; do
	case $f in
	# docs/admin.md, "Files": the database, the relay's lock (its
	# pid) and the secret of known-device login cookies.
	./lucarne.db | ./lucarne.db-wal | ./lucarne.db-shm) ;;
	./lucarne.lock | ./device-cookie.key) ;;
	*) only_db=1 ;;
	esac
done
ok $only_db "at start the data folder holds only the database, the lock and the cookie key ($start)"

# The viewer is there first: it sees the camera's first keyframe and
# every frame after it; it ends after 120 of the camera's 150 frames.
spawn v "$BIN/tests/wsprobe" --url "$WS" --token "$ALICE" \
	--subscribe pommes --count 120 --seconds 30 --trace "$T_DIR/v.trace"
V=$SPAWNED
wait_for 5 traced "$T_DIR/v.trace" '.type == "state"' || bail "viewer not subscribed"
spawn cam "$BIN/tests/wsprobe" --url "$WS" --token "$(cat "$T_DIR/cam.token")" \
	--publish pommes --fps 30 --gop 30 --size 12000 --frames 150 \
	--seconds 30 --pattern "$PAT"
CAM=$SPAWNED
wait "$V"
out=$(cat "$T_DIR/v.log")
bytes=$(jget "$out" .binary_bytes)
diag "viewer: $out"
[ "$bytes" -ge 1200000 ]
ok $? "the stream went through the relay ($bytes bytes to the viewer)"
# The relay counted every frame the camera sent before we look at disk.
wait_for 5 sh -c "[ \$(curl -s 'http://127.0.0.1:$PORT/metrics' | awk '\$1 == \"lucarne_frames_in_total{room=\\\"pommes\\\"}\" { print \$2 }') -ge 150 ]"
ok $? "the relay received the camera's 150 frames"
kill "$CAM" # it sent them all: its connection is idle now

now=$(files)
[ "$now" = "$start" ]
ok $? "after streaming: the same files as at start ($now)"
grown=$(($(size) - start_size))
diag "data folder: $start_size bytes at start, grown by $grown"
[ "$grown" -lt $((bytes / 10)) ]
ok $? "it grew by far less than the stream ($grown < $bytes / 10 bytes)"
found=$(canary_files)
[ -z "$found" ]
ok $? "no file holds the stream's bytes (${found:-none})"

kill "$RELAY_PID"
wait "$RELAY_PID"
extra=0
for f in $(files); do
	case " $start " in *" $f "*) ;; *) extra=1 ;; esac
done
ok $extra "after the relay stops: no file that was not there at start ($(files))"
found=$(canary_files)
[ -z "$found" ]
ok $? "and still none holds the stream's bytes (${found:-none})"
done_testing
