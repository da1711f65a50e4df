/* Fan-out of one room's media frames to its viewers: the frame cache and
 * the per-viewer queue policy, as pure logic (no sockets, no lws).
 *
 * Frames are stored once, reference-counted, with FRAME_HEADROOM bytes
 * before the data so that lws can write its WebSocket header in place:
 * every viewer sends the very same buffer.
 *
 * A room keeps a log (a ring of frame pointers indexed by a 64-bit
 * position): the latest keyframe and everything after it (the GOP cache,
 * capped at FANOUT_GOP_MAX_BYTES), and at least the last
 * FANOUT_HARD_FRAMES frames for lagging viewers. A viewer's send queue is
 * not a copy: it is the span of the log between its cursor and the head,
 * so queuing a frame for N viewers costs nothing per viewer and the
 * room's memory is bounded whatever the viewers do.
 *
 * Policy when a viewer lags (its backlog measured from its cursor to the
 * head, in frames and bytes):
 *   backlog > FANOUT_L2_*   : skip layer-2 frames
 *   backlog > FANOUT_L1_*   : skip layer-1 frames too
 *   backlog > FANOUT_SKIP_* : jump to the latest keyframe if it is ahead,
 *                             else skip everything until the next one and
 *                             ask the publisher for it
 *   backlog > FANOUT_HARD_* : disconnect (close 4408)
 * A dropped layer comes back only at a frame of that layer flagged SYNC,
 * or at a keyframe, one layer at a time, so that every frame a viewer
 * gets is decodable. A new viewer starts at the cached keyframe; the
 * frames it must catch up on (the cached GOP) do not count as lag.
 */
#ifndef LUCARNE_RELAY_FANOUT_H
#define LUCARNE_RELAY_FANOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FRAME_HEADROOM 16 /* >= LWS_PRE; checked where lws is used */

#define FANOUT_LOG_CAP 2048 /* frames a room's log holds, power of 2 */
#define FANOUT_GOP_MAX_BYTES (8u << 20)
#define FANOUT_L2_FRAMES 8
#define FANOUT_L2_BYTES (512u << 10)
#define FANOUT_L1_FRAMES 16
#define FANOUT_L1_BYTES (1u << 20)
#define FANOUT_SKIP_FRAMES 48
#define FANOUT_SKIP_BYTES (2u << 20)
#define FANOUT_HARD_FRAMES 300
#define FANOUT_HARD_BYTES (8u << 20)

/* One media frame (24-byte header + payload) as received. */
struct frame {
	unsigned refs;
	uint8_t kind, flags, layer; /* from the media header */
	uint32_t len; /* header + payload bytes */
	uint64_t pos; /* position in the room log */
	uint64_t end_bytes; /* room byte count including this frame */
	int64_t arrival_us; /* monotonic time it reached the relay */
	unsigned char buf[]; /* FRAME_HEADROOM, then len bytes */
};

/* A frame of @len bytes with refs = 1; copy the message to frame_data(). */
struct frame *frame_new(uint32_t len);
static inline unsigned char *frame_data(struct frame *f)
{
	return f->buf + FRAME_HEADROOM;
}
struct frame *frame_ref(struct frame *f);
/* Drop one reference; frees at zero. NULL is accepted. */
void frame_unref(struct frame *f);

/* Fan-out delay histogram: from a frame fully received from the publisher
 * to its last byte handed to a viewer's socket. Fixed buckets, bumped once
 * per write: no allocation, a few compares. Bounds in µs, the last bucket
 * (index DELAY_HIST_BUCKETS) counts what is past the last bound (+Inf). */
#define DELAY_HIST_BUCKETS 14
extern const int64_t delay_hist_le_us[DELAY_HIST_BUCKETS];

struct delay_hist {
	uint64_t count[DELAY_HIST_BUCKETS + 1]; /* per bucket, not cumulative */
	uint64_t n;
	uint64_t sum_us;
};

