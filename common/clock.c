#include "common/clock.h"

#include <errno.h>
#include <time.h>

static int64_t read_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t clock_mono_us(void)
{
	return read_us(CLOCK_MONOTONIC);
}

int64_t clock_mono_ms(void)
{
	return read_us(CLOCK_MONOTONIC) / 1000;
}

int64_t clock_wall_us(void)
{
	return read_us(CLOCK_REALTIME);
}

int64_t clock_mono_to_wall_offset_us(void)
{
	/* Bracket the wall reading between two monotonic ones so that a
	 * preemption between the calls costs at most half the gap. */
	int64_t m0 = read_us(CLOCK_MONOTONIC);
	int64_t w = read_us(CLOCK_REALTIME);
	int64_t m1 = read_us(CLOCK_MONOTONIC);

	return w - (m0 + (m1 - m0) / 2);
}

void clock_sleep_us(int64_t us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
