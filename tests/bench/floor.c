/* floor: the fan-out's floor on this machine. What any relay pays to
 * hand one frame to N viewers on loopback, whatever it is written in:
 * one send() per viewer, nothing else.
 *
 *   floor VIEWERS BYTES SECONDS SEND_CPU RECV_CPU [WINDOWS]
 *
 * A receiver thread on RECV_CPU accepts VIEWERS loopback TCP connections
 * and drains them from one epoll loop, pausing 250 µs after a partial
 * batch like lucarne-view's load generator. The sender, on SEND_CPU, sends
 * a frame to every connection 30 times a second, for SECONDS after a
 * second of warm-up. BYTES is every frame's size, or a comma-separated
 * list of sizes replayed in a loop (a real stream's shape: lucarne-capture
 * --encode-only prints one). For each send, the time from the start of
 * its pass to its return is what the relay's "added delay" measures for a
 * frame. Prints one JSON object:
 *
 *   {"viewers":N,"bytes":MEAN,"passes":P,
 *    "pass_ms":{"p50":..,"p99":..,"max":..},
 *    "delay_ms":{"p50":..,"p99":..},"window_p99_ms":[..],"cpu_percent":C}
 *
 * window_p99_ms is the delay's p99 in each of WINDOWS (default 1) equal
 * parts of the run, like the relay rows' windows. cpu_percent is the
 * sender thread's CPU over the measured passes: like the relay's, it
 * holds the loopback receive work its sends run.
 */
#include "common/clock.h"
#include "view/hist.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FPS 30
#define MAX_SIZES 100000
#define MAX_WINDOWS 100
#define RBUF (256 * 1024)
#define COALESCE_US 250

struct floor {
	int viewers, lfd, ep, recv_cpu;
	volatile int stop;
};

static int64_t thread_cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static void pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	if (sched_setaffinity(0, sizeof(s), &s) < 0)
		fprintf(stderr, "floor: cannot pin to CPU %d: %s\n", cpu,
			strerror(errno));
}

