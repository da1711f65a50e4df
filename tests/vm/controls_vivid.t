#!/bin/sh
# Camera controls with a real V4L2 driver: lucarne-capture runs in a QEMU
# guest on vivid's /dev/video0; the relay on the host lists the controls
# the agent read from the device (brightness, contrast, saturation, hue
# with vivid's own ranges); the director sets the brightness through the
# API and the agent reads the new value back from the device (VIDIOC_S_CTRL
# then VIDIOC_G_CTRL, and the list read again); the picture a parent
# decodes gets brighter (vivid's generator applies its brightness).
#
# Skips like capture_vivid.t until the programs are built, and when QEMU or
# the kernel package is missing.
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
VM_TIMEOUT=150

plan 8

# ---- host: data, relay --------------------------------------------------
vm_host_stack dora director

# ---- guest: the camera, until the host creates /mnt/stop -----------------
vm_guest_script <<EOF
lucarne-capture --relay ws://10.0.2.2:$PORT --token-file /mnt/token \\
	--source v4l2:/dev/video0 --size 640x480 --fps 25 --kbps 800 \\
	>/mnt/capture.log 2>&1 &
pid=\$!
n=0
while [ ! -e /mnt/stop ] && [ \$n -lt 1200 ] && kill -0 \$pid 2>/dev/null; do
	sleep 0.1
	n=\$((n + 1))
done
kill -TERM \$pid
wait \$pid
EOF
vm_start

# ---- host: the director's API -------------------------------------------
TOKEN=$(curl -s -X POST -H "Content-Type: application/json" -d "{\"user\":\"dora\",\"password\":\"$(cat "$T_DIR/dora.pw")\",\"bearer\":true}" \
	"http://127.0.0.1:$PORT/api/login" | jq -r .token)
C="http://127.0.0.1:$PORT/api/rooms/R/camera"
cam() { curl -s -H "Authorization: Bearer $TOKEN" "$C"; }
online() { [ "$(cam | jq -r '.online and (.controls | length > 0)')" = true ] || ! vm_running; }
t=$(now_ms)
wait_for 100 online
out=$(cam)
[ "$(jget "$out" .online)" = true ]
ok $? "the relay lists the controls of the guest's camera"
diag "after $(($(now_ms) - t)) ms: $(printf '%s' "$out" | jq -c '[.controls[] | "\(.name) \(.min)..\(.max)/\(.step) def \(.default) = \(.value)"]')"
ctl() { jget "$out" ".controls[] | select(.name == \"$1\") | \"\(.kind) \(.min) \(.max) \(.step) \(.default)\""; }
[ "$(ctl brightness)" = "int 0 255 1 128" ]
ok $? "brightness with vivid's range: $(ctl brightness)"
[ "$(ctl contrast)" = "int 0 255 1 128" ] && [ "$(ctl saturation)" = "int 0 255 1 128" ]
ok $? "contrast and saturation: $(ctl contrast), $(ctl saturation)"
[ "$(ctl hue)" = "int -128 128 1 0" ]
ok $? "hue, a signed range: $(ctl hue)"

luma() {
	"$BIN/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user parent \
		--password-file "$T_DIR/parent.pw" --room R --seconds 3 \
		--until-frames 10 --region 0,0,640,480 --json 2>/dev/null | jq -r '.regions[0].mean // empty | floor'
}
l0=$(luma)
st=$(curl -s -o "$T_DIR/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
	-d '{"values":{"brightness":220}}' "$C")
[ "$st" = 202 ]
ok $? "the director sets brightness 220 ($st $(cat "$T_DIR/out"))"
kept() { [ "$(cam | jq -r '.controls[] | select(.name == "brightness") | .value')" = 220 ]; }
wait_for 20 kept
ok $? "the agent reads 220 back from the device"
brighter() { l1=$(luma); [ "${l1:-0}" -gt $((${l0:-255} + 20)) ]; }
wait_for 30 brighter
ok $? "the decoded picture is brighter (mean luma $l0 -> $l1)"

touch "$T_DIR/share/stop"
vm_finish
ok "$VM_STATUS" "lucarne-capture stops cleanly in the guest (status $VM_STATUS)"
if [ "$T_FAIL" -ne 0 ]; then
	sed 's/^/# capture: /' "$T_DIR/share/capture.log" | tail -n 30
	sed 's/^/# relay: /' "$T_DIR/relay.log" | tail -n 20
fi
done_testing
