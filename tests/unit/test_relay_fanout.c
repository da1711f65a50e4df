/* Fan-out queue policy: cached-keyframe start, layer thinning and its
 * recovery at SYNC, skip to keyframe, hard cap, GOP cache cap. */
#include "relay/fanout.h"
#include "common/proto.h"
#include "tests/tap.h"

#include <string.h>

static struct fanout_stats st;
static uint32_t seq;

/* Push one video frame of @len bytes; returns its seq. */
static uint32_t push(struct fanout_room *r, int flags, int layer, uint32_t len)
{
	struct frame *f = frame_new(len);

	f->kind = PROTO_KIND_VIDEO;
	f->flags = (uint8_t)flags;
	f->layer = (uint8_t)layer;
	memset(frame_data(f), 0, len < 32 ? len : 32);
	/* keep the seq in the first bytes so tests can see what came */
	memcpy(frame_data(f), &seq, sizeof(seq));
	fanout_room_push(r, f);
	frame_unref(f);
	return seq++;
}

/* The 3-layer pattern 0,2,1,2 with a keyframe first; layer-1 and the
 * layer-2 frame after the base are SYNC. */
static void push_gop(struct fanout_room *r, int frames, uint32_t len)
{
	static const int layers[4] = { 0, 2, 1, 2 };

	for (int i = 0; i < frames; i++) {
		int l = layers[i % 4];
		int fl = i == 0 ? PROTO_FLAG_KEY : 0;

		if (l == 1)
			fl |= PROTO_FLAG_SYNC;
		if (l == 2)
			fl |= PROTO_FLAG_DROPPABLE |
				(i % 4 == 1 ? PROTO_FLAG_SYNC : 0);
		push(r, fl, l, len);
	}
}

static uint32_t seq_of(struct frame *f)
{
	uint32_t s;

	memcpy(&s, frame_data(f), sizeof(s));
	return s;
}

/* Drain everything for @v; count frames per layer. */
static int drain(struct fanout_room *r, struct fanout_viewer *v, int *layers,
		 int *flags_or)
{
	struct frame *f;
	int n = 0, rc;

	while ((rc = fanout_viewer_next(r, v, &f)) & FANOUT_F_SEND) {
		if (layers)
			layers[f->layer]++;
		if (flags_or)
			*flags_or |= rc;
		n++;
	}
	if (flags_or)
		*flags_or |= rc;
	return n;
}

/* The fan-out delay histogram: bucket edges are inclusive upper bounds
 * (Prometheus "le"), quantiles interpolate inside a bucket. */
static void test_delay_hist(void)
{
	struct delay_hist h;

	memset(&h, 0, sizeof(h));
	is_int(delay_hist_quantile(&h, 0.5), 0, "empty histogram: 0");
	delay_hist_add(&h, -5);
	delay_hist_add(&h, 500);
	ok(h.count[0] == 2, "negatives and the first bound land in bucket 0");
	delay_hist_add(&h, 501);
	ok(h.count[1] == 1, "just past a bound: the next bucket");
	delay_hist_add(&h, 2000000);
	ok(h.count[DELAY_HIST_BUCKETS] == 1 && h.n == 4,
	   "past the last bound: +Inf bucket");
	ok(h.sum_us == 500 + 501 + 2000000, "sum of samples (negatives as 0)");

	memset(&h, 0, sizeof(h));
	for (int i = 0; i < 100; i++)
		delay_hist_add(&h, 2500); /* all in (2000, 3000] */
	is_int(delay_hist_quantile(&h, 0.5), 2500, "p50 interpolated");
	is_int(delay_hist_quantile(&h, 1.0), 3000, "p100 at the bound");
	for (int i = 0; i < 100; i++)
		delay_hist_add(&h, 5000000);
	is_int(delay_hist_quantile(&h, 0.99), 1000000,
	       "+Inf answers the last bound");
	is_int(delay_hist_quantile(&h, 0.25), 2500, "lower half unchanged");
}

