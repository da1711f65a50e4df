/* The load generator behind lucarne-view --connections N --no-decode: N
 * viewer connections on one epoll loop with a minimal WebSocket client
 * that reads only each media frame's 24-byte header and skips the
 * payload. libwebsockets' client parses every received byte one
 * at a time, which made it, not the relay, the bottleneck at 1000
 * viewers; this costs one read() per burst of messages.
 *
 * It speaks exactly what the relay needs of a viewer: the upgrade with
 * the Bearer token and subprotocol, "subscribe" after "hello", pong for
 * ping, and a masked close; over TLS (OpenSSL, the certificate verified)
 * for wss://; no reconnection.
 */
#ifndef LUCARNE_VIEW_LOADGEN_H
#define LUCARNE_VIEW_LOADGEN_H

#include "view/hist.h"
#include "view/viewer.h"

#include <signal.h>
#include <stdint.h>

struct loadgen_config {
	const char *url; /* ws:// or wss://HOST:PORT[/PATH] */
	const char *ca_file; /* wss://: the authority to trust, NULL: the
			      * system's */
	const char *token; /* Bearer */
	const char *room;
	int connections;
	int connect_rate; /* per second, 0: all at once */
	int64_t duration_us;
	int until_frames; /* stop once every connection has these, 0: no */
	struct hist *latency; /* reception delay samples, µs */
};

/* Run until the time is up, *@stop is set, or every connection ended;
 * fill @out (@cfg->connections entries). Returns 0, or LC_EINVAL /
 * LC_EIO with a sentence in @err when it could not start at all. */
int loadgen_run(const struct loadgen_config *cfg, volatile sig_atomic_t *stop,
		struct viewer_stats *out, char *err, size_t errlen);

#endif
