/* Counters the relay exposes at /metrics (Prometheus text format). Plain
 * integers bumped on the service thread; rendering reads them there too.
 */
#ifndef LUCARNE_RELAY_METRICS_H
#define LUCARNE_RELAY_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct fanout_stats;
struct rooms;

struct metrics {
	uint64_t logins_ok;
	uint64_t logins_refused; /* wrong user or password */
	uint64_t logins_rate_limited; /* 429 */
	uint64_t ws_unauthorized; /* upgrades refused with 4401 */
	uint64_t ws_bad_origin; /* upgrades refused with 403 */
	uint64_t subscribes_refused; /* 4403 on subscribe */
	uint64_t publishes_refused; /* 4403 on publish */
	uint64_t publishers_replaced; /* 4409 */
	uint64_t protocol_errors; /* 4400 */
	uint64_t frames_off; /* frames dropped: broadcast off */
	uint64_t frames_closed; /* frames dropped: outside the window */
	uint64_t frames_paused; /* camera (non-SLATE) frames during a pause */
	uint64_t writes_deferred; /* live frames behind a short send */
};

/* Per-room counters. */
struct room_counters {
	uint64_t frames_in, bytes_in;
	uint64_t frames_out, bytes_out;
	uint64_t keyframe_requests; /* sent to the publisher */
	uint64_t keyframe_coalesced; /* folded into a pending request */
};

/* Everything /metrics shows, borrowed from its owners for one render. */
struct metrics_src {
	const struct metrics *met;
	const struct fanout_stats *fst;
	size_t websockets; /* open WebSocket sessions */
	struct rooms *rooms; /* per-room counters and gauges */
};

/* Render /metrics into a new buffer (LWS_PRE headroom) of *@len bytes
 * after the headroom; the caller frees it. */
unsigned char *metrics_render(const struct metrics_src *src, size_t *len);

#endif
