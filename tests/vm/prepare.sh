#!/bin/sh
# prepare.sh OUTDIR [BINARY...]: boot files for the QEMU/vivid test guest.
#
# Writes OUTDIR/vmlinuz, OUTDIR/vmlinux (the same kernel unpacked, which
# boots 4-5 s faster under TCG), OUTDIR/initrd.gz and OUTDIR/kver. The kernel
# is Debian's current linux-image-amd64, fetched with `apt-get download`
# into a cache (LUCARNE_VM_CACHE, default build/vm/kernel), unpacked and
# depmod'ed once. The initramfs holds static busybox, tests/vm/init, the
# static clock helper tests/vm/clocksync.c (built into build/vm/), the
# module closure of vivid, virtio_pci, virtio_net, 9p and 9pnet_virtio
# (plus LUCARNE_VM_MODULES, e.g. "e1000"), and each BINARY in /usr/bin with
# every library ldd lists. It is rebuilt only when one of those inputs
# changed, so a second run takes well under a second.
#
# Environment: LUCARNE_VM_KVER pins a kernel version (6.1.0-NN-amd64);
# LUCARNE_VM_REFRESH=1 asks apt-cache again even if the cached choice is
# less than a day old; BUSYBOX is the static busybox to pack.
#
# Exit status: 0 ready; 77 the kernel cannot be had (apt knows no
# linux-image-amd64, or the download failed and nothing is cached) or a
# tool is missing, so a test should skip; 1 any other failure (a BINARY
# with a library ldd cannot find, a module missing from the kernel).
# Messages go to stderr.
set -eu

TOP=$(cd "$(dirname "$0")/../.." && pwd)
VMDIR=$TOP/tests/vm
CACHE=${LUCARNE_VM_CACHE:-$TOP/build/vm/kernel}
BUSYBOX=${BUSYBOX:-/bin/busybox}
MODULES="virtio_pci 9pnet_virtio 9p virtio_net vivid ${LUCARNE_VM_MODULES:-}"

say() { echo "prepare: $*" >&2; }
die() { say "$*"; exit 1; }
unavailable() { say "$*"; exit 77; }

[ $# -ge 1 ] || die "usage: prepare.sh OUTDIR [BINARY...]"
OUT=$1
shift
for b in "$@"; do
	if [ ! -f "$b" ] || [ ! -x "$b" ]; then
		die "not an executable file: $b"
	fi
done
# A missing tool is a missing package, like a missing kernel: tests skip.
for tool in apt-get cpio depmod dpkg-deb gzip ldd flock; do
	command -v "$tool" >/dev/null 2>&1 ||
		unavailable "$tool not installed (scripts/deps.sh)"
done
"$BUSYBOX" --list >/dev/null 2>&1 ||
	unavailable "no busybox at $BUSYBOX (busybox-static)"
if ldd "$BUSYBOX" >/dev/null 2>&1; then
	unavailable "$BUSYBOX is dynamically linked: install busybox-static"
fi

mkdir -p "$CACHE" "$OUT"
# Tests may run in parallel: one prepare at a time touches the cache.
exec 9>"$CACHE/.lock"
flock 9

# ---- which kernel -------------------------------------------------------
# apt-cache takes over a second here (Docker images disable its cache file),
# so the answer is reused for a day; the stamp's mtime is its age.
resolve_kver() {
	if [ -n "${LUCARNE_VM_KVER:-}" ]; then
		echo "$LUCARNE_VM_KVER"
		return
	fi
	if [ -s "$CACHE/current" ] && [ -z "${LUCARNE_VM_REFRESH:-}" ] &&
		[ -n "$(find "$CACHE/current" -mmin -1440)" ]; then
		cat "$CACHE/current"
		return
	fi
	pkg=$(apt_image)
	if [ -z "$pkg" ] && [ "$(id -u)" -eq 0 ]; then
		say "apt-cache knows no linux-image-amd64: apt-get update"
		apt-get update -qq >&2 || true
		pkg=$(apt_image)
	fi
	if [ -z "$pkg" ]; then
		# Offline and nothing known: an older cached kernel does as well.
		if [ -s "$CACHE/current" ]; then
			cat "$CACHE/current"
			return
		fi
		unavailable "cannot resolve linux-image-amd64 (no apt data)"
	fi
	echo "${pkg#linux-image-}" >"$CACHE/current"
	cat "$CACHE/current"
}

apt_image() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ {
			sub(/-unsigned$/, "", $2); print $2; exit }'
}

KVER=$(resolve_kver)
KDIR=$CACHE/$KVER