int main(void)
{
	struct fanout_room *r = fanout_room_new(&st);
	struct fanout_viewer *a = fanout_viewer_new(), *b = fanout_viewer_new();
	struct frame *f;
	int layers[3] = { 0 }, fl = 0, n, rc;

	/* Frames before the first keyframe are dropped. */
	push(r, 0, 0, 100);
	ok(fanout_room_frames(r) == 0 && st.drop_no_key == 1,
	   "frames before the first keyframe are dropped");
	ok(fanout_viewer_join(r, a) == FANOUT_F_KEY,
	   "joining without a cached keyframe asks for one");
	ok(!(fanout_viewer_next(r, a, &f) & FANOUT_F_SEND), "nothing to send");

	/* A GOP arrives; the waiting viewer starts at its keyframe. */
	push_gop(r, 1, 1000);
	rc = fanout_viewer_next(r, a, &f);
	ok((rc & FANOUT_F_SEND) && (f->flags & PROTO_FLAG_KEY),
	   "waiting viewer starts at the keyframe");
	n = 1;
	for (int i = 1; i < 20; i++) {
		static const int lay[4] = { 0, 2, 1, 2 };

		push(r, lay[i % 4] == 1 ? PROTO_FLAG_SYNC : 0, lay[i % 4],
		     1000);
		n += drain(r, a, NULL, NULL);
	}
	is_int(n, 20, "then a viewer that keeps up gets every frame");

	/* A new viewer starts at once from the cached keyframe and gets the
	 * whole cached GOP (catch-up is not lag). */
	ok(fanout_viewer_join(r, b) == 0, "join with a cached keyframe");
	rc = fanout_viewer_next(r, b, &f);
	ok((rc & FANOUT_F_SEND) && (f->flags & PROTO_FLAG_KEY) &&
		   seq_of(f) == 1,
	   "new viewer starts at the cached keyframe");
	ok(rc & FANOUT_F_CATCHUP, "the cached GOP is flagged as catch-up");
	is_int(1 + drain(r, b, NULL, NULL), 20, "and gets the cached GOP");
	push(r, 0, 0, 1000);
	rc = fanout_viewer_next(r, b, &f);
	ok((rc & FANOUT_F_SEND) && !(rc & FANOUT_F_CATCHUP),
	   "a frame pushed after joining is live, not catch-up");
	drain(r, a, NULL, NULL);

	/* Light lag: 10 frames behind -> layer 2 skipped. */
	push_gop(r, 12, 1000); /* key + 11 */
	memset(layers, 0, sizeof(layers));
	drain(r, a, layers, NULL);
	ok(layers[2] == 0 || layers[2] < 6, "lagging viewer loses layer 2 (%d)",
	   layers[2]);
	ok(st.drop_layer2 > 0, "layer-2 drops are counted");

	/* Heavier lag: 20 frames -> layers 1 and 2 skipped. */
	drain(r, b, NULL, NULL);
	for (int i = 0; i < 5; i++)
		push(r, 0, 0, 1000), push(r, PROTO_FLAG_DROPPABLE, 2, 1000),
			push(r, 0, 1, 1000),
			push(r, PROTO_FLAG_DROPPABLE, 2, 1000);
	memset(layers, 0, sizeof(layers));
	n = fanout_viewer_next(r, b, &f);
	ok((n & FANOUT_F_SEND) && f->layer == 0 && fanout_viewer_layer(b) == 0,
	   "20 frames behind: base layer only");
	drain(r, b, layers, NULL);
	ok(st.drop_layer1 > 0, "layer-1 drops are counted");
	/* Caught up at layer 0: layers come back only at SYNC frames, one
	 * at a time. */
	push(r, PROTO_FLAG_DROPPABLE, 2, 1000); /* layer 2, no sync */
	push(r, 0, 1, 1000); /* layer 1, no sync */
	push(r, PROTO_FLAG_DROPPABLE | PROTO_FLAG_SYNC, 2, 1000);
	push(r, PROTO_FLAG_SYNC, 1, 1000); /* layer 1 sync: up to 1 */
	push(r, PROTO_FLAG_DROPPABLE, 2, 1000); /* layer 2, no sync */
	push(r, PROTO_FLAG_DROPPABLE | PROTO_FLAG_SYNC, 2, 1000);
	memset(layers, 0, sizeof(layers));
	drain(r, b, layers, NULL);
	ok(layers[1] == 1 && layers[2] == 1 && fanout_viewer_layer(b) == 2,
	   "layers rise again one at a time at SYNC frames (%d %d)", layers[1],
	   layers[2]);
	drain(r, a, NULL, NULL);

	/* Far behind, keyframe ahead: jump to it. */
	for (int i = 0; i < 60; i++)
		push(r, 0, 0, 1000);
	push(r, PROTO_FLAG_KEY, 0, 1000);
	push(r, 0, 0, 1000);
	rc = fanout_viewer_next(r, a, &f);
	ok((rc & FANOUT_F_SEND) && (f->flags & PROTO_FLAG_KEY),
	   "far behind with a keyframe ahead: jump to the keyframe");
	drain(r, a, NULL, NULL);
	drain(r, b, NULL, NULL);

	/* Far behind, no keyframe ahead: skip to the next one and ask. */
	for (int i = 0; i < 60; i++)
		push(r, 0, 0, 1000);
	fl = 0;
	n = drain(r, a, NULL, &fl);
	ok(n == 0 && (fl & FANOUT_F_KEY),
	   "far behind, no keyframe ahead: skip all and request one");
	push(r, 0, 0, 1000);
	ok(!(fanout_viewer_next(r, a, &f) & FANOUT_F_SEND),
	   "delta frames are skipped while waiting");
	push(r, PROTO_FLAG_KEY, 0, 1000);
	rc = fanout_viewer_next(r, a, &f);
	ok((rc & FANOUT_F_SEND) && (f->flags & PROTO_FLAG_KEY) &&
		   fanout_viewer_layer(a) == 2,
	   "resumes at the next keyframe with every layer");
	ok(st.drop_to_key > 0, "skipped frames are counted");

	/* Hard cap: a viewer that never reads is cut. */
	drain(r, b, NULL, NULL);
	for (int i = 0; i < FANOUT_HARD_FRAMES + 1; i++)
		push(r, 0, 0, 100);
	ok(fanout_viewer_check(r, b) == FANOUT_F_SLOW,
	   "past the hard cap the viewer is cut");
	ok(fanout_viewer_next(r, b, &f) == FANOUT_F_SLOW,
	   "next() says slow too");
	ok(fanout_viewer_backlog(r, b) <= FANOUT_HARD_BYTES,
	   "the log stays bounded");
	ok(fanout_room_frames(r) <= FANOUT_HARD_FRAMES + 2,
	   "log holds the hard-cap window (%zu frames)", fanout_room_frames(r));

	/* GOP cache cap: a keyframe then 9 MiB of deltas drops the cache. */
	push(r, PROTO_FLAG_KEY, 0, 100000);
	fl = 0;
	for (int i = 0; i < 95; i++) {
		struct frame *g = frame_new(100000);

		g->kind = PROTO_KIND_VIDEO;
		fl |= fanout_room_push(r, g);
		frame_unref(g);
	}
	ok((fl & FANOUT_F_KEY) && !fanout_room_has_key(r),
	   "a GOP over 8 MiB is dropped and a keyframe requested");
	ok(fanout_room_bytes(r) <= FANOUT_GOP_MAX_BYTES + 200000,
	   "room memory stays bounded (%llu bytes)",
	   (unsigned long long)fanout_room_bytes(r));

	/* Reset: the publisher left. */
	fanout_room_reset(r);
	ok(fanout_room_frames(r) == 0 && !fanout_room_has_key(r),
	   "reset releases every frame");
	ok(fanout_viewer_join(r, a) == FANOUT_F_KEY,
	   "rejoined viewers wait for a keyframe");

	fanout_viewer_free(a);
	fanout_viewer_free(b);
	fanout_room_free(r);
	test_delay_hist();
	return done();
}
