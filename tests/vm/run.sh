#!/bin/sh
# run.sh [-b BOOTDIR] [-l LOG] [-t SECONDS] SHAREDIR: boot the test guest.
#
# Boots BOOTDIR/vmlinux (or vmlinuz) and BOOTDIR/initrd.gz, made by
# prepare.sh (default build/vm/boot), in QEMU with TCG (no KVM: the host's /dev/kvm cannot boot
# a stock kernel), 1 GiB, 2 CPUs, no display. SHAREDIR is the guest's /mnt
# (virtio 9p, tag "host"), and must hold guest.sh, which the guest runs.
# The guest reaches the host's loopback at 10.0.2.2 (QEMU user networking;
# nothing leaves the machine). The serial console goes to LOG (default
# SHAREDIR/console.log); paths must not contain commas.
#
# LUCARNE_VM_CPU picks the emulated CPU (default qemu64: libvpx encodes
# 640x480 in ~40 ms a frame there; with -cpu max it takes AVX2 paths that TCG
# emulates slowly, 55-65 ms). LUCARNE_VM_TIMEOUT is the default of -t.
#
# Exit status: that of guest.sh, read from the console's "GUEST: exit N";
# 124 when the guest ran over SECONDS (default 240, LUCARNE_VM_TIMEOUT);
# 125 when the guest ended without an exit line (panic, rig failure);
# 127 when qemu-system-x86_64 is missing. A summary line with timings goes
# to stderr, and the console's tail too when the rig failed.
set -eu

TOP=$(cd "$(dirname "$0")/../.." && pwd)
boot=$TOP/build/vm/boot
log=
limit=${LUCARNE_VM_TIMEOUT:-240}
cpu=${LUCARNE_VM_CPU:-qemu64}

usage() {
	echo "usage: run.sh [-b BOOTDIR] [-l LOG] [-t SECONDS] SHAREDIR" >&2
	exit 2
}
while getopts b:l:t: opt; do
	case $opt in
	b) boot=$OPTARG ;;
	l) log=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
[ -d "$1" ] || usage
share=$(cd "$1" && pwd)
log=${log:-$share/console.log}

command -v qemu-system-x86_64 >/dev/null 2>&1 || {
	echo "run: qemu-system-x86_64 not installed" >&2
	exit 127
}
# The unpacked kernel boots through PVH, skipping 4-5 s of decompression.
kernel=$boot/vmlinux
[ -f "$kernel" ] || kernel=$boot/vmlinuz
if [ ! -f "$kernel" ] || [ ! -f "$boot/initrd.gz" ]; then
	echo "run: no kernel or initrd.gz in $boot: run tests/vm/prepare.sh" >&2
	exit 125
fi
[ -f "$share/guest.sh" ] || echo "run: warning: no $share/guest.sh" >&2

ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
: >"$log"
# Kernel arguments, each measured under TCG: the crypto self-tests
# (cryptomgr.notests, crypto_kdf108_init) cost 1 s, kprobe tracing set-up
# 0.2 s, TSC checks 0.5 s; mitigations only slow a throw-away guest down.
cmdline="console=ttyS0 loglevel=4 panic=-1 rdinit=/init mitigations=off"
cmdline="$cmdline cryptomgr.notests"
cmdline="$cmdline initcall_blacklist=crypto_kdf108_init,init_kprobe_trace"
cmdline="$cmdline tsc=reliable no_timer_check"
# romfile= : no iPXE option ROM, nothing boots from the network.
timeout -k 5 "$limit" qemu-system-x86_64 \
	-accel tcg,thread=multi -cpu "$cpu" -m 1024 -smp 2 -nographic -no-reboot \
	-monitor none -serial "file:$log" \
	-kernel "$kernel" -initrd "$boot/initrd.gz" \
	-append "$cmdline" \
	-netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile= \
	-virtfs "local,path=$share,mount_tag=host,security_model=none,id=host0" \
	</dev/null >&2 &
qemu=$!
# A test that gives up kills this script: take the guest down with it.
trap 'kill "$qemu" 2>/dev/null' EXIT
trap 'exit 143' TERM INT HUP
st=0
wait "$qemu" || st=$?
trap - EXIT

# "GUEST: ... at 12.34s" is the guest's uptime when init printed it. The
# markers are not anchored: firmware output may precede one on its line.
when() {
	sed -n "s/.*GUEST: $1 .*at \([0-9.]*\)s.*/\1/p" "$log" | tail -n 1
}
code=$(sed -n 's/.*GUEST: exit \([0-9]*\) at .*/\1/p' "$log" | tail -n 1)
echo "run: wall $(($(ms) - t0)) ms, guest ready at $(when ready)s," \
	"done at $(when exit)s, qemu status $st, guest exit ${code:-none}" >&2
if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
	echo "run: guest ran over ${limit}s" >&2
	tail -n 20 "$log" >&2
	exit 124
fi
if [ -z "$code" ] || [ "$code" -eq 125 ]; then
	echo "run: guest ended without a result; console tail:" >&2
	tail -n 30 "$log" >&2
	exit 125
fi
exit "$code"
