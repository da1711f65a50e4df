/* The capture/encode thread with the test pattern: first frame a
 * keyframe, nothing encoded while not sending, the pause slate (a
 * keyframe first, flagged SLATE, once a second), resuming on a keyframe,
 * and a full ring answered by a keyframe. */
#include "capture/pipeline.h"
#include "common/clock.h"
#include "common/proto.h"
#include "tests/tap.h"

#include <stdlib.h>

static int wakes;

static void wake(void *user)
{
	(void)user;
	__atomic_add_fetch(&wakes, 1, __ATOMIC_RELAXED);
}

/* Pop everything within @ms; returns the flags of the first packet (or
 * -1) and counts packets and slates. */
static int drain(struct ring *r, int ms, int *n, int *slates, int *first_key)
{
	int64_t end = clock_mono_ms() + ms;
	int first = -1;

	*n = *slates = 0;
	if (first_key)
		*first_key = -1;
	while (clock_mono_ms() < end) {
		struct ring_pkt *p = ring_pop(r);

		if (!p) {
			clock_sleep_us(2000);
			continue;
		}
		if (first < 0)
			first = p->flags;
		if (first_key && *first_key < 0 && (p->flags & PROTO_FLAG_KEY))
			*first_key = *n;
		(*n)++;
		*slates += !!(p->flags & PROTO_FLAG_SLATE);
		ring_pkt_unref(p);
	}
	return first;
}

int main(void)
{
	char err[256];
	struct source_config sc = { "testpattern", 160, 120, 50, false };
	struct encoder_config ec = { 160, 120, 50, 300, 3, 0, -8, 1 };
	struct source *src = source_new(&sc, err, sizeof(err));
	struct encoder *enc = encoder_new(&ec, err, sizeof(err));
	struct ring *ring = ring_new(4);
	struct pipeline *pl =
		pipeline_new(src, enc, ring, 160, 120, wake, NULL);
	struct pipeline_stats st;
	int n, slates, first, fk;

	plan(12);
	ok(pipeline_start(pl) == 0, "thread starts");
	first = drain(ring, 300, &n, &slates, NULL);
	ok(n == 0 && pipeline_source_up(pl),
	   "source up, nothing sent while "
	   "nobody takes frames");
	pipeline_get_stats(pl, &st);
	ok(st.captured > 5 && st.dropped_offline == st.captured,
	   "frames read but not encoded (%llu)",
	   (unsigned long long)st.captured);

	pipeline_set_sending(pl, true);
	first = drain(ring, 400, &n, &slates, NULL);
	ok(first == PROTO_FLAG_KEY && n >= 8 && slates == 0,
	   "sending: starts with a keyframe, ~50 fps (%d)", n);

	pipeline_set_paused(pl, true);
	first = drain(ring, 1500, &n, &slates, &fk);
	ok(slates >= 1 && slates <= 3, "paused: a slate a second (%d)", slates);
	ok(n - slates <= 3, "no camera frame after the pause took hold");
	ok(fk >= 0,
	   "the first slate is a keyframe (no camera pixel left to "
	   "refer to)");
	pipeline_set_paused(pl, false);
	first = drain(ring, 300, &n, &slates, NULL);
	ok(slates <= 1 && n >= 5, "resumed: camera frames again (%d)", n);

	/* Nobody pops for a while: the ring (4) fills and frames drop. */
	clock_sleep_us(300000);
	pipeline_get_stats(pl, &st);
	ok(st.dropped_full > 0, "full ring drops frames (%llu)",
	   (unsigned long long)st.dropped_full);
	ring_clear(ring);
	first = drain(ring, 200, &n, &slates, &fk);
	ok(fk >= 0 && fk <= 1, "after the drop, a keyframe comes next (%d)",
	   fk);

	pipeline_set_bitrate(pl, 100);
	clock_sleep_us(100000);
	ok(encoder_bitrate(enc) == 100, "bitrate applied by the thread");
	ok(wakes > 10, "the loop was woken for each frame");
	pipeline_free(pl);
	ring_free(ring);
	encoder_free(enc);
	source_free(src);
	return done();
}
