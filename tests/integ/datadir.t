#!/bin/sh
# The data folder has one owner: a second relay on the same --data folder
# refuses to start and says why, lucarne-admin still works beside the
# relay, lucarne.db and its -wal/-shm are the owner's only (0600), and the
# start-up failures each say what they are: address in use, a data path
# that is not a folder, a TLS file that cannot be read.
. "$(dirname "$0")/lib.sh"
plan 15
t_tmpdir
mkdir -p "$T_DIR/data"
relay_start
FIRST=$RELAY_PID
DB="$T_DIR/data/lucarne.db"

# relay ARGS...: run a relay in the foreground, its stderr in $err, exit
# status in $st (bounded: one that starts is stopped after 5 s).
relay() {
	err=$(timeout 5 "$BIN/lucarne-relay" --log-level error "$@" 2>&1 >/dev/null)
	st=$?
	msg=$(echo "$err" | tail -n 1) # the relay's own sentence, last
}

mode() { stat -c %a "$1" 2>/dev/null; }
[ "$(mode "$DB")" = 600 ]
ok $? "the relay creates lucarne.db 0600 ($(mode "$DB"))"
[ "$(mode "$DB-wal")" = 600 ] && [ "$(mode "$DB-shm")" = 600 ]
ok $? "and its -wal and -shm files 0600 ($(mode "$DB-wal"), $(mode "$DB-shm"))"

relay --data "$T_DIR/data" --listen "127.0.0.1:$(free_port)"
[ "$st" != 0 ] && [ "$st" != 124 ]
ok $? "a second relay on the same data folder does not start (status $st)"
echo "$err" | grep -q "in use by another lucarne-relay (pid $FIRST)"
ok $? "it names the relay that owns the folder: $msg"
kill -0 "$FIRST"
ok $? "the first relay runs on"

printf 'pw-carol-correct-horse\n' >"$T_DIR/carol.pw"
admin room add pommes >/dev/null &&
	admin user add carol --role parent --room pommes <"$T_DIR/carol.pw" >/dev/null
ok $? "lucarne-admin opens the database while the relay runs"
[ "$(curl -s -X POST -H 'Content-Type: application/json' -d "{\"user\":\"carol\",\"password\":\"pw-carol-correct-horse\"}" \
	-o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/login")" = 200 ]
ok $? "and the relay sees what it wrote (carol logs in)"

mkdir -p "$T_DIR/other"
relay --data "$T_DIR/other" --listen "127.0.0.1:$PORT"
[ "$st" = 1 ] && echo "$err" | grep -q "cannot listen on 127.0.0.1:$PORT: address in use" &&
	! echo "$err" | grep -qi certificate
ok $? "address in use: a message of its own ($msg)"

echo "not a folder" >"$T_DIR/file"
relay --data "$T_DIR/file" --listen "127.0.0.1:$(free_port)"
[ "$st" = 2 ] && echo "$err" | grep -q "\-\-data $T_DIR/file: not a folder"
ok $? "a data path that is a file: a message of its own ($msg)"
[ ! -e "$T_DIR/file-wal" ] && [ "$(cat "$T_DIR/file")" = "not a folder" ]
ok $? "and the file is left as it was"

relay --data "$T_DIR/other" --listen "127.0.0.1:$(free_port)" \
	--tls-cert "$T_DIR/none.pem" --tls-key "$T_DIR/none.key"
[ "$st" = 1 ] && echo "$err" | grep -q "\-\-tls-cert $T_DIR/none.pem: cannot read it"
ok $? "a certificate that cannot be read: a message of its own ($msg)"
echo "junk" >"$T_DIR/junk.pem"
relay --data "$T_DIR/other" --listen "127.0.0.1:$(free_port)" \
	--tls-cert "$T_DIR/junk.pem" --tls-key "$T_DIR/junk.pem"
[ "$st" = 1 ] && echo "$err" | grep -q "cannot start TLS with --tls-cert $T_DIR/junk.pem" &&
	! echo "$err" | grep -q "address in use"
ok $? "files that are not a certificate and key: said so ($msg)"

# The lock goes with the process, however it ends: no stale lock.
kill -9 "$FIRST"
wait "$FIRST" 2>/dev/null
PORT=
relay_start
ok $? "after the owner is killed (-9), a new relay takes the folder"
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "which stops cleanly"
relay_start
kill "$RELAY_PID"
wait "$RELAY_PID"
ok $? "and after a clean stop, the next starts"
done_testing
