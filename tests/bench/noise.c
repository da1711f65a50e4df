/* noise: how fast this machine does a fixed piece of kernel work, again
 * and again, while make bench measures something else beside it.
 *
 * On a shared virtual machine the same work takes up to half as long
 * again for a second or more at a time (the host's other tenants), and
 * every fan-out figure moves with it. The bench runs this at SCHED_IDLE
 * on the relay's CPU, so that it only ever uses time the relay leaves
 * idle, and prints how slow the machine was during each measuring window.
 *
 *   noise INTERVAL_MS    one line per sample on stdout, until killed:
 *                        "<seconds since boot> <CPU ms of the work>"
 *                        (CLOCK_BOOTTIME: the clock of /proc/uptime)
 *
 * The work: 200 round trips of a 4 KiB datagram through a UNIX socket
 * pair, about the kernel path length of the relay's sends. Its CPU time,
 * not its wall time, is printed: being preempted is not being slow.
 */
#include "common/clock.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ROUND_TRIPS 200
#define MSG 4096

static double thread_cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double boot_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_BOOTTIME, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int sample(const int sv[2], char *buf, double *ms)
{
	double t0 = thread_cpu_ms();

	for (int i = 0; i < ROUND_TRIPS; i++) {
		if (send(sv[0], buf, MSG, 0) != MSG ||
		    recv(sv[1], buf, MSG, 0) != MSG)
			return -errno;
	}
	*ms = thread_cpu_ms() - t0;
	return 0;
}

int main(int argc, char **argv)
{
	struct sched_param sp = { 0 };
	static char buf[MSG];
	int sv[2], interval_ms;

	if (argc != 2 || (interval_ms = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: noise INTERVAL_MS\n");
		return 2;
	}
	if (sched_setscheduler(0, SCHED_IDLE, &sp) < 0)
		fprintf(stderr, "noise: cannot use SCHED_IDLE: %s\n",
			strerror(errno));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0) {
		fprintf(stderr, "noise: socketpair: %s\n", strerror(errno));
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		double ms = 0;
		int rc = sample(sv, buf, &ms);

		if (rc < 0) {
			fprintf(stderr, "noise: %s\n", strerror(-rc));
			return 1;
		}
		printf("%.3f %.4f\n", boot_s(), ms);
		clock_sleep_us((int64_t)interval_ms * 1000);
	}
}
