#!/bin/bash
# make bench: speed measurements on loopback, printed as one table.
# Targets are printed beside each figure; nothing here fails the build.
#   BENCH_FANOUT="100 500 1000 2000"  viewer counts for the fan-out rows
#   BENCH_SECONDS=8                    measuring window per row
#   BENCH_REPEAT=5                     windows in a row at 1000 viewers (CPU:
#                                      the median window; delays: all windows
#                                      together; each window's p99 printed)
#   BENCH_PARTS="latency capture fanout kiosk"  sections to run
#   BENCH_CAPTURE_OPTS=""              extra lucarne-capture options (all rows)
#   BENCH_RPS=0                        fan-out: 1 also measures BENCH_RPS_FANOUT
#   BENCH_RPS_FANOUT="1000 2000"       viewers with the loopback receive work
#                                      steered to the load generator's CPUs
#                                      (RPS on lo; root, with pinning), as a
#                                      network would keep it off the relay;
#                                      restored at exit. Rows say "(RPS)".
#   BENCH_TLS_FANOUT="1000 2000"       viewers for the rows marked "(TLS)": the
#                                      same fan-out over wss:// (a P-256
#                                      certificate made here), as every
#                                      viewer off the appliance connects
#   BENCH_FLOOR_FANOUT="1000 2000"     viewers for the floor rows: bare send()s
#                                      to that many loopback sockets, what any
#                                      relay pays here (tests/bench/floor.c)
#   BENCH_PIN=1                        fan-out: relay on the last CPU, capture
#                                      and load generator on the others, so
#                                      the delay measured by the load
#                                      generator is not the relay waiting
#                                      for a core (0: no pinning)
set -u
cd "$(dirname "$0")/.."
TOP=$PWD
B=${LUCARNE_BIN:-$TOP/build}
W=$(mktemp -d /tmp/lucarne-bench.XXXXXX)
FANOUT=${BENCH_FANOUT:-100 500 1000 2000}
SECS=${BENCH_SECONDS:-8}
REPEAT=${BENCH_REPEAT:-5}
RPS=${BENCH_RPS:-0}
RPS_FANOUT=${BENCH_RPS_FANOUT:-1000 2000}
TLS_FANOUT=${BENCH_TLS_FANOUT:-1000 2000}
FLOOR_FANOUT=${BENCH_FLOOR_FANOUT:-1000 2000}
PARTS=" ${BENCH_PARTS:-latency capture fanout kiosk} "
NCPU=$(nproc)
PIN=${BENCH_PIN:-1}
[ "$NCPU" -ge 2 ] && command -v taskset >/dev/null || PIN=0
RELAY_CPUS="" OTHER_CPUS=""
if [ "$PIN" = 1 ]; then
	# The relay on the last CPU: CPU 0 takes more of the machine's
	# interrupts and softirqs, which showed as extra relay CPU there.
	RELAY_CPUS=$((NCPU - 1))
	OTHER_CPUS=0
	[ "$NCPU" -gt 2 ] && OTHER_CPUS=0-$((NCPU - 2))
