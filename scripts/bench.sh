#!/bin/bash
# make bench: speed measurements on loopback, printed as one table.
# Targets are printed beside each figure; nothing here fails the build.
#   BENCH_FANOUT="100 500 1000 2000"  viewer counts for the fan-out rows
#   BENCH_SECONDS=8                    measuring window per row
#   BENCH_PARTS="latency capture fanout kiosk"  sections to run
#   BENCH_CAPTURE_OPTS=""              extra lucarne-capture options (all rows)
#   BENCH_RPS=0                        fan-out: 1 (root, with pinning) steers the
#                                      loopback receive work to the load
#                                      generator's CPUs (RPS on lo), as a
#                                      network would keep it off the relay;
#                                      restored at exit. Rows say "(RPS)".
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
# Interrupt and softirq ticks of one CPU: the kernel accounts there (not to
# the process) part of what the relay's sends cost, such as the loopback
# receiver's TCP work; with the relay pinned, that CPU's share is its own.
irq_ticks() { awk -v c="cpu$1" '$1 == c { print $7 + $8 }' /proc/stat; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
part() { [[ $PARTS == *" $1 "* ]]; }
# Prefix a command with taskset when pinning (fan-out section only); a
# plain word list, not a function, so that $! is the program's own pid.
on_cpus() { [ -n "$1" ] && echo "taskset -c $1"; }
# The relay's own fan-out delay histogram: "le count" lines, cumulative.
delay_hist() {
	curl -sf "http://127.0.0.1:$PORT/metrics" |
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
metric() { curl -sf "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $2 } END { print s + 0 }'; }

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
		--log-level warn 2>"$W/relay.log" &
	RELAY=$!
	pids="$pids $RELAY"
	until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.05; done
}

start_capture() { # SIZE KBPS
	$(on_cpus "$OTHER_CPUS") "$B/lucarne-capture" --relay "ws://127.0.0.1:$PORT" \
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
	$(on_cpus "$OTHER_CPUS") "$B/lucarne-view" --relay "ws://127.0.0.1:$PORT" --user viewer \
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
if part fanout; then
if [ "$PIN" = 1 ] && [ "${BENCH_RPS:-0}" = 1 ] && [ -w "$RPS_FILE" ]; then
	RPS_OLD=$(cat "$RPS_FILE")
	printf '%x\n' $(( ((1 << NCPU) - 1) & ~(1 << RELAY_CPUS) )) >"$RPS_FILE"
	row "fan-out: loopback receive work (RPS)" "on CPUs $OTHER_CPUS" ""
fi
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
	view $((SECS + 30)) --no-decode --connections "$n" --connect-rate 500 \
		>"$W/load.json" 2>"$W/load.log" &
	load=$!
	deadline=$((SECONDS + 30))
	until [ "$(metric lucarne_viewers)" -ge "$n" ] || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
	# Settle, then measure the relay alone over the window.
	sleep 2
	i0=$(metric lucarne_frames_in_total)
	f0=$(metric lucarne_frames_out_total)
	c0=$(cpu_ticks "$RELAY")
	q0=$([ -n "$RELAY_CPUS" ] && irq_ticks "$RELAY_CPUS")
	delay_hist >"$W/h0"
	sleep "$SECS"
	c1=$(cpu_ticks "$RELAY")
	q1=$([ -n "$RELAY_CPUS" ] && irq_ticks "$RELAY_CPUS")
	delay_hist >"$W/h1"
	f1=$(metric lucarne_frames_out_total)
	i1=$(metric lucarne_frames_in_total)
	rss=$(rss_mb "$RELAY")
	# A newcomer while $n watch: time to its first frame.
	newc=$(view 1 | jq -r .first_frame_ms)
	kill -INT "$load" 2>/dev/null
	wait "$load"
	cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$HZ" -v s="$SECS" 'BEGIN { printf "%.0f", (b - a) * 100 / hz / s }')
	sent=$(( (f1 - f0) ))
	# Every frame in, to every viewer (counters read at slightly
	# different instants: a frame or so either way is noise).
	want=$(( (i1 - i0) * n ))
	row "fan-out $n viewers: relay CPU / RSS" "$cpu % / $rss MB" "$([ "$n" = 1000 ] && echo '<= 35 %')"
	[ -n "$q0" ] && row "fan-out $n viewers: + softirq on the relay's CPU" \
		"$(awk -v a="$q0" -v b="$q1" -v hz="$HZ" -v s="$SECS" 'BEGIN { printf "%.0f", (b - a) * 100 / hz / s }') %" ""
	row "fan-out $n viewers: frames out / in x viewers" "$sent / $want" "all"
	row "fan-out $n viewers: relay added delay p50 / p99" \
		"$(delay_quantiles "$W/h0" "$W/h1") ms" \
		"$([ "$n" = 1000 ] && echo 'p99 <= 10 ms')"
	row "fan-out $n viewers: delay p50 / p99$PINNED" \
		"$(jq -r '"\(.latency_ms.p50) / \(.latency_ms.p99) ms"' "$W/load.json" 2>/dev/null)" \
		"$([ "$n" = 1000 ] && echo '+<= 10 ms')$([ "$n" = 2000 ] && echo '+<= 25 ms')"
	row "fan-out $n viewers: newcomer first frame" "$newc ms" "<= 1000 ms"
done
stop_stack
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
