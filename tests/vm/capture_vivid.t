#!/bin/sh
# A real V4L2 camera end to end: lucarne-capture runs in a QEMU guest on
# vivid's /dev/video0 and publishes over the guest's network (10.0.2.2 is
# the host's loopback) to lucarne-relay on the host; lucarne-view watches
# the room on the host for 10 s and decodes every frame.
#
# Skips until lucarne-relay, lucarne-admin, lucarne-capture and lucarne-view
# are built (in $LUCARNE_BIN, default build/), and when QEMU or the kernel
# package is missing.
. "$(dirname "$0")/../integ/lib.sh"
. "$(dirname "$0")/lib.sh"

vm_require
command -v jq >/dev/null 2>&1 || skip_all "jq not installed"
for p in lucarne-relay lucarne-admin lucarne-capture lucarne-view; do
	[ -x "$BIN/$p" ] || skip_all "$BIN/$p not built yet (make programs)"
done
t_tmpdir
vm_prepare capture "$BIN/lucarne-capture"
# shellcheck disable=SC2034 # read by vm_start
VM_TIMEOUT=120
SECONDS_VIEWED=10

plan 8

# ---- host: data, relay --------------------------------------------------
vm_host_stack

# ---- guest: the camera --------------------------------------------------
# It publishes until the host creates /mnt/stop, then stops the capture
# with SIGTERM (which must exit 0) and exits with its status.
vm_guest_script <<EOF
lucarne-capture --relay ws://10.0.2.2:$PORT --token-file /mnt/token \\
	--source v4l2:/dev/video0 --size 640x480 --fps 25 --kbps 800 \\
	--stats >/mnt/capture.log 2>&1 &
pid=\$!
echo "GUEST: capture started"
n=0
while [ ! -e /mnt/stop ] && [ \$n -lt 900 ] && kill -0 \$pid 2>/dev/null; do
	sleep 0.1
	n=\$((n + 1))
done
if ! kill -0 \$pid 2>/dev/null; then
	wait \$pid
	echo "GUEST: capture ended by itself with status \$?"
	exit 3
fi
kill -TERM \$pid
wait \$pid
st=\$?
echo "GUEST: capture stopped with status \$st"
exit \$st
EOF
vm_start
published() { grep -q 'publishing room' "$T_DIR/share/capture.log"; }
capture_log_or_gone() { published || ! vm_running; }
t=$(now_ms)
wait_for 90 capture_log_or_gone
published
ok $? "lucarne-capture in the guest publishes to the host's relay via 10.0.2.2"
diag "boot and capture start: $(($(now_ms) - t)) ms" \
	"(guest ready at $(vm_uptime ready)s uptime)"
check "it captures from the V4L2 device /dev/video0 (vivid)" -- \
	grep -q 'v4l2: /dev/video0' "$T_DIR/share/capture.log"

# ---- host: a parent watches ---------------------------------------------
st=0
out=$("$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user parent \
	--password-file "$T_DIR/parent.pw" --room R \
	--seconds "$SECONDS_VIEWED" --json 2>"$T_DIR/view.err") || st=$?
touch "$T_DIR/share/stop"
diag "view: $out"
ok "$st" "lucarne-view watches room R for ${SECONDS_VIEWED} s (status $st)"
jv() { printf '%s' "$out" | jq -r "$1" 2>/dev/null; }
frames=$(jv .frames)
check "it decodes at least 50 frames (got ${frames:-none})" -- \
	test "${frames:-0}" -ge 50
check "no decode errors (got $(jv .decode_errors))" -- \
	test "$(jv .decode_errors)" = 0
check "the picture is 640x480 (got $(jv .width)x$(jv .height))" -- \
	test "$(jv .width)x$(jv .height)" = 640x480
diag "fps $(awk -v f="${frames:-0}" -v s="$SECONDS_VIEWED" 'BEGIN { printf "%.1f", f / s }')," \
	"keyframes $(jv .keyframes), first frame $(jv .first_frame_ms) ms," \
	"latency ms $(jv ".latency_ms | tojson")"

vm_finish
ok "$VM_STATUS" "lucarne-capture stops cleanly on SIGTERM in the guest (status $VM_STATUS)"
check "the relay is still up" -- kill -0 "$RELAY_PID"

if [ "$T_FAIL" -ne 0 ]; then
	sed 's/^/# capture: /' "$T_DIR/share/capture.log" | tail -n 30
	sed 's/^/# view: /' "$T_DIR/view.err" | tail -n 10
	sed 's/^/# relay: /' "$T_DIR/relay.log" | tail -n 20
fi
done_testing
