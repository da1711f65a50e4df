/* The lws side of the capture agent: one reconnecting connection to the
 * relay that waits for "hello", announces the stream with "publish", then
 * sends the packets the pipeline queues (from a keyframe on), and turns
 * the relay's requests (keyframe, bitrate, pause, viewers, masks) into
 * pipeline calls and the on-air signal. Runs on the lws loop thread only.
 *
 * Fail closed: after "publish" no frame is sent on a connection until the
 * relay's "masks" message arrived (the relay sends it at once), so a
 * camera never shows what its privacy masks hide.
 *
 * Refusals end it: an "unauthorized" or "forbidden" error, a close with
 * 4401/4403, or 4409 (another agent now publishes the room) make
 * publisher_failed() return a message and no retry happens. Anything else
 * (relay down, network cut, relay restart) is retried with backoff.
 */
#ifndef LUCARNE_CAPTURE_PUBLISHER_H
#define LUCARNE_CAPTURE_PUBLISHER_H

#include "capture/pipeline.h"
#include "capture/ring.h"
#include "common/wsc.h"

#include <stdint.h>

struct publisher_config {
	const char *url; /* ws:// or wss:// relay address */
	const char *token; /* device token */
	int width, height, fps, layers;
	struct onair *onair; /* the on-air signal, NULL for none */
};

struct publisher_stats {
	uint64_t sent, sent_bytes, skipped; /* skipped: waiting for a key */
	uint64_t connects, keyframe_requests;
	int viewers;
	bool publishing, paused;
	bool masks_known; /* a "masks" message came (this run) */
	int masks; /* rectangles in force */
	char room[65];
};

struct publisher;

/* Create the connection on @w (not yet opened: publisher_poll does when
 * the source is up). @ring and @pl must outlive the publisher. */
struct publisher *publisher_new(struct wsc *w,
				const struct publisher_config *cfg,
				struct ring *ring, struct pipeline *pl);
/* NULL is fine. The connection itself is freed with @w. */
void publisher_free(struct publisher *p);
/* Call on the loop after every wake-up: (dis)connects as the source comes
 * and goes and asks to send what the ring holds. */
void publisher_poll(struct publisher *p);
/* NULL while all is well, else why the agent must stop (a refusal). */
const char *publisher_failed(const struct publisher *p);
void publisher_get_stats(const struct publisher *p,
			 struct publisher_stats *out);

#endif
