#include "common/clock.h"
#include "tests/tap.h"

#include <time.h>

int main(void)
{
	int64_t a = clock_mono_us(), b, off;

	clock_sleep_us(2000);
	b = clock_mono_us();
	ok(b - a >= 2000, "sleep of 2 ms advances monotonic time by >= 2 ms");
	ok(clock_mono_ms() >= a / 1000, "ms and us agree");
	ok(clock_wall_us() / 1000000 - (int64_t)time(NULL) <= 1 &&
		   (int64_t)time(NULL) - clock_wall_us() / 1000000 <= 1,
	   "wall clock agrees with time()");
	off = clock_mono_to_wall_offset_us();
	b = clock_mono_us() + off - clock_wall_us();
	ok(b > -5000 && b < 5000, "mono + offset is wall time (diff %lld us)",
	   (long long)b);
	return done();
}
