#!/bin/sh
# Watching is for the rooms linked to the account, whatever its role
# (docs/admin.md, Roles and rights): an admin, a director, a teacher, a
# parent (with a consent recorded for the room, so that only the missing
# link refuses them), a trainer and a senior linked to another room each
# subscribe to the live room pommes and get the error forbidden, close
# 4403, no state and no media frame. The same roles linked to pommes
# watch it (so each refusal is the link's, not the role's).
. "$(dirname "$0")/lib.sh"
ROLES="admin director teacher parent trainer senior"
plan 13
t_tmpdir
stack_init
for role in $ROLES; do
	add_user "out-$role" "$role" poires && add_user "in-$role" "$role" pommes ||
		bail "cannot add the $role accounts"
done
admin consent set pommes in-parent given >/dev/null || bail "cannot record in-parent's consent"
consent_unlinked pommes out-parent || bail "cannot record out-parent's consent"
relay_start
U="http://127.0.0.1:$PORT"
WS="ws://127.0.0.1:$PORT/ws"
a() { case $1 in [aeiou]*) echo "an $1" ;; *) echo "a $1" ;; esac; }
gauge() { curl -s "$U/metrics" | grep -q "^$1 $2\$"; }
spawn cam "$BIN/tests/wsprobe" --url "$WS" --token "$(cat "$T_DIR/cam.token")" \
	--publish pommes --fps 30 --gop 30 --seconds 30
wait_for 5 gauge 'lucarne_publishers{room="pommes"}' 1 || bail "no publisher"

# Every account subscribes at once, each its own probe.
for who in out in; do
	for role in $ROLES; do
		tok=$(bearer "$who-$role")
		[ "${tok#lcs_}" != "$tok" ] || bail "$who-$role cannot log in"
		spawn "$who-$role" "$BIN/tests/wsprobe" --url "$WS" --token "$tok" \
			--subscribe pommes --seconds 2
		eval "PID_${who}_$role=\$SPAWNED"
	done
done
for role in $ROLES; do
	eval "wait \$PID_out_$role"
	out=$(cat "$T_DIR/out-$role.log")
	[ "$(jget "$out" .hello_role)" = "$role" ] && [ "$(jget "$out" .close)" = 4403 ] &&
		[ "$(jget "$out" '.errors|join(",")')" = forbidden ] &&
		[ "$(jget "$out" '.states|length')" = 0 ] && [ "$(jget "$out" .binary)" = 0 ]
	ok $? "$(a "$role") of another room: forbidden, 4403, no state, no media ($(jget "$out" '"close \(.close), \(.binary) frames, states \(.states)"'))"
done
for role in $ROLES; do
	eval "wait \$PID_in_$role"
	out=$(cat "$T_DIR/in-$role.log")
	[ "$(jget "$out" .hello_role)" = "$role" ] && [ "$(jget "$out" .close)" = 0 ] &&
		[ "$(jget "$out" '.states[0]')" = live ] && [ "$(jget "$out" .binary)" -gt 0 ]
	ok $? "$(a "$role") of the room watches it ($(jget "$out" .binary) frames)"
done
[ "$(metric lucarne_refused_total)" -ge 6 ]
ok $? "the refusals are counted ($(metric lucarne_refused_total))"
done_testing
