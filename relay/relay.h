/* lucarne-relay: the lws context, its tick and lifecycle (relay.c), and
 * what the relay's files share: limits, close codes and who a request or
 * a socket authenticated as. struct relay is opaque: the HTTP handlers
 * reach the parts they need through the accessors below. Private to
 * relay/: the rest of the tree sees only the programs.
 *
 * Everything runs on the one lws service thread; the only other thread
 * is the password worker (pwpool.c), which touches none of it.
 */
#ifndef LUCARNE_RELAY_RELAY_H
#define LUCARNE_RELAY_RELAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/conf.h"
#include "common/proto.h"
#include "relay/ident.h"
#include "store/store.h"

#define RELAY_AGENT "lucarne-relay " LUCARNE_VERSION
#define RELAY_SESSION_S (12 * 3600) /* session lifetime, fixed */
#define RELAY_KEY_INTERVAL_US 500000 /* keyframe requests per room */
#define RELAY_BODY_MAX 8192 /* JSON request bodies */
/* All the headers of one request together (lws's header buffer per
 * connection): lws closes a connection whose headers do not fit, without
 * an answer; one header over HDR_MAX (hdr.h, 8 KiB) is answered 431. */
#define RELAY_HEADERS_MAX 32768
#define RELAY_CTL_QUEUE 16 /* control messages queued per socket */
#define RELAY_LOGIN_FAILS 5 /* login attempts per key ... */
#define RELAY_LOGIN_WINDOW_MS 60000 /* ... per minute */
#define RELAY_QUOTA_FLUSH_US 3000000 /* quota use written this often */
#define RELAY_AUDIT_RETENTION_DAYS 365 /* default --audit-retention-days */
#define RELAY_AUDIT_RETENTION_MAX 36500
#define RELAY_PING_S 20 /* default --ping-seconds */
#define RELAY_PING_MAX 3600
#define RELAY_VIEWER_SOCKETS 4 /* default --max-viewer-sockets */
#define RELAY_VIEWER_SOCKETS_MAX 100000
/* Test-only: a file holding Unix seconds that replaces the clock of
 * viewing windows and quotas (docs/admin.md). Ignored unless set. */
#define RELAY_FAKE_TIME_ENV "LUCARNE_FAKE_TIME_FILE"

/* Close codes of docs/protocol.md. */
#define CLOSE_NORMAL 1000
#define CLOSE_GOING_AWAY 1001
#define CLOSE_UNSUPPORTED 1003 /* a viewer sent media */
#define CLOSE_TOO_BIG 1009 /* a message over its cap */
#define CLOSE_PROTOCOL 4400
#define CLOSE_UNAUTHORIZED 4401
#define CLOSE_FORBIDDEN 4403
#define CLOSE_SLOW 4408
#define CLOSE_REPLACED 4409
#define CLOSE_TOO_MANY 4429 /* over --max-viewer-sockets */

struct relay_config {
	const char *data; /* database folder */
	const char *listen; /* HOST:PORT */
	const char *tls_cert; /* PEM files, both or neither */
	const char *tls_key;
	const char *allow_origin; /* comma-separated extra origins */
	const char *www; /* static files */
	bool insecure_plain; /* plain HTTP off loopback */
	const char *timezone; /* of viewing windows and quota days */
	const char *fake_time_file; /* tests only: see RELAY_FAKE_TIME_ENV */
	int audit_retention_days; /* audit rows older than this are purged */
	int ping_s; /* ping a socket silent this long, drop it after twice */
	int max_viewer_sockets; /* per account, 0: RELAY_VIEWER_SOCKETS */
	/* The HTTP API's protocol (http.c), served beside the WebSocket
	 * one: handed in, so that the relay does not depend on its
	 * handlers, which depend on it. */
	const struct lws_protocols *http_protocol;
};

struct relay;
struct lws;
struct lws_protocols;
struct metrics;
struct metrics_src;
struct pwpool;
struct ratelimit;
struct knowndev;
struct ident_origins;
struct rooms;
struct ws_hub;

/* Lock the data folder, open the database and listen. Returns 0, or
 * LC_EINVAL (bad option, data path not a folder), LC_EBUSY (folder or
 * address in use), LC_EDB or LC_EIO with a sentence in @err. */
int relay_new(const struct relay_config *cfg, struct relay **out, char *err,
	      size_t errlen);
/* Serve until *@stop becomes nonzero, then close every socket with 1001.
 * Returns 0 or LC_EIO. */
int relay_run(struct relay *r, volatile int *stop);
/* Wake the service loop (async-signal-safe: a pipe write). */
void relay_wake(struct relay *r);
/* Free everything; NULL is accepted. */
void relay_free(struct relay *r);

/* What the HTTP handlers use, owned by the relay (never NULL once
 * relay_new succeeded, except relay_www: NULL when no web app was found). */
struct store *relay_store(struct relay *r);
struct metrics *relay_metrics(struct relay *r);
struct ratelimit *relay_ratelimit(struct relay *r);
struct pwpool *relay_pwpool(struct relay *r);
struct rooms *relay_rooms(struct relay *r);
struct ws_hub *relay_ws_hub(struct relay *r);
struct knowndev *relay_knowndev(struct relay *r);
/* The --allow-origin values, for ident_origin_allowed. */
void relay_origins(const struct relay *r, struct ident_origins *o);
bool relay_tls(const struct relay *r);
const char *relay_www(const struct relay *r);
/* What /metrics renders (metrics.h), borrowed from the relay. */
void relay_metrics_src(struct relay *r, struct metrics_src *src);

#endif
