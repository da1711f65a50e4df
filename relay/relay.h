/* lucarne-relay internals shared by its files (relay.c: context and
 * timers; http.c: HTTP API and static files; ws.c: WebSocket sessions;
 * room.c: rooms and fan-out; metrics.c: /metrics). Like ui_private.h,
 * this header is private to relay/: the rest of the tree sees only the
 * programs.
 *
 * Everything here runs on the one lws service thread; the only other
 * thread is the password worker (pwpool.c), which touches none of it.
 */
#ifndef LUCARNE_RELAY_RELAY_H
#define LUCARNE_RELAY_RELAY_H

#include <libwebsockets.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/conf.h"
#include "common/proto.h"
#include "relay/fanout.h"
#include "relay/ident.h"
#include "relay/metrics.h"
#include "store/store.h"
#include "common/window.h"

#define RELAY_AGENT "lucarne-relay " LUCARNE_VERSION
#define RELAY_SESSION_S (12 * 3600) /* session lifetime, fixed */
#define RELAY_KEY_INTERVAL_US 500000 /* keyframe requests per room */
#define RELAY_BODY_MAX 8192 /* JSON request bodies */
/* All the headers of one request together (lws's header buffer per
 * connection): lws closes a connection whose headers do not fit, without
 * an answer; one header over HDR_MAX (hdr.h, 8 KiB) is answered 431. */
#define RELAY_HEADERS_MAX 32768
#define RELAY_CTL_QUEUE 16 /* control messages queued per socket */
#define RELAY_COOKIE IDENT_COOKIE
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

_Static_assert(FRAME_HEADROOM >= LWS_PRE, "frame headroom below LWS_PRE");

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
};

struct room;
struct conn;
struct pwpool;
struct ratelimit;
struct acctcap;
struct datalock;
struct knowndev;

struct relay {
	struct lws_context *ctx;
	struct lws_vhost *vh;
	struct store *store;
	struct datalock *lock; /* this relay owns cfg->data */
	struct ratelimit *rl;
	struct knowndev *kd; /* known device cookies (api/knowndev.h) */
	struct pwpool *pw;
	struct metrics met;
	struct fanout_stats fst;
	struct room *rooms; /* loaded on first use */
	struct conn *conns; /* every WebSocket session */
	struct acctcap *vcap; /* viewer sockets per account */
	bool tls;
	char *www; /* absolute path of the static files */
	char **origins; /* --allow-origin values */
	size_t n_origins;
	int64_t data_version;
	int64_t next_poll_us, next_purge_us, next_flush_us;
	/* Civil time of windows and quotas (Unix seconds), read once per
	 * tick: the real clock, or the test's fake time file. */
	int64_t now_s, prev_now_s;
	int today; /* window_day_key(now_s) */
	uint64_t ticks;
	char *fake_time; /* path, or NULL */
	int audit_retention_days; /* > 0 */
	int ping_s; /* > 0 */
	lws_retry_bo_t idle_policy; /* from ping_s */
	lws_sorted_usec_list_t tick;
	bool stopping;
};

/* One WebSocket session (lws per-session data of "lucarne.v1"). */
struct conn {
	struct lws *wsi;
	struct relay *relay;
	struct conn *prev, *next; /* relay->conns */
	struct conn *vprev, *vnext; /* room viewers */
	struct ident who;
	int auth_err; /* set at upgrade: refuse after 101 */
	char addr[64];
	struct room *room; /* subscribed or publishing */
	bool publisher;
	bool vcounted; /* holds one of its account's viewer sockets */
	bool want_write; /* lws_callback_on_writable pending */
	struct fanout_viewer *fv; /* viewers */
	int64_t audit_id; /* viewing row */
	/* The last state sent to this viewer: media flows only in live and
	 * paused (slates), and a change of state, reason or until is sent
	 * again. */
	bool vsent;
	enum proto_state vstate;
	char vreason[16];
	int64_t vuntil;
	uint64_t audit_bytes0; /* bytes sent when the row opened */
	/* Control messages waiting for SERVER_WRITEABLE, each allocated with
	 * LWS_PRE headroom. */
	unsigned char *ctl[RELAY_CTL_QUEUE];
	size_t ctl_len[RELAY_CTL_QUEUE];
	int ctl_head, ctl_n;
	int close_code; /* nonzero: close after the queue is flushed */
	/* Reassembly of a fragmented incoming message. */
	unsigned char *rx;
	size_t rx_len, rx_cap;
	bool rx_binary, rx_drop;
	uint64_t bytes_out;
	int64_t alive_check_us; /* next conn_confirm_alive() look */
};