static void *receiver(void *arg)
{
	struct floor *fl = arg;
	struct epoll_event evs[256];
	char *buf = malloc(RBUF);

	pin(fl->recv_cpu);
	while (buf && !fl->stop) {
		int n = epoll_wait(fl->ep, evs, 256, 20);

		for (int i = 0; i < n; i++)
			while (read(evs[i].data.fd, buf, RBUF) > 0)
				;
		if (n > 0 && n < 256) {
			struct timespec ts = { 0, COALESCE_US * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	free(buf);
	return NULL;
}

/* VIEWERS connected pairs: the sender's ends in @out, the receiver's in
 * the epoll set. */
static int connect_all(struct floor *fl, int *out)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int one = 1;

	fl->lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (fl->lfd < 0 || bind(fl->lfd, (struct sockaddr *)&a, len) < 0 ||
	    listen(fl->lfd, 4096) < 0 ||
	    getsockname(fl->lfd, (struct sockaddr *)&a, &len) < 0)
		return -errno;
	for (int i = 0; i < fl->viewers; i++) {
		struct epoll_event ev = { .events = EPOLLIN };
		int fd = socket(AF_INET, SOCK_STREAM, 0), r;

		if (fd < 0)
			return -errno;
		out[i] = fd;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
			return -errno;
		r = accept(fl->lfd, NULL, NULL);
		if (r < 0)
			return -errno;
		fcntl(r, F_SETFL, O_NONBLOCK);
		fcntl(fd, F_SETFL, O_NONBLOCK);
		ev.data.fd = r;
		if (epoll_ctl(fl->ep, EPOLL_CTL_ADD, r, &ev) < 0)
			return -errno;
	}
	return 0;
}

static double ms(int64_t us)
{
	return (double)us / 1000.0;
}

/* "4166" or "5371,8677,2323,...": fills @sizes, returns how many (0 if
 * malformed). */
static int parse_sizes(const char *arg, int *sizes, int max, int *largest)
{
	int n = 0;

	*largest = 0;
	while (*arg && n < max) {
		char *end;
		long v = strtol(arg, &end, 10);

		if (end == arg || v <= 0 || v > 16 * 1024 * 1024 ||
		    (*end && *end != ','))
			return 0;
		sizes[n++] = (int)v;
		if (v > *largest)
			*largest = (int)v;
		arg = *end ? end + 1 : end;
	}
	return *arg ? 0 : n;
}

int main(int argc, char **argv)
{
	struct floor fl = { .lfd = -1, .ep = -1 };
	int seconds = 0, passes, warm = FPS, rc = 1, n_sizes = 0, largest = 0;
	int windows = argc > 6 ? atoi(argv[6]) : 1;
	int *fds = NULL, *sizes = calloc(MAX_SIZES, sizeof(*sizes));
	char *msg = NULL;
	struct hist *delay = hist_new(), *pass = hist_new();
	struct hist *win[MAX_WINDOWS] = { NULL };
	int64_t cpu0 = 0, total = 0;
	pthread_t rx;
	bool started = false;

	if (sizes && argc >= 6)
		n_sizes = parse_sizes(argv[2], sizes, MAX_SIZES, &largest);
	if ((argc != 6 && argc != 7) || (fl.viewers = atoi(argv[1])) <= 0 ||
	    !n_sizes || (seconds = atoi(argv[3])) <= 0 || windows < 1 ||
	    windows > MAX_WINDOWS) {
		fprintf(stderr,
			"usage: floor VIEWERS BYTES[,BYTES...] SECONDS "
			"SEND_CPU RECV_CPU [WINDOWS]\n");
		rc = 2;
		goto fail;
	}
	passes = seconds * FPS;
	fl.recv_cpu = atoi(argv[5]);
	fds = calloc((size_t)fl.viewers, sizeof(*fds));
	msg = calloc(1, (size_t)largest);
	for (int w = 0; w < windows; w++)
		win[w] = hist_new();
	fl.ep = epoll_create1(0);
	if (!fds || !msg || fl.ep < 0)
		goto fail;
	pin(atoi(argv[4]));
	if ((rc = connect_all(&fl, fds)) < 0) {
		fprintf(stderr, "floor: %s (descriptor limit?)\n",
			strerror(-rc));
		rc = 1;
		goto fail;
	}
	rc = 1;
	if (pthread_create(&rx, NULL, receiver, &fl) != 0)
		goto fail;
	started = true;
	for (int p = -warm; p < passes; p++) {
		int64_t t0 = clock_mono_us(), t, d;
		int bytes = sizes[(p + warm) % n_sizes];
		struct hist *w = p >= 0 ? win[p * windows / passes] : NULL;

		if (p == 0)
			cpu0 = thread_cpu_us();
		if (p >= 0)
			total += bytes;
		for (int i = 0; i < fl.viewers; i++) {
			if (send(fds[i], msg, (size_t)bytes, MSG_NOSIGNAL) !=
			    bytes) {
				fprintf(stderr,
					"floor: short send: the "
					"receiver falls behind\n");
				goto fail;
			}
			if (p >= 0) {
				d = clock_mono_us() - t0;
				hist_add(delay, d);
				hist_add(w, d);
			}
		}
		t = clock_mono_us() - t0;
		if (p >= 0)
			hist_add(pass, t);
		if (t < 1000000 / FPS)
			clock_sleep_us(1000000 / FPS - t);
	}
	cpu0 = thread_cpu_us() - cpu0;
	printf("{\"viewers\":%d,\"bytes\":%lld,\"passes\":%d,"
	       "\"pass_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},"
	       "\"delay_ms\":{\"p50\":%.2f,\"p99\":%.2f},\"window_p99_ms\":[",
	       fl.viewers, (long long)(total / passes), passes,
	       ms(hist_percentile(pass, 50)), ms(hist_percentile(pass, 99)),
	       ms(hist_max(pass)), ms(hist_percentile(delay, 50)),
	       ms(hist_percentile(delay, 99)));
	for (int w = 0; w < windows; w++)
		printf("%s%.2f", w ? "," : "", ms(hist_percentile(win[w], 99)));
	printf("],\"cpu_percent\":%.0f}\n",
	       (double)cpu0 * 100.0 / ((double)seconds * 1e6));
	rc = 0;
fail:
	if (started) {
		fl.stop = 1;
		pthread_join(rx, NULL);
	}
	/* The descriptors go with the process. */
	for (int w = 0; w < MAX_WINDOWS; w++)
		hist_free(win[w]);
	hist_free(pass);
	hist_free(delay);
	free(sizes);
	free(msg);
	free(fds);
	return rc;
}
