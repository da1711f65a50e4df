# Shared helpers for the shell integration tests (sourced, TAP output).
#
#   . "$(dirname "$0")/lib.sh"
#   plan 3; t_tmpdir; port=$(free_port); ...; ok "$cond" "name"
#
# Every process started with spawn is killed at exit, also when the test
# fails or is interrupted, and the temp dir is removed.

set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LUCARNE_BIN:-$TOP/build}
T_N=0
T_FAIL=0
T_PIDS=""
T_DIR=""

plan() { echo "1..$1"; }

ok() { # ok CONDITION-EXIT-STATUS NAME...
	local st=$1
	shift
	T_N=$((T_N + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $T_N - $*"
	else
		echo "not ok $T_N - $*"
		T_FAIL=$((T_FAIL + 1))
	fi
}

check() { # check NAME -- COMMAND...: ok if the command succeeds
	local name=$1
	shift
	[ "$1" = "--" ] && shift
	if "$@" >/dev/null 2>&1; then ok 0 "$name"; else ok 1 "$name"; fi
}

skip() { T_N=$((T_N + 1)); echo "ok $T_N # skip $*"; }
# todo CONDITION-EXIT-STATUS NAME REASON: a test of a known bug (TAP TODO):
# reported either way, not counted as a failure of the script.
todo() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2 # TODO $3"
	else
		echo "not ok $T_N - $2 # TODO $3"
	fi
}
diag() { echo "# $*"; }
bail() { echo "Bail out! $*"; exit 1; }

t_cleanup() {
	for p in $T_PIDS; do kill "$p" 2>/dev/null; done
	for p in $T_PIDS; do wait "$p" 2>/dev/null; done
	[ -n "$T_DIR" ] && [ -z "${KEEP:-}" ] && rm -rf "$T_DIR"
	return 0
}
trap 't_cleanup' EXIT
trap 'exit 130' INT TERM

# t_tmpdir: the test's own temp dir, under $TMPDIR (default /tmp).
t_tmpdir() { T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/lucarne-test.XXXXXX"); }

# spawn LOGNAME CMD...: run in the background, log to $T_DIR/LOGNAME.log;
# the pid is in $SPAWNED.
spawn() {
	local log=$1
	shift
	"$@" >"$T_DIR/$log.log" 2>&1 &
	SPAWNED=$!
	T_PIDS="$T_PIDS $SPAWNED"
}

# free_port: a TCP port nobody listens on now (the kernel picks it).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for SECONDS CMD...: poll CMD every 50 ms until it succeeds.
wait_for() {
	local deadline=$(($(date +%s%N) / 1000000 + $1 * 1000))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ $(($(date +%s%N) / 1000000)) -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

# Polling above waits on an observable event (a port that answers, a log
# line), not for a fixed time.
http_up() { curl -sf -o /dev/null "http://127.0.0.1:$1/healthz"; }

done_testing() {
	[ "$T_FAIL" -eq 0 ]
}

# ---- a whole stack: relay, rooms, accounts, a camera -------------------
# stack_init: data dir with rooms "pommes" and "poires" (broadcasting,
# consent complete), parents alice (pommes) and bob (poires) with their
# consent recorded as given, camera
# cam-pommes (token in $T_DIR/cam.token), passwords in $T_DIR/NAME.pw.
admin() { "$BIN/lucarne-admin" --data "$T_DIR/data" "$@"; }

stack_init() {
	mkdir -p "$T_DIR/data"
	for r in pommes poires; do
		admin room add "$r" >/dev/null &&
			admin room set "$r" --broadcast on --consent complete \
				>/dev/null || bail "cannot create room $r"
	done
	for u in alice:pommes bob:poires; do
		printf 'pw-%s-correct-horse\n' "${u%%:*}" >"$T_DIR/${u%%:*}.pw"
		admin user add "${u%%:*}" --role parent --room "${u#*:}" \
			<"$T_DIR/${u%%:*}.pw" >/dev/null || bail "cannot add ${u%%:*}"
		# A parent watches only with their authorization recorded.
		admin consent set "${u#*:}" "${u%%:*}" given >/dev/null ||
			bail "cannot record the consent of ${u%%:*}"
	done
	admin device add cam-pommes --kind camera --room pommes |
		grep -o 'lcd_[A-Za-z0-9_-]*' >"$T_DIR/cam.token"
	[ -s "$T_DIR/cam.token" ] || bail "no camera token"
}

# relay_start [OPTIONS...]: start the relay on $PORT (picked if unset),
# wait until /healthz answers. Sets RELAY_PID.
relay_start() {
	PORT=${PORT:-$(free_port)}
	spawn relay "$BIN/lucarne-relay" --data "$T_DIR/data" \
		--listen "127.0.0.1:$PORT" "$@"
	RELAY_PID=$SPAWNED
	wait_for 10 http_up "$PORT" || bail "relay did not start: $(tail -n 5 "$T_DIR/relay.log")"
}

# capture_start [OPTIONS...]: the test pattern into room pommes.
capture_start() {
	spawn capture "$BIN/lucarne-capture" --relay "ws://127.0.0.1:$PORT" \
		--token-file "$T_DIR/cam.token" --source testpattern \
		--size 320x240 --fps 30 --kbps 400 "$@"
	CAPTURE_PID=$SPAWNED
}

# view USER SECONDS [OPTIONS...]: lucarne-view as USER on room pommes,
# JSON on stdout, exit status kept.
view() {
	local u=$1 s=$2
	shift 2
	"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user "$u" \
		--password-file "$T_DIR/$u.pw" --room pommes --seconds "$s" \
		--json "$@"
}

# jget JSON EXPR: one value with jq (prints "null" if absent).
jget() { printf '%s' "$1" | jq -r "$2" 2>/dev/null; }

# metric NAME: sum of a Prometheus metric (all label sets) from the relay.
metric() {
	curl -sf "http://127.0.0.1:$PORT/metrics" |
		awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $2 } END { print s + 0 }'
}

# camera_live: the relay reports room pommes live to alice.
camera_live() {
	view alice 1 2>/dev/null | jq -e '.frames > 0' >/dev/null
}

# ---- privacy helpers (issue 5) -------------------------------------------
# bearer USER: a session token for USER (a new login, so a new session).
bearer() {
	curl -s -X POST -H "Content-Type: application/json" -d "{\"user\":\"$1\",\"password\":\"$(cat "$T_DIR/$1.pw")\",\"bearer\":true}" \
		"http://127.0.0.1:$PORT/api/login" | jq -r .token
}

# add_user NAME ROLE ROOM: an account with a password in $T_DIR/NAME.pw.
add_user() {
	printf 'pw-%s-correct-horse\n' "$1" >"$T_DIR/$1.pw"
	admin user add "$1" --role "$2" --room "$3" <"$T_DIR/$1.pw" >/dev/null
}

# fake_time SECONDS: set the relay's civil clock (LUCARNE_FAKE_TIME_FILE,
# exported here so that relay_start passes it on).
fake_time() {
	export LUCARNE_FAKE_TIME_FILE="$T_DIR/fake_time"
	echo "$1" >"$T_DIR/fake_time.new" && mv "$T_DIR/fake_time.new" "$T_DIR/fake_time"
}

# paris DATE: Unix seconds of a Europe/Paris local date ("2026-11-25 09:00").
paris() { TZ=Europe/Paris date -d "$1" +%s; }

# audit_count EVENT [ROOM]: rows of EVENT in the audit table (read-only).
audit_count() {
	sqlite3 -readonly "$T_DIR/data/lucarne.db" \
		"SELECT count(*) FROM audit WHERE event = '$1'${2:+ AND room = '$2'}"
}

# traced FILE JQ: the control messages in FILE (wsprobe --trace) include
# one for which the jq filter JQ is true.
traced() { [ -f "$1" ] && jq -e -s "any(.[]; $2)" "$1" >/dev/null 2>&1; }

# consent_unlinked ROOM USER: record USER's consent as given in ROOM's
# register although USER is not linked to ROOM (written with sqlite3, as
# another program could: lucarne-admin refuses it). A refusal to watch
# ROOM is then the link's doing, never the consent check's.
consent_unlinked() {
	sqlite3 "$T_DIR/data/lucarne.db" "INSERT INTO consent
		(room_id, user_id, status, recorded_by, ts)
		SELECT rooms.id, users.id, 'given', 'test', strftime('%s', 'now')
		FROM rooms, users WHERE rooms.name = '$1' AND users.name = '$2'" &&
		[ "$(sqlite3 -readonly "$T_DIR/data/lucarne.db" "SELECT count(*)
			FROM consent JOIN rooms ON rooms.id = room_id
			JOIN users ON users.id = user_id
			WHERE rooms.name = '$1' AND users.name = '$2'")" = 1 ]
}

# ws_bg NAME ARGS...: a wsprobe on $WS in the background, its JSON line
# in $T_DIR/NAME.log. ws_wait NAME: wait for it (in this shell, not a
# subshell: wait needs it) and put that line in $out.
ws_bg() {
	local n=$1
	shift
	spawn "$n" "$BIN/tests/wsprobe" --url "$WS" "$@"
	eval "PID_$n=\$SPAWNED"
}
ws_wait() { eval "wait \$PID_$1"; out=$(cat "$T_DIR/$1.log"); }
