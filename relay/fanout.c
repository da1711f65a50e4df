/* Room log and viewer queue policy (see fanout.h for the rules). */
#include "relay/fanout.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <stdlib.h>

#define MASK (FANOUT_LOG_CAP - 1)

struct fanout_room {
	struct fanout_stats *stats;
	struct frame *log[FANOUT_LOG_CAP];
	uint64_t tail, head; /* frames at [tail, head) are in the log */
	uint64_t bytes; /* bytes ever pushed (end_bytes of the head) */
	uint64_t key; /* position of the cached keyframe */
	bool has_key; /* log[key] is a keyframe and the GOP is whole */
	bool started; /* a keyframe arrived since the last reset */
};

struct fanout_viewer {
	uint64_t cursor; /* next position to consider */
	uint64_t catchup_end; /* frames before this are the joining GOP */
	uint64_t sent_bytes;
	int max_layer; /* highest layer sent now */
	bool wait_key; /* skipping until the next keyframe */
};

/* 0.5 ms to 1 s: a healthy relay sits in the first few, a falling-behind
 * one in the last. */
const int64_t delay_hist_le_us[DELAY_HIST_BUCKETS] = {
	500,   1000,  2000,  3000,   5000,   7500,   10000,
	15000, 25000, 50000, 100000, 250000, 500000, 1000000,
};

void delay_hist_add(struct delay_hist *h, int64_t us)
{
	int i = 0;

	if (us < 0)
		us = 0;
	while (i < DELAY_HIST_BUCKETS && us > delay_hist_le_us[i])
		i++;
	h->count[i]++;
	h->n++;
	h->sum_us += (uint64_t)us;
}

int64_t delay_hist_quantile(const struct delay_hist *h, double q)
{
	double rank, below = 0;
	int i;

	if (!h->n)
		return 0;
	rank = q * (double)h->n;
	for (i = 0; i < DELAY_HIST_BUCKETS; i++) {
		double c = (double)h->count[i];
		double lo = i ? (double)delay_hist_le_us[i - 1] : 0;
		double hi = (double)delay_hist_le_us[i];

		if (c > 0 && below + c >= rank)
			return (int64_t)(lo + (hi - lo) * (rank - below) / c);
		below += c;
	}
	return delay_hist_le_us[DELAY_HIST_BUCKETS - 1];
}

struct frame *frame_new(uint32_t len)
{
	struct frame *f = xmalloc(sizeof(*f) + FRAME_HEADROOM + len);

	f->refs = 1;
	f->kind = f->flags = f->layer = 0;
	f->len = len;
	f->pos = 0;
	f->end_bytes = 0;
	f->arrival_us = 0;
	return f;
}

struct frame *frame_ref(struct frame *f)
{
	f->refs++;
	return f;
}

void frame_unref(struct frame *f)
{
	if (f && --f->refs == 0)
		free(f);
}

struct fanout_room *fanout_room_new(struct fanout_stats *stats)
{
	struct fanout_room *r = XNEW(struct fanout_room);

	r->stats = stats;
	return r;
}

void fanout_room_free(struct fanout_room *r)
{
	if (!r)
		return;
	fanout_room_reset(r);
	free(r);
}

static bool is_key(const struct frame *f)
{
	return f->kind == PROTO_KIND_VIDEO && (f->flags & PROTO_FLAG_KEY);
}

/* Bytes of the frames at [pos, head). */
static uint64_t bytes_from(const struct fanout_room *r, uint64_t pos)
{
	const struct frame *f;

	if (pos >= r->head)
		return 0;
	f = r->log[pos & MASK];
	return r->bytes - (f->end_bytes - f->len);
}

static void evict_tail(struct fanout_room *r)
{
	struct frame **slot = &r->log[r->tail & MASK];

	if (r->has_key && r->tail == r->key)
		r->has_key = false;
	frame_unref(*slot);
	*slot = NULL;
	r->tail++;
}

int fanout_room_push(struct fanout_room *r, struct frame *f)
{
	int rc = 0;

	if (!r->started) {
		/* A viewer cannot decode anything before a keyframe. */
		if (!is_key(f)) {
			r->stats->drop_no_key++;
			return 0;
		}
		r->started = true;
	}
	if (r->head - r->tail == FANOUT_LOG_CAP) {
		if (r->has_key && r->tail == r->key) {
			r->stats->gop_overflows++;
			rc = FANOUT_F_KEY;
		}
		evict_tail(r);
	}
	f->pos = r->head;
	r->bytes += f->len;
	f->end_bytes = r->bytes;
	r->log[r->head & MASK] = frame_ref(f);
	r->head++;
	if (is_key(f)) {
		r->key = f->pos;
		r->has_key = true;
	} else if (r->has_key && bytes_from(r, r->key) > FANOUT_GOP_MAX_BYTES) {
		/* A GOP this big would hold too much in RAM: forget it, and
		 * let new viewers wait for a fresh keyframe. */
		r->has_key = false;
		r->stats->gop_overflows++;
		rc = FANOUT_F_KEY;
	}
	/* Keep the cached GOP, and the hard-cap window behind the head for
	 * lagging viewers; nothing older. */
	while (r->tail < r->head && (!r->has_key || r->tail < r->key) &&
	       (r->head - r->tail > FANOUT_HARD_FRAMES ||
		bytes_from(r, r->tail) > FANOUT_HARD_BYTES))
		evict_tail(r);
	return rc;
}

void fanout_room_reset(struct fanout_room *r)
{
	while (r->tail < r->head)
		evict_tail(r);
	r->has_key = false;
	r->started = false;
}