/* Record one delay; negatives count as 0. */
void delay_hist_add(struct delay_hist *h, int64_t us);
/* Estimated @q quantile (0..1) in µs, interpolated linearly inside its
 * bucket as Prometheus' histogram_quantile() does; the +Inf bucket
 * answers the last bound. 0 if empty. */
int64_t delay_hist_quantile(const struct delay_hist *h, double q);

/* Counters the fan-out updates (summed into /metrics). */
struct fanout_stats {
	uint64_t drop_layer2; /* layer-2 frames skipped for lag */
	uint64_t drop_layer1; /* layer-1 frames skipped for lag */
	uint64_t drop_to_key; /* frames skipped while waiting for a key */
	uint64_t drop_no_key; /* publisher frames before its first key */
	uint64_t slow_closes; /* viewers cut at the hard cap */
	uint64_t gop_overflows; /* GOP cache dropped at its cap */
	struct delay_hist delay; /* live frames only, not a joining GOP */
};

struct fanout_room;
struct fanout_viewer;

/* A room with an empty log; @stats (may be shared) must outlive it. */
struct fanout_room *fanout_room_new(struct fanout_stats *stats);
/* Free the room and release its frames. NULL is accepted. */
void fanout_room_free(struct fanout_room *r);

#define FANOUT_F_SEND 0x1 /* *out holds a frame to send */
#define FANOUT_F_SLOW 0x2 /* viewer passed the hard cap: disconnect */
#define FANOUT_F_KEY 0x4 /* ask the publisher for a keyframe */
#define FANOUT_F_CATCHUP                                                       \
	0x8 /* *out is from the joining GOP: old by design,
			      * not a fan-out delay */

/* Append @f (the room takes a reference). Frames before the first
 * keyframe after a reset are dropped. Returns FANOUT_F_KEY if the GOP
 * cache overflowed (new viewers need a fresh keyframe), else 0. */
int fanout_room_push(struct fanout_room *r, struct frame *f);
/* Publisher gone: release every frame. Viewers must be rejoined with
 * fanout_viewer_join() (they then wait for the next keyframe). */
void fanout_room_reset(struct fanout_room *r);
/* True if a keyframe is cached (a new viewer starts at once). */
bool fanout_room_has_key(const struct fanout_room *r);
/* Frames and bytes in the log now (metrics). */
size_t fanout_room_frames(const struct fanout_room *r);
uint64_t fanout_room_bytes(const struct fanout_room *r);

struct fanout_viewer *fanout_viewer_new(void);
void fanout_viewer_free(struct fanout_viewer *v);
/* Start @v at the cached keyframe, or make it wait for the next one.
 * Returns FANOUT_F_KEY if there is no cached keyframe. */
int fanout_viewer_join(struct fanout_room *r, struct fanout_viewer *v);
/* Next frame for @v: FANOUT_F_SEND with *@out (borrowed, valid until the
 * next push) or 0 when caught up, possibly or-ed with FANOUT_F_KEY; or
 * FANOUT_F_SLOW. Call when the viewer's socket is writable. */
int fanout_viewer_next(struct fanout_room *r, struct fanout_viewer *v,
		       struct frame **out);
/* True if frames are waiting for @v. */
bool fanout_viewer_pending(const struct fanout_room *r,
			   const struct fanout_viewer *v);
/* FANOUT_F_SLOW if @v is past the hard cap (for a periodic check of
 * viewers that never become writable), else 0. */
int fanout_viewer_check(struct fanout_room *r, struct fanout_viewer *v);
/* Backlog of @v in bytes (frames it may still be sent). */
uint64_t fanout_viewer_backlog(const struct fanout_room *r,
			       const struct fanout_viewer *v);
/* Highest layer @v receives now (0..2), for tests and metrics. */
int fanout_viewer_layer(const struct fanout_viewer *v);
/* Frames and bytes handed to @v so far. */
uint64_t fanout_viewer_sent_bytes(const struct fanout_viewer *v);

#endif
