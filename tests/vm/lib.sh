# Helpers for the QEMU/vivid tests (sourced after tests/integ/lib.sh).
#
#   . "$(dirname "$0")/../integ/lib.sh"; . "$(dirname "$0")/lib.sh"
#   vm_require; t_tmpdir; vm_prepare NAME BINARY...; plan N
#   vm_guest_script <<EOF ... EOF; vm_start; ...; vm_finish; ok "$VM_STATUS" ...
#
# The guest runs $T_DIR/share/guest.sh and sees $T_DIR/share as /mnt; its
# console is $T_DIR/console.log. Host and guest talk through files there
# (the guest's results, a "stop" file from the host) and over the network
# (the guest reaches the host's 127.0.0.1 at 10.0.2.2). Timings end up as
# TAP diagnostics.

VM=$TOP/tests/vm
VM_STATUS=
VM_PID=

# now_ms: wall clock in milliseconds.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# skip_all REASON: the whole test is skipped (before any plan).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# vm_require: skip unless QEMU can be run at all.
vm_require() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
		skip_all "qemu-system-x86_64 not installed (scripts/deps.sh)"
}

# vm_prepare NAME BINARY...: kernel and initramfs with BINARY... packed, in
# build/vm/NAME (VM_BOOT). Skips the test when the kernel cannot be had,
# bails out on any other failure. Call before plan.
vm_prepare() {
	local name="$1" t st
	shift
	VM_BOOT=$TOP/build/vm/$name
	t=$(now_ms)
	st=0
	"$VM/prepare.sh" "$VM_BOOT" "$@" 2>"$T_DIR/prepare.log" || st=$?
	if [ "$st" -eq 77 ]; then
		skip_all "$(tail -n 1 "$T_DIR/prepare.log")"
	elif [ "$st" -ne 0 ]; then
		sed 's/^/# /' "$T_DIR/prepare.log"
		bail "tests/vm/prepare.sh failed"
	fi
	VM_PREPARE_MS=$(($(now_ms) - t))
	mkdir -p "$T_DIR/share"
}

# vm_guest_script: guest.sh from stdin.
vm_guest_script() {
	cat >"$T_DIR/share/guest.sh"
}

# vm_start: boot the guest in the background (killed at exit).
vm_start() {
	VM_T0=$(now_ms)
	spawn vm "$VM/run.sh" -b "$VM_BOOT" -l "$T_DIR/console.log" \
		${VM_TIMEOUT:+-t "$VM_TIMEOUT"} "$T_DIR/share"
	VM_PID=$SPAWNED
}

# vm_running: the guest has not powered off yet.
vm_running() { kill -0 "$VM_PID" 2>/dev/null; }

# vm_finish: wait for the guest to power off; VM_STATUS is run.sh's status
# (guest.sh's exit status, 124 timed out, 125 rig failure). Prints the
# timings and, on failure, the console's tail as diagnostics.
vm_finish() {
	VM_STATUS=0
	wait "$VM_PID" || VM_STATUS=$?
	T_PIDS=$(echo "$T_PIDS" | sed "s/ $VM_PID\b//")
	diag "prepare ${VM_PREPARE_MS} ms; vm wall $(($(now_ms) - VM_T0)) ms;" \
		"guest ready at $(vm_uptime ready)s, done at $(vm_uptime exit)s" \
		"(guest uptime), kernel $(cat "$VM_BOOT/kver")"
	if [ "$VM_STATUS" -ne 0 ]; then
		sed 's/^/# vm: /' "$T_DIR/vm.log"
		tr -d '\r' <"$T_DIR/console.log" | tail -n 25 | sed 's/^/# console: /'
	fi
}

# vm_uptime MARKER: the guest uptime printed with "GUEST: MARKER ... at Ns".
vm_uptime() {
	tr -d '\r' <"$T_DIR/console.log" |
		sed -n "s/.*GUEST: $1 .*at \([0-9.]*\)s.*/\1/p" | tail -n 1
}

# vm_host_stack [USER ROLE]...: on the host, a data dir with room R
# (broadcasting, register complete), a parent "parent" with consent given
# (password in $T_DIR/parent.pw), the extra accounts named (password in
# $T_DIR/USER.pw), the camera's token in $T_DIR/share/token; then the
# relay on $PORT, on the host's loopback, which the guest reaches as
# 10.0.2.2. Sets PORT and RELAY_PID.
vm_admin() { "$BIN/lucarne-admin" --data "$T_DIR/data" "$@"; }
vm_host_stack() {
	mkdir -p "$T_DIR/data"
	printf 'parent-pw-correct-horse\n' >"$T_DIR/parent.pw"
	{
		vm_admin room add R &&
			vm_admin room set R --broadcast on --consent complete &&
			vm_admin user add parent --role parent --room R <"$T_DIR/parent.pw" &&
			vm_admin consent set R parent given
	} >"$T_DIR/admin.log" 2>&1 || bail "lucarne-admin: $(tail -n 3 "$T_DIR/admin.log")"
	while [ $# -ge 2 ]; do
		printf '%s-pw-correct-horse\n' "$1" >"$T_DIR/$1.pw"
		vm_admin user add "$1" --role "$2" --room R <"$T_DIR/$1.pw" \
			>>"$T_DIR/admin.log" 2>&1 || bail "lucarne-admin: $(tail -n 3 "$T_DIR/admin.log")"
		shift 2
	done
	vm_admin device add cam --kind camera --room R 2>>"$T_DIR/admin.log" |
		grep -o 'lcd_[A-Za-z0-9_-]*' >"$T_DIR/share/token"
	[ -s "$T_DIR/share/token" ] || bail "lucarne-admin device add printed no token"
	PORT=$(free_port)
	spawn relay "$BIN/lucarne-relay" --data "$T_DIR/data" \
		--listen "127.0.0.1:$PORT"
	RELAY_PID=$SPAWNED
	wait_for 10 http_up "$PORT" ||
		bail "lucarne-relay did not start: $(tail -n 5 "$T_DIR/relay.log")"
}
