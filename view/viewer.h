/* One viewer connection of lucarne-view: subscribes to a room, checks
 * every media frame against the protocol, decodes VP8 with libvpx (or,
 * for the load generator, only reads the headers) and records what it
 * saw: frames, keyframes, layers, sequence gaps, latency (capture time to
 * the end of decoding, or to reception without decoding), states and any
 * refusal. Runs on the lws loop thread.
 */
#ifndef LUCARNE_VIEW_VIEWER_H
#define LUCARNE_VIEW_VIEWER_H

#include "common/wsc.h"
#include "view/hist.h"
#include "view/region.h"

#include <stdbool.h>
#include <stdint.h>

struct viewer_config {
	const char *url, *token, *room;
	bool decode; /* false: headers only (load generator) */
	bool retry; /* reconnect with backoff after losing the relay */
	int slow_ms; /* > 0: stop reading for this long after each frame */
	struct hist *latency; /* shared; samples in µs */
	struct region *regions; /* shared; measured on each decoded picture */
	int n_regions;
};

enum viewer_end {
	VIEWER_RUNNING = 0,
	VIEWER_CLOSED, /* the relay closed or went away */
	VIEWER_UNAUTHORIZED, /* error "unauthorized" or close 4401 */
	VIEWER_FORBIDDEN, /* error "forbidden" or close 4403 */
	VIEWER_UNREACHABLE, /* never connected */
};

struct viewer_stats {
	uint64_t frames; /* decoded (received, without decoding) */
	uint64_t backlog_frames; /* of which captured before subscribing */
	uint64_t received; /* media messages received */
	uint64_t keyframes, decode_errors, bad_frames, slate_frames;
	uint64_t bytes; /* payload bytes */
	uint64_t layers[3];
	uint64_t seq_gaps, seq_missing;
	uint32_t seq_first, seq_last; /* first and last seq received */
	uint64_t keyframe_requests, connects;
	uint64_t pings; /* from the relay; the load generator only */
	int width, height;
	int64_t connect_us; /* open request -> upgrade done, first time */
	int64_t first_frame_us; /* open request -> first frame, first time */
	unsigned states; /* bit (1 << enum proto_state) per state seen */
	int close_code;
	enum viewer_end end;
	char error[320]; /* the refusal or the last close reason */
};

struct viewer;

/* Create the connection on @w (not yet opened); strings are copied. */
struct viewer *viewer_new(struct wsc *w, const struct viewer_config *cfg);
/* NULL is fine (the connection itself is freed with @w). */
void viewer_free(struct viewer *v);
/* Start connecting; @start_us (monotonic) is where connect and first-frame
 * times count from. */
void viewer_open(struct viewer *v, int64_t start_us);
/* Call on the loop regularly: resumes reading for --slow-ms. */
void viewer_tick(struct viewer *v, int64_t now_us);
/* True once the connection ended for good (refused, or lost without
 * --retry). */
bool viewer_finished(const struct viewer *v);
void viewer_get_stats(const struct viewer *v, struct viewer_stats *out);

#endif