struct room {
	struct room *next;
	struct relay *relay;
	char name[PROTO_NAME_MAX + 1];
	char title[STORE_TITLE_MAX + 1];
	bool broadcast, consent; /* from the database */
	bool paused; /* teacher pause, from the database */
	int quota_min; /* daily minutes per account, 0: unlimited */
	struct window win;
	bool win_open; /* at relay->now_s */
	int64_t win_change; /* next change of win_open, 0: none */
	int64_t win_at; /* now_s when win_open was computed */
	struct quota_acct *accts; /* quota use of accounts seen here */
	bool gone; /* removed from the database */
	struct conn *publisher;
	struct conn *viewers;
	int n_viewers;
	int sent_viewers; /* last count told to the publisher */
	char sent_names[PROTO_NAMES_TEXT]; /* and the names with it */
	struct masks masks; /* privacy masks, from the database */
	struct fanout_room *fan;
	struct proto_msg_publish pub; /* the publisher's publish message */
	/* The publisher's latest camera controls (api_camera.c), in RAM
	 * only and gone with the publisher; NULL before its first list. */
	struct camctl_list *cam;
	uint64_t cam_gen; /* lists received since the relay started */
	/* The values the staff set last, per control (camera_remember): a
	 * camera that comes back (agent restarted, camera replaced) gets
	 * them again. RAM only, like the list. */
	struct camctl_list *cam_want;
	int64_t key_sent_us; /* last keyframe request sent */
	bool key_pending; /* a request waits for the interval */
	struct room_counters cnt;
};

/* ---- relay.c ---- */
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

/* Close every socket of session @session_id (logout) with 4401. */
void relay_revoke_session(struct relay *r, int64_t session_id);

/* ---- room.c ---- */
/* The room named @name, loaded from the database on first use; NULL if
 * the database has no such room. */
struct room *room_get(struct relay *r, const char *name);
void room_free_all(struct relay *r);
/* The state of @room for everyone now (off, closed, paused, offline or
 * live), before any account's quota. */
enum proto_state room_state(const struct room *room);
/* Fill the "state" message account @user_id with @role gets for @room
 * now: the room's state, its reason, until (next opening when closed,
 * window end otherwise), and the account's quota (closed with reason
 * "quota" when used up; quota_left -1 when no quota applies). */
void room_view(struct room *room, int64_t user_id, enum store_role role,
	       struct proto_msg_state *m);
/* Periodic work on the civil clock (relay->now_s): window openings and
 * closings, quota accounting and cuts, quota flushes. */
void room_clock_tick(struct relay *r, int64_t now_us);
/* Write every account's pending quota use to the database. */
void room_flush_quotas(struct relay *r);
/* Attach or detach a viewer; attach starts it at the cached keyframe. */
void room_add_viewer(struct room *room, struct conn *c);
void room_remove_viewer(struct room *room, struct conn *c);
/* Make @c the room's publisher, closing an older one with 4409. */
void room_set_publisher(struct room *room, struct conn *c,
			const struct proto_msg_publish *publish);
void room_remove_publisher(struct room *room, struct conn *c);
/* A frame from the publisher: cache it and wake the viewers. */
void room_push_frame(struct room *room, struct frame *f);
/* Ask the publisher for a keyframe (coalesced, rate-limited). */
void room_request_key(struct room *room);
/* Names of the accounts watching @room other than staff (parents), each
 * once, in alphabetical (byte) order, joined with ',' into @out (at most
 * PROTO_MAX_NAMES; @size PROTO_NAMES_TEXT holds them all). */
void room_viewer_names(const struct room *room, char *out, size_t size);
/* Periodic work: due keyframe requests, viewer counts and names, slow
 * viewers. */
void room_tick(struct relay *r, int64_t now_us, bool check_slow);
/* Re-read every loaded room from the database and apply changes. */
void room_refresh_all(struct relay *r);
/* The same for one room (after the relay itself changed it). */
void room_refresh(struct room *room);

/* ---- api_camera.c ---- */
/* Keep @list, the camera controls the publisher of @room just sent. */
void camera_set_list(struct room *room, const struct camctl_list *list);
/* Forget them (the publisher left or was replaced). */
void camera_forget(struct room *room);
/* Remember values just sent to the camera of @room. */
void camera_remember(struct room *room, const struct camctl_list *set);

/* ---- ws.c ---- */
extern const struct lws_protocols ws_protocol;
/* Queue a control message of @type on @c, formatted from @body, its
 * struct proto_msg_TYPE (NULL for a type without members). */
void conn_send(struct conn *c, enum proto_type type, const void *body);
/* Queue an error message then a close with @code. */
void conn_fail(struct conn *c, int err, const char *message, int code);
/* Close @c with @code after what is queued (drops queued media). */
void conn_close(struct conn *c, int code);
/* Ask lws for a writable callback unless one is pending. */
void conn_wake(struct conn *c);
/* A new frame in @c's room: send it now if @c waits for nothing else,
 * else leave it to SERVER_WRITEABLE (ws.c says when). */
void conn_push(struct conn *c);
/* Re-check a session's rights after a database change. */
void conn_recheck(struct conn *c, int64_t now);
/* A viewer receiving media: every few seconds, tell lws it is alive if
 * its TCP acknowledgements still arrive, so that lws pings only idle
 * sockets (see ws.c). */
void conn_confirm_alive(struct conn *c, int64_t now_us);

/* ---- http.c ---- */
extern const struct lws_protocols http_protocol;

/* ---- metrics.c ---- */
/* Render /metrics into a new buffer (LWS_PRE headroom) of *@len bytes
 * after the headroom. */
unsigned char *metrics_render(struct relay *r, size_t *len);

#endif
