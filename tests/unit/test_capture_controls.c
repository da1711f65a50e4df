/* Camera controls in the capture agent: the test pattern's synthetic
 * brightness and contrast (listed with their ranges, really changing the
 * pixels, invalid values ignored), pattern_adjust itself, and the
 * pipeline's hand-off from the lws thread to the capture thread (a
 * bounded queue; the list comes back with a new generation). */
#include "capture/pattern.h"
#include "capture/pipeline.h"
#include "common/clock.h"
#include "common/err.h"
#include "tests/tap.h"

#include <string.h>

static int mean_luma(const struct frame *f, int y0, int y1)
{
	long long sum = 0, n = 0;

	for (int y = y0; y < y1; y++)
		for (int x = 0; x < f->width; x++, n++)
			sum += f->y[(size_t)y * (size_t)f->stride_y +
				    (size_t)x];
	return (int)(sum / n);
}

static struct camctl_list one(const char *name, int value)
{
	struct camctl_list set = { .n = 1 };

	snprintf(set.c[0].name, sizeof(set.c[0].name), "%s", name);
	set.c[0].value = value;
	return set;
}

static void test_pattern_source(void)
{
	char err[256];
	struct source_config sc = { "testpattern", 160, 120, 50, true };
	struct source *src = source_new(&sc, err, sizeof(err));
	struct frame *f = frame_new(160, 120);
	struct camctl_list l, set;
	int l0, l1;

	source_get_controls(src, &l);
	ok(l.n == 2 && strcmp(l.c[0].name, "brightness") == 0 &&
		   strcmp(l.c[1].name, "contrast") == 0 && l.c[0].min == 0 &&
		   l.c[0].max == 255 && l.c[0].def == 128 &&
		   l.c[0].value == 128 && l.c[0].kind == CAMCTL_INT,
	   "the pattern lists brightness and contrast, 0..255, default 128");
	is_int(source_open(src), 0, "pattern opens");
	source_read(src, f);
	l0 = mean_luma(f, 90, 120); /* below the box, away from the text */
	set = one("brightness", 200);
	is_int(source_set_controls(src, &set), 0, "brightness 200 set");
	source_get_controls(src, &l);
	is_int(l.c[0].value, 200, "and reported");
	source_read(src, f);
	l1 = mean_luma(f, 90, 120);
	ok(l1 > l0 + 50, "the pixels are brighter (%d -> %d)", l0, l1);
	set = one("brightness", 999);
	source_set_controls(src, &set);
	source_get_controls(src, &l);
	is_int(l.c[0].value, 200, "an out-of-range value is ignored");
	set = one("zoom", 3);
	is_int(source_set_controls(src, &set), 0,
	       "an unknown control is skipped");
	source_close(src);
	source_open(src);
	source_get_controls(src, &l);
	is_int(l.c[0].value, 200, "values survive a close and reopen");
	frame_free(f);
	source_free(src);
}

static void test_adjust(void)
{
	struct frame *f = frame_new(16, 16);

	frame_fill(f, 100, 128, 128);
	pattern_adjust(f, 128, 128);
	is_int(f->y[0], 100, "defaults leave the picture alone");
	pattern_adjust(f, 128, 0);
	is_int(f->y[0], 128, "contrast 0: mid grey");
	frame_fill(f, 200, 128, 128);
	pattern_adjust(f, 255, 255);
	is_int(f->y[5], 235, "clipped to video white");
	pattern_adjust(f, 0, 128);
	is_int(f->y[5], 107, "brightness 0 subtracts 128");
	frame_free(f);
}

static int wakes;

static void wake(void *user)
{
	(void)user;
	__atomic_add_fetch(&wakes, 1, __ATOMIC_RELAXED);
}

static void test_pipeline(void)
{
	char err[256];
	struct source_config sc = { "testpattern", 160, 120, 25, false };
	struct encoder_config ec = { 160, 120, 25, 300, 1, 0, -8, 1 };
	struct source *src = source_new(&sc, err, sizeof(err));
	struct encoder *enc = encoder_new(&ec, err, sizeof(err));
	struct ring *ring = ring_new(4);
	struct pipeline *pl =
		pipeline_new(src, enc, ring, 160, 120, wake, NULL);
	struct camctl_list set = one("contrast", 60), l;
	uint64_t gen0;
	int64_t end;
	int rc = 0;

	is_int((int)pipeline_get_controls(pl, &l), 0,
	       "no list before the thread runs");
	for (int i = 0; i < PIPELINE_CTL_QUEUE; i++)
		rc |= pipeline_set_controls(pl, &set);
	is_int(rc, 0, "the queue takes PIPELINE_CTL_QUEUE changes");
	is_int(pipeline_set_controls(pl, &set), LC_EAGAIN,
	       "then refuses with LC_EAGAIN");
	is_int(pipeline_start(pl), 0, "thread starts");
	end = clock_mono_ms() + 3000;
	do {
		gen0 = pipeline_get_controls(pl, &l);
		if (gen0 && l.n == 2 && l.c[1].value == 60)
			break;
		clock_sleep_us(10000);
	} while (clock_mono_ms() < end);
	ok(gen0 > 0 && l.c[1].value == 60,
	   "the capture thread applied the queued change (gen %llu)",
	   (unsigned long long)gen0);
	set = one("brightness", 30);
	is_int(pipeline_set_controls(pl, &set), 0, "a later change queues");
	end = clock_mono_ms() + 3000;
	while (clock_mono_ms() < end &&
	       !(pipeline_get_controls(pl, &l) > gen0 && l.c[0].value == 30))
		clock_sleep_us(10000);
	ok(l.c[0].value == 30, "and comes back with a newer generation");
	pipeline_stop(pl);
	set = one("brightness", 40);
	pipeline_set_controls(pl, &set); /* left queued: freed with it */
	pipeline_free(pl);
	ring_free(ring);
	encoder_free(enc);
	source_free(src);
}

int main(void)
{
	test_pattern_source();
	test_adjust();
	test_pipeline();
	return done();
}