bool fanout_room_has_key(const struct fanout_room *r)
{
	return r->has_key;
}

size_t fanout_room_frames(const struct fanout_room *r)
{
	return (size_t)(r->head - r->tail);
}

uint64_t fanout_room_bytes(const struct fanout_room *r)
{
	return bytes_from(r, r->tail);
}

struct fanout_viewer *fanout_viewer_new(void)
{
	return XNEW(struct fanout_viewer);
}

void fanout_viewer_free(struct fanout_viewer *v)
{
	free(v);
}

int fanout_viewer_join(struct fanout_room *r, struct fanout_viewer *v)
{
	v->catchup_end = r->head;
	v->max_layer = PROTO_MAX_LAYERS - 1;
	if (r->has_key) {
		v->cursor = r->key;
		v->wait_key = false;
		return 0;
	}
	v->cursor = r->head;
	v->wait_key = true;
	return FANOUT_F_KEY;
}

/* Start of the span that counts as lag: the joining GOP does not. */
static uint64_t lag_start(const struct fanout_viewer *v)
{
	return v->cursor > v->catchup_end ? v->cursor : v->catchup_end;
}

static bool over(const struct fanout_room *r, const struct fanout_viewer *v,
		 uint64_t frames, uint64_t bytes)
{
	uint64_t start = lag_start(v);

	if (start < r->tail)
		return true; /* its frames were evicted: past any cap */
	if (start >= r->head)
		return false;
	return r->head - start > frames || bytes_from(r, start) > bytes;
}

int fanout_viewer_check(struct fanout_room *r, struct fanout_viewer *v)
{
	if (v->wait_key && v->cursor < r->tail)
		v->cursor = r->tail; /* nothing it waits for was evicted */
	if (v->cursor < r->tail) {
		r->stats->slow_closes++;
		return FANOUT_F_SLOW;
	}
	if (over(r, v, FANOUT_HARD_FRAMES, FANOUT_HARD_BYTES)) {
		r->stats->slow_closes++;
		return FANOUT_F_SLOW;
	}
	return 0;
}

/* Highest layer the backlog allows, or -1 if even the base layer must
 * go (skip to a keyframe). */
static int wanted_layer(const struct fanout_room *r,
			const struct fanout_viewer *v)
{
	if (over(r, v, FANOUT_SKIP_FRAMES, FANOUT_SKIP_BYTES))
		return -1;
	if (over(r, v, FANOUT_L1_FRAMES, FANOUT_L1_BYTES))
		return 0;
	if (over(r, v, FANOUT_L2_FRAMES, FANOUT_L2_BYTES))
		return 1;
	return PROTO_MAX_LAYERS - 1;
}

static int send(struct fanout_viewer *v, struct frame *f, struct frame **out,
		int flags)
{
	if (f->pos < v->catchup_end)
		flags |= FANOUT_F_CATCHUP;
	v->cursor = f->pos + 1;
	v->sent_bytes += f->len;
	*out = f;
	return flags | FANOUT_F_SEND;
}

int fanout_viewer_next(struct fanout_room *r, struct fanout_viewer *v,
		       struct frame **out)
{
	int flags = 0, want;
	struct frame *f;

	*out = NULL;
	if (fanout_viewer_check(r, v))
		return FANOUT_F_SLOW;
	while (v->cursor < r->head) {
		f = r->log[v->cursor & MASK];
		if (v->wait_key) {
			if (!is_key(f)) {
				r->stats->drop_to_key++;
				v->cursor++;
				continue;
			}
			v->wait_key = false;
		}
		if (f->kind != PROTO_KIND_VIDEO)
			return send(v, f, out, flags);
		/* The joining GOP is not lag: a viewer that keeps up gets all
		 * of it at once. Frames that pile up behind it are, and then
		 * the GOP is thinned like the rest. */
		want = wanted_layer(r, v);
		if (is_key(f)) {
			/* A keyframe resets every layer. */
			v->max_layer = want < 0 ? 0 : want;
			return send(v, f, out, flags);
		}
		if (want < 0) {
			/* The base layer must go: the latest keyframe if it
			 * is ahead, else wait for a new one. */
			if (r->has_key && r->key > v->cursor) {
				r->stats->drop_to_key += r->key - v->cursor;
				v->cursor = r->key;
				v->wait_key = true;
				continue;
			}
			v->wait_key = true;
			flags |= FANOUT_F_KEY;
			continue;
		}
		if (v->max_layer > want)
			v->max_layer = want;
		if (f->layer <= v->max_layer)
			return send(v, f, out, flags);
		if (f->layer == v->max_layer + 1 && f->layer <= want &&
		    (f->flags & PROTO_FLAG_SYNC)) {
			v->max_layer = f->layer;
			return send(v, f, out, flags);
		}
		if (f->layer >= 2)
			r->stats->drop_layer2++;
		else
			r->stats->drop_layer1++;
		v->cursor++;
	}
	return flags;
}

bool fanout_viewer_pending(const struct fanout_room *r,
			   const struct fanout_viewer *v)
{
	return v->cursor < r->head;
}

uint64_t fanout_viewer_backlog(const struct fanout_room *r,
			       const struct fanout_viewer *v)
{
	return bytes_from(r, v->cursor < r->tail ? r->tail : v->cursor);
}

int fanout_viewer_layer(const struct fanout_viewer *v)
{
	return v->max_layer;
}

uint64_t fanout_viewer_sent_bytes(const struct fanout_viewer *v)
{
	return v->sent_bytes;
}