# ---- fetch and unpack it once -------------------------------------------
fetch_kernel() {
	debs=$CACHE/debs
	mkdir -p "$debs"
	deb=$(find "$debs" -maxdepth 1 -name "linux-image-${KVER}_*.deb" | head -n 1)
	if [ -z "$deb" ]; then
		say "downloading linux-image-$KVER"
		tmp=$(mktemp -d "$debs/dl.XXXXXX")
		# As root, apt would hand the download to user _apt, who may not
		# write here; it is only a file download.
		sandbox=
		[ "$(id -u)" -eq 0 ] && sandbox="-o APT::Sandbox::User=root"
		# shellcheck disable=SC2086
		if ! (cd "$tmp" && apt-get download -qq $sandbox \
			"linux-image-$KVER" >&2); then
			rm -rf "$tmp"
			unavailable "apt-get download linux-image-$KVER failed"
		fi
		mv "$tmp"/*.deb "$debs/"
		rm -rf "$tmp"
		deb=$(find "$debs" -maxdepth 1 -name "linux-image-${KVER}_*.deb" | head -n 1)
	fi
	say "unpacking $(basename "$deb")"
	rm -rf "$KDIR.tmp"
	mkdir -p "$KDIR.tmp"
	dpkg-deb -x "$deb" "$KDIR.tmp/root"
	depmod -b "$KDIR.tmp/root" "$KVER"
	cp "$KDIR.tmp/root/boot/vmlinuz-$KVER" "$KDIR.tmp/vmlinuz"
	if grep -qx 'CONFIG_PVH=y' "$KDIR.tmp/root/boot/config-$KVER"; then
		unpack_vmlinux "$KDIR.tmp/vmlinuz" "$KDIR.tmp/vmlinux"
	fi
	rm -rf "$KDIR.tmp/root/usr" "$KDIR.tmp/root/boot"
	rm -rf "$KDIR"
	mv "$KDIR.tmp" "$KDIR"
	# Keep one kernel: drop older ones and their packages (~470 MB each).
	for old in "$CACHE"/*/ "$debs"/*.deb; do
		case $old in
		"$CACHE/debs/" | "$KDIR/" | "$deb") ;;
		*) [ -e "$old" ] && rm -rf "$old" ;;
		esac
	done
}

# unpack_vmlinux BZIMAGE OUT: the ELF kernel inside a bzImage. Under TCG
# the kernel's own xz decompressor takes 4-5 s of every boot; QEMU starts
# an uncompressed kernel directly through its PVH entry point instead.
unpack_vmlinux() {
	for z in 'xz -dcq:\xfd7zXZ\x00' 'zstd -dcq:\x28\xb5\x2f\xfd' \
		'gzip -dcq:\x1f\x8b\x08'; do
		cmd=${z%%:*}
		command -v "${cmd%% *}" >/dev/null 2>&1 || continue
		# shellcheck disable=SC2013 # byte offsets, one word each
		for off in $(LC_ALL=C grep -aboUP "${z#*:}" "$1" | cut -d: -f1); do
			# The stream is followed by other data: ignore the status.
			tail -c +$((off + 1)) "$1" | $cmd >"$2" 2>/dev/null || true
			if [ "$(head -c 4 "$2" | od -An -c | tr -d ' ')" = '177ELF' ]; then
				return 0
			fi
		done
	done
	rm -f "$2"
	say "cannot unpack $1: booting it compressed (slower)"
}

[ -f "$KDIR/vmlinuz" ] || fetch_kernel
MODDIR=$KDIR/root/lib/modules/$KVER
[ -f "$MODDIR/modules.dep" ] || die "broken kernel cache $KDIR: remove it"

# ---- the clock helper ---------------------------------------------------
# Static, as the initramfs may hold no libc. Without a compiler the guest
# keeps the RTC's time (whole seconds).
CLOCKSYNC=$TOP/build/vm/clocksync
if [ ! -x "$CLOCKSYNC" ] ||
	[ -n "$(find "$VMDIR/clocksync.c" -newer "$CLOCKSYNC")" ]; then
	if ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -static \
		-o "$CLOCKSYNC.tmp" "$VMDIR/clocksync.c" 2>"$CACHE/clocksync.log"; then
		mv "$CLOCKSYNC.tmp" "$CLOCKSYNC"
	else
		say "cannot build clocksync (see $CACHE/clocksync.log):" \
			"the guest's clock stays up to 1.2 s behind"
		rm -f "$CLOCKSYNC" "$CLOCKSYNC.tmp"
	fi
fi

# ---- is the initramfs current? ------------------------------------------
# libs_of BINARY: absolute paths of the libraries (and loader) it needs.
libs_of() {
	ldd "$1" 2>/dev/null | awk -v b="$1" '
		/=> not found/ { print "prepare: " b ": " $1 " not found" > "/dev/stderr"; bad = 1 }
		{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }
		END { exit bad }'
}

manifest() {
	echo "kernel $KVER"
	echo "modules $MODULES"
	stat -L -c '%n %s %Y' "$BUSYBOX" "$VMDIR/init" "$0"
	[ -x "$CLOCKSYNC" ] && stat -c '%n %s %Y' "$CLOCKSYNC"
	for b in "$@"; do
		stat -L -c '%n %s %Y' "$b"
		libs_of "$b" | while read -r l; do stat -L -c '%n %s %Y' "$l"; done
	done
}

KEY=$(manifest "$@" | sha256sum | cut -d' ' -f1)
# The kernel: hard links into the cache (66 MB unpacked) where possible.
for f in vmlinuz vmlinux; do
	if [ -f "$KDIR/$f" ]; then
		cmp -s "$KDIR/$f" "$OUT/$f" ||
			ln -f "$KDIR/$f" "$OUT/$f" 2>/dev/null ||
			cp "$KDIR/$f" "$OUT/$f"
	else
		rm -f "$OUT/$f"
	fi
done
echo "$KVER" >"$OUT/kver"
if [ -f "$OUT/initrd.gz" ] && [ "$(cat "$OUT/initrd.key" 2>/dev/null)" = "$KEY" ]; then
	exit 0
fi

# ---- build it -----------------------------------------------------------
R=$(mktemp -d "${TMPDIR:-/tmp}/lucarne-initrd.XXXXXX")
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/bin" "$R/dev" "$R/proc" "$R/sys" "$R/tmp" "$R/mnt" "$R/etc" \
	"$R/usr/bin" "$R/lib/modules/$KVER"

cp "$BUSYBOX" "$R/bin/busybox"
# A link named busybox would point at itself (kernel panic -40 at boot).
for a in $("$BUSYBOX" --list); do
	[ "$a" = busybox ] || ln -s busybox "$R/bin/$a"
done
ln -s bin "$R/sbin"

# Module closure from modules.dep; each line lists a module's dependencies
# already, the walk below does not rely on that. Built-in ones are skipped.
closure=$(awk -v want="$MODULES" '
	function name(p) { sub(/.*\//, "", p); sub(/\.ko(\.[a-z]+)?:?$/, "", p)
		gsub(/-/, "_", p); return p }
	function add(m,   i, n, d) {
		if (m in seen) return
		seen[m] = 1
		if (!(m in path)) { if (!(m in builtin)) missing = missing " " m; return }
		print path[m]
		n = split(deps[m], d, " ")
		for (i = 1; i <= n; i++) add(name(d[i]))
	}
	FILENAME ~ /modules\.builtin$/ { builtin[name($1)] = 1; next }
	{ m = name($1); path[m] = $1; sub(/:$/, "", path[m])
	  $1 = ""; deps[m] = $0 }
	END { n = split(want, w, " ")
		for (i = 1; i <= n; i++) { x = w[i]; gsub(/-/, "_", x); add(x) }
		if (missing != "") { print "prepare: no such module:" missing > "/dev/stderr"; exit 1 } }
	' "$MODDIR/modules.builtin" "$MODDIR/modules.dep") || die "module closure failed"
for f in $closure; do
	mkdir -p "$R/lib/modules/$KVER/$(dirname "$f")"
	cp "$MODDIR/$f" "$R/lib/modules/$KVER/$f"
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$MODDIR/$f" ] && cp "$MODDIR/$f" "$R/lib/modules/$KVER/"
done
depmod -b "$R" "$KVER"

for b in "$@"; do
	cp "$b" "$R/usr/bin/"
	libs=$(libs_of "$b") || die "$b: missing libraries"
	for l in $libs; do
		mkdir -p "$R$(dirname "$l")"
		cp -L "$l" "$R$l"
	done
done

cp "$VMDIR/init" "$R/init"
[ -x "$CLOCKSYNC" ] && cp "$CLOCKSYNC" "$R/bin/clocksync"
chmod 755 "$R/init"
echo "root:x:0:0:root:/tmp:/bin/sh" >"$R/etc/passwd"
echo "root:x:0:" >"$R/etc/group"
printf '127.0.0.1\tlocalhost\n' >"$R/etc/hosts"

(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$OUT/initrd.gz.tmp"
mv "$OUT/initrd.gz.tmp" "$OUT/initrd.gz"
echo "$KEY" >"$OUT/initrd.key"
say "$OUT/initrd.gz: $(($(stat -c %s "$OUT/initrd.gz") / 1024)) KiB, kernel $KVER"
