/*
 * clocksync - set the test guest's clock from the host's (tests/vm/init).
 *
 * Usage: clocksync FILE
 *
 * FILE is on the host's 9p share. When the guest writes to it, the host's
 * kernel stamps its mtime with the host's clock, in nanoseconds; the write
 * returns within a millisecond or two. Taking the stamp as made halfway
 * through the write, the guest's CLOCK_REALTIME is set to the host's time to
 * about the write's half round trip plus the host's clock tick (mtimes come
 * from the coarse clock). The RTC the kernel read at boot keeps only whole
 * seconds, and QEMU drops the fraction of the second it started in, which
 * would leave the guest up to 1.2 s behind: enough to spoil every latency
 * measured between guest and host.
 *
 * The best of a few samples (shortest round trip) is used. Prints the
 * correction on stdout; FILE is removed. Exit status 0 when set, 1 when the
 * file cannot be used or the clock cannot be set.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SAMPLES 5

static int64_t ns_of(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ns_of(&ts);
}

/*
 * sample: write FD once; *host is the host's stamp, *mid the guest's
 * monotonic time halfway through the write, *rtt its length (ns).
 * Returns 0, or -1 with errno set.
 */
static int sample(int fd, int64_t *host, int64_t *mid, int64_t *rtt)
{
	struct stat st;
	int64_t t0, t1;

	t0 = mono_ns();
	if (pwrite(fd, "x", 1, 0) != 1)
		return -1;
	t1 = mono_ns();
	/* cache=none: fstat asks the host, so this is its mtime. */
	if (fstat(fd, &st) < 0)
		return -1;
	*host = ns_of(&st.st_mtim);
	*mid = t0 + (t1 - t0) / 2;
	*rtt = t1 - t0;
	return 0;
}

int main(int argc, char **argv)
{
	int64_t host = 0, mid = 0, rtt = INT64_MAX, offset;
	struct timespec now, set;
	int fd, i;

	if (argc != 2) {
		fprintf(stderr, "usage: clocksync FILE\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "clocksync: %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	for (i = 0; i < SAMPLES; i++) {
		int64_t h, m, r;

		if (sample(fd, &h, &m, &r) < 0) {
			fprintf(stderr, "clocksync: %s: %s\n", argv[1],
				strerror(errno));
			close(fd);
			unlink(argv[1]);
			return 1;
		}
		if (r < rtt) {
			host = h;
			mid = m;
			rtt = r;
		}
	}
	close(fd);
	unlink(argv[1]);

	/* The host's time now: its stamp plus the time since the stamp. */
	clock_gettime(CLOCK_REALTIME, &now);
	offset = host + (mono_ns() - mid);
	set.tv_sec = offset / 1000000000;
	set.tv_nsec = offset % 1000000000;
	if (clock_settime(CLOCK_REALTIME, &set) < 0) {
		fprintf(stderr, "clocksync: clock_settime: %s\n",
			strerror(errno));
		return 1;
	}
	printf("clock set %+.1f ms (write round trip %.2f ms)\n",
	       (double)(offset - ns_of(&now)) / 1e6, (double)rtt / 1e6);
	return 0;
}