fi
HZ=$(getconf CLK_TCK)
pids=""
# Plain on loopback; use_tls switches the relay and every client below to
# TLS, use_plain back.
use_plain() { WS="ws://127.0.0.1" HTTP="http://127.0.0.1" TLS_OPTS=() CA_OPTS=() CURL_OPTS=(); }
use_tls() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost" \
		-keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null || return 1
	WS="wss://localhost" HTTP="https://localhost"
	TLS_OPTS=(--tls-cert "$W/cert.pem" --tls-key "$W/key.pem")
	CA_OPTS=(--ca-file "$W/cert.pem")
	CURL_OPTS=(--cacert "$W/cert.pem")
}
use_plain
RPS_FILE=/sys/class/net/lo/queues/rx-0/rps_cpus
RPS_OLD=""
cleanup() {
	[ -n "$RPS_OLD" ] && echo "$RPS_OLD" >"$RPS_FILE"
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" 2>/dev/null

rows=()
row() { rows+=("$(printf '| %-44s | %-26s | %-18s |' "$1" "$2" "$3")"); echo "bench: $1: $2" >&2; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
admin() { "$B/lucarne-admin" --data "$W/data" "$@"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Ticks of one CPU: "busy" (all but idle and iowait) or "irq" (hard and
# soft interrupts).
core_ticks() { # CPU busy|irq
	awk -v c="cpu$1" -v k="$2" '$1 == c {
		print k == "irq" ? $7 + $8 : $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
pct() { awk -v a="$1" -v b="$2" -v hz="$HZ" -v s="$SECS" 'BEGIN { printf "%.0f", (b - a) * 100 / hz / s }'; }
# Measuring windows for N viewers: $REPEAT at 1000 (the target's count),
# else one.
windows_for() { [ "$1" = 1000 ] && echo "$REPEAT" || echo 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
join() { local IFS=/; printf '%s' "$*" | sed 's#/# / #g'; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
part() { [[ $PARTS == *" $1 "* ]]; }
# Prefix a command with taskset when pinning (fan-out section only); a
# plain word list, not a function, so that $! is the program's own pid.
on_cpus() { [ -n "$1" ] && echo "taskset -c $1"; }
# The relay's own fan-out delay histogram: "le count" lines, cumulative.
delay_hist() {
	curl -sf "${CURL_OPTS[@]}" "$HTTP:$PORT/metrics" |
		sed -n 's/^lucarne_fanout_delay_seconds_bucket{le="\([^"]*\)"} \([0-9]*\)$/\1 \2/p'
}
# p50 / p99 in ms of the samples between two delay_hist snapshots,
# interpolated inside a bucket like Prometheus' histogram_quantile().
delay_quantiles() { # BEFORE AFTER
	awk 'NR == FNR { b[$1] = $2; next }
	{ le[n] = $1; c[n] = $2 - b[$1]; n++ }
	function q(p,   rank, i, lo, below, hi, inb) {
		rank = p * c[n - 1]; lo = 0; below = 0
		for (i = 0; i < n; i++) {
			if (le[i] == "+Inf")
				return sprintf(">%g", lo * 1000)
			hi = le[i] + 0
			inb = c[i] - below
			if (inb > 0 && c[i] >= rank)
				return sprintf("%.2f", (lo + (hi - lo) * (rank - below) / inb) * 1000)
			below = c[i]; lo = hi
		}
	}
	END { if (!n || c[n - 1] <= 0) print "- / -"; else print q(0.5) " / " q(0.99) }' "$1" "$2"
}
metric() { curl -sf "${CURL_OPTS[@]}" "$HTTP:$PORT/metrics" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $2 } END { print s + 0 }'; }

setup() {
	mkdir -p "$W/data"
	admin room add bench >/dev/null
	admin room set bench --broadcast on --consent complete >/dev/null
	echo 'bench-password-long' >"$W/pw"
	admin user add viewer --role parent --room bench <"$W/pw" >/dev/null
	admin consent set bench viewer given >/dev/null
	admin device add cam --kind camera --room bench |
		grep -o 'lcd_[A-Za-z0-9_-]*' >"$W/cam.token"
}

start_relay() {
	PORT=$(port)
	$(on_cpus "$RELAY_CPUS") "$B/lucarne-relay" --data "$W/data" --listen "127.0.0.1:$PORT" \
		"${TLS_OPTS[@]}" --max-viewer-sockets 100000 --log-level warn \
		2>"$W/relay.log" & # every viewer is one account
	RELAY=$!
	pids="$pids $RELAY"
	until curl -sf "${CURL_OPTS[@]}" -o /dev/null "$HTTP:$PORT/healthz"; do sleep 0.05; done
}

start_capture() { # SIZE KBPS
	$(on_cpus "$OTHER_CPUS") "$B/lucarne-capture" --relay "$WS:$PORT" "${CA_OPTS[@]}" \
		--token-file "$W/cam.token" --source testpattern --size "$1" \
		--fps 30 --kbps "$2" --log-level warn ${BENCH_CAPTURE_OPTS:-} 2>"$W/capture.log" &
	CAPTURE=$!
	pids="$pids $CAPTURE"
	until [ "$(metric lucarne_frames_in_total)" -gt 30 ]; do sleep 0.1; done
}

stop_stack() {
	kill "$CAPTURE" "$RELAY" 2>/dev/null
	wait "$CAPTURE" "$RELAY" 2>/dev/null
	pids=""
}

view() { # SECONDS [OPTIONS...]
	local s=$1
	shift
	$(on_cpus "$OTHER_CPUS") "$B/lucarne-view" --relay "$WS:$PORT" "${CA_OPTS[@]}" --user viewer \
		--password-file "$W/pw" --room bench --seconds "$s" --json "$@"
}

setup

# ---- glass-to-glass latency and time to first frame --------------------
# Unpinned: this is what a single machine running everything gives.
part latency && for spec in 640x480:800 1280x720:1500; do
	start_relay
	start_capture "${spec%%:*}" "${spec#*:}"
	out=$(view 10)
	row "latency ${spec%%:*}@30, p50 / p99" \
		"$(jq -r '"\(.latency_ms.p50) / \(.latency_ms.p99) ms"' <<<"$out")" \
		"<= 30 / <= 60 ms"
	if [ "$spec" = 640x480:800 ]; then
		ttff=()
		for i in 1 2 3 4 5; do
			ttff+=("$(view 1 | jq -r .first_frame_ms)")
		done
		med=$(printf '%s\n' "${ttff[@]}" | sort -n | sed -n 3p)
		row "time to first frame (median of 5)" "$med ms" "<= 150 ms"
	fi
	stop_stack
done

# ---- capture agent CPU per frame against ffmpeg ------------------------
if part capture && command -v ffmpeg >/dev/null; then
	ffmpeg -loglevel error -f lavfi -i testsrc2=size=640x480:rate=30 \
		-frames:v 300 -pix_fmt yuv420p "$W/in.y4m"
	cap=$("$B/lucarne-capture" --source "y4m:$W/in.y4m" --size 640x480 \
		--kbps 800 --encode-only 300 --log-level warn 2>/dev/null)
	cap_us=$(jq -r '.cpu_ms_per_frame * 1000 | round' <<<"$cap")
	ff_us=$(python3 - "$W/in.y4m" <<'PY'
import resource, subprocess, sys
subprocess.run(["ffmpeg", "-loglevel", "error", "-i", sys.argv[1],
    "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
    "-b:v", "800k", "-threads", "1", "-f", "null", "-"], check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(round((r.ru_utime + r.ru_stime) * 1e6 / 300))
PY
)
	row "capture CPU per frame 640x480 (y4m, 800 kb/s)" "$cap_us us" ""
	row "ffmpeg libvpx rt cpu-used 8, same input" "$ff_us us" ""
	row "capture / ffmpeg" "$(awk -v a="$cap_us" -v b="$ff_us" 'BEGIN { printf "%.2fx", a / b }')" "<= 1.0x"
fi

# ---- relay fan-out ----------------------------------------------------
# One measuring window of $SECS with $n viewers connected: sets w_cpu (the
# relay's CPU %), w_busy and w_sirq (its core, all causes, and the softirq
# part of that) and w_p99.
#
# The relay's CPU already holds the softirq work its own sends run (the
# loopback receiver's TCP work): with tick accounting the kernel charges
# it to the task it interrupts, and also counts it as softirq on the core.
# The core's busy time shows that nothing else hides there.
fanout_window() {
	local c0 c1 b0 b1 q0 q1
	c0=$(cpu_ticks "$RELAY")
	b0=$(core_ticks "$RELAY_CPUS" busy)
	q0=$(core_ticks "$RELAY_CPUS" irq)
	delay_hist >"$W/h0"
	sleep "$SECS"
	c1=$(cpu_ticks "$RELAY")
	b1=$(core_ticks "$RELAY_CPUS" busy)
	q1=$(core_ticks "$RELAY_CPUS" irq)
	delay_hist >"$W/h1"
	w_cpu=$(pct "$c0" "$c1")
	w_busy=$(pct "$b0" "$b1")
	w_sirq=$(pct "$q0" "$q1")
	w_p99=$(delay_quantiles "$W/h0" "$W/h1" | awk '{ print $3 }')
}

# fanout_rows N WINDOWS TAG: $n viewers, WINDOWS windows in a row; the
# CPU rows give the median window, the delay rows all windows together,
# and with several windows, each one's p99 (the spread is the machine's:
# compare the floor rows).
fanout_rows() {
	local n=$1 nw=$2 tag=$3 load i0 i1 f0 f1 deadline rss newc
	local cpus=() busys=() sirqs=() p99s=()
	view $((SECS * nw + 30)) --no-decode --connections "$n" --connect-rate 500 \
		>"$W/load.json" 2>"$W/load.log" &
	load=$!
	deadline=$((SECONDS + 30))
	until [ "$(metric lucarne_viewers)" -ge "$n" ] || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
	sleep 2 # settle
	i0=$(metric lucarne_frames_in_total)
	f0=$(metric lucarne_frames_out_total)
	delay_hist >"$W/hall0"
	for ((k = 0; k < nw; k++)); do
		fanout_window
		cpus+=("$w_cpu") busys+=("$w_busy") sirqs+=("$w_sirq")
		p99s+=("$w_p99")
	done
	f1=$(metric lucarne_frames_out_total)
	i1=$(metric lucarne_frames_in_total)
	delay_hist >"$W/hall1"
	rss=$(rss_mb "$RELAY")
	# A newcomer while $n watch: time to its first frame.
	newc=$(view 1 | jq -r .first_frame_ms)
	kill -INT "$load" 2>/dev/null
	wait "$load"
	local target35="" target10="" targetl=""
	# The issue's targets are for plain WebSockets on loopback.
	if [ "$tag" != " (TLS)" ]; then
		[ "$n" = 1000 ] && target35='<= 35 %' target10='p99 <= 10 ms' targetl='+<= 10 ms'
		[ "$n" = 2000 ] && targetl='+<= 25 ms'
	fi
	row "fan-out $n viewers$tag: relay CPU / RSS" "$(median "${cpus[@]}") % / $rss MB" "$target35"
	[ -n "$RELAY_CPUS" ] && row "fan-out $n viewers$tag: its core busy / softirq" \
		"$(median "${busys[@]}") % / $(median "${sirqs[@]}") %" ""
	# Every frame in, to every viewer (counters read at slightly
	# different instants: a frame or so either way is noise).
	row "fan-out $n viewers$tag: frames out / in x viewers" "$((f1 - f0)) / $(((i1 - i0) * n))" "all"
	# Over every window together: the p99 of all deliveries, not a
	# median of window p99s.
	row "fan-out $n viewers$tag: relay added delay p50 / p99" \
		"$(delay_quantiles "$W/hall0" "$W/hall1") ms" "$target10"
	if [ "$nw" -gt 1 ]; then
		row "fan-out $n viewers$tag: p99 in each window" "$(join "${p99s[@]}") ms" ""
	fi
	row "fan-out $n viewers$tag: delay p50 / p99$PINNED" \
		"$(jq -r '"\(.latency_ms.p50) / \(.latency_ms.p99) ms"' "$W/load.json" 2>/dev/null)" "$targetl"
	row "fan-out $n viewers$tag: newcomer first frame" "$newc ms" "<= 1000 ms"
}

if part fanout; then
if [ "$PIN" = 1 ]; then
	PINNED=" (pinned)"
	row "fan-out pinning: relay / capture + loadgen" "CPU $RELAY_CPUS / CPU $OTHER_CPUS" ""
else
	PINNED=""
	RELAY_CPUS="" OTHER_CPUS=""
fi
start_relay
start_capture 640x480 1000
base=$(view 5 --no-decode)
row "1 viewer, delivery delay p50 / p99" \
	"$(jq -r '"\(.latency_ms.p50) / \(.latency_ms.p99) ms"' <<<"$base")" "(baseline)"
for n in $FANOUT; do
	fanout_rows "$n" "$(windows_for "$n")" ""
done
# The same again with the loopback receive work on the load generator's
# CPU (RPS on lo), as a network keeps the viewers' TCP receive work off
# the relay's machine: what is left on the relay's core is its own sends.
if [ -n "$RELAY_CPUS" ] && [ "$RPS" = 1 ] && [ -w "$RPS_FILE" ]; then
	RPS_OLD=$(cat "$RPS_FILE")
	printf '%x\n' $(( ((1 << NCPU) - 1) & ~(1 << RELAY_CPUS) )) >"$RPS_FILE"
	row "fan-out (RPS): loopback receive work" "on CPU $OTHER_CPUS" ""
	for n in $RPS_FANOUT; do
		fanout_rows "$n" "$(windows_for "$n")" " (RPS)"
	done
	echo "$RPS_OLD" >"$RPS_FILE"
	RPS_OLD=""
fi
stop_stack
# The same over TLS: what the relay pays for the viewers off the
# appliance, one encryption per viewer per frame (OpenSSL, through lws).
if [ -n "$TLS_FANOUT" ] && use_tls; then
	start_relay
	start_capture 640x480 1000
	for n in $TLS_FANOUT; do
		fanout_rows "$n" "$(windows_for "$n")" " (TLS)"
	done
	stop_stack
	use_plain
fi
# The floor: one bare send() per viewer per frame, nothing else, same
# CPUs and the same kind of receiver (tests/bench/floor.c). What any relay
# pays on this machine; the relay's own rows above are this plus its work.
# First with every frame the stream's mean size, then replaying the
# sizes the encoder gives the bench's stream (keyframes, base layer), as
# long and in as many windows as the relay's rows, to set beside them.
if [ -n "$RELAY_CPUS" ] && [ -x "$B/tests/floor" ]; then
	shape=$("$B/lucarne-capture" --source testpattern --size 640x480 --fps 30 \
		--kbps 1000 --encode-only 600 2>/dev/null |
		jq -r '[.frame_bytes[] | select(. > 0)] | join(",")')
	for n in $FLOOR_FANOUT; do
		fl=$("$B/tests/floor" "$n" 4166 "$SECS" "$RELAY_CPUS" "${OTHER_CPUS%%[-,]*}") || continue
		row "floor, $n bare send()s per frame: CPU" "$(jq -r '.cpu_percent' <<<"$fl") %" ""
		row "floor, $n bare send()s: delay p50 / p99" \
			"$(jq -r '"\(.delay_ms.p50) / \(.delay_ms.p99) ms"' <<<"$fl")" ""
		[ -n "$shape" ] || continue
		nw=$(windows_for "$n")
		fl=$("$B/tests/floor" "$n" "$shape" $((SECS * nw)) "$RELAY_CPUS" \
			"${OTHER_CPUS%%[-,]*}" "$nw") || continue
		row "floor, $n, the stream's sizes: delay p50 / p99" \
			"$(jq -r '"\(.delay_ms.p50) / \(.delay_ms.p99) ms"' <<<"$fl")" ""
		[ "$nw" -gt 1 ] && row "floor, $n, the stream's sizes: p99 in each window" \
			"$(jq -r '.window_p99_ms | map(tostring) | join(" / ")' <<<"$fl") ms" ""
	done
fi
RELAY_CPUS="" OTHER_CPUS=""
fi

# ---- kiosk -------------------------------------------------------------
if part kiosk && [ -x tests/ui/bench.sh ] && [ -x "$B/lucarne-kiosk" ]; then
	while IFS='|' read -r name value target; do
		row "kiosk: $name" "$value" "$target"
	done < <(tests/ui/bench.sh "$B" 2>/dev/null | awk -F'|' '
		/^\|/ && $2 !~ /kiosk metric|^-+$/ {
			for (i = 2; i <= 4; i++) gsub(/^ +| +$/, "", $i)
			print $2 "|" $3 "|" $4 }')
fi

echo
echo "Lucarne bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r)"
printf '| %-44s | %-26s | %-18s |\n' metric value target
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..28})" "$(printf -- '-%.0s' {1..20})"
printf '%s\n' "${rows[@]}"
