/* The test pattern: moving, never black, with a clock burned in; and the
 * pause slate. */
#include "capture/frame.h"
#include "capture/pattern.h"
#include "tests/tap.h"

#include <stdlib.h>
#include <string.h>

static double mean_luma(const struct frame *f)
{
	unsigned long long sum = 0;

	for (int y = 0; y < f->height; y++)
		for (int x = 0; x < f->width; x++)
			sum += f->y[y * f->stride_y + x];
	return (double)sum / (f->width * f->height);
}

static size_t bytes_differing(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t d = 0;

	for (size_t i = 0; i < n; i++)
		d += a[i] != b[i];
	return d;
}

int main(void)
{
	struct frame *a = frame_new(640, 480), *b = frame_new(640, 480);
	struct frame *s = frame_new(320, 240);
	size_t ysz = 640 * 480, band = 640 * 40;
	const int64_t t = 1700000000LL * 1000000; /* 22:13:20.000 UTC */

	plan(8);
	pattern_draw(a, 0, t);
	pattern_draw(b, 1, t);
	ok(mean_luma(a) > 40 && mean_luma(b) > 40, "pattern is not black");
	ok(bytes_differing(a->y, b->y, ysz) > ysz / 2,
	   "consecutive frames differ over most of the picture");
	ok(a->capture_us == t && !a->slate, "stamped with the clock, no slate");

	/* Same frame number, another time: only the clock band changes. */
	pattern_draw(b, 0, t + 1234000);
	ok(bytes_differing(a->y, b->y, band) > 0, "the clock is burned in");
	ok(bytes_differing(a->y + band, b->y + band, ysz - band) == 0,
	   "nothing but the clock depends on the time");

	ok(pattern_draw_text(a, 0, 0, 1, 200, "12:00") == 30,
	   "text advances 6 pixels a character at scale 1");

	pattern_draw_slate(s, t);
	ok(s->slate && s->capture_us == t, "slate flagged and stamped");
	ok(mean_luma(s) > 30, "slate is not black");

	frame_free(a);
	frame_free(b);
	frame_free(s);
	return done();
}
