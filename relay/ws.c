/* The "lucarne.v1" WebSocket protocol (docs/protocol.md): one callback
 * that switches on the reason, like the lws minimal examples. Credentials
 * are read from the upgrade request; a refused client still gets its 101
 * and then one error and a close, and never a media byte. Control
 * messages are written in SERVER_WRITEABLE, then media taken from the
 * room's shared frame log; a live frame goes out at once to the viewers
 * that are waiting for nothing else (conn_push, and docs/relay.md).
 *
 * A session reaches its room through room.h; the room reaches the
 * session back only through the sink below (conn_sink).
 */
#define LOG_TAG "ws"
#include "relay/ws.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "relay/acctcap.h"
#include "relay/ident.h"
#include "relay/room.h"
#include "relay/wsgate.h"

#include <errno.h>
#include <libwebsockets.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

_Static_assert(FRAME_HEADROOM >= LWS_PRE, "frame headroom below LWS_PRE");

/* A peer that does not drain our close within this time is dropped. */
#define CLOSE_GRACE_S 3
/* Unsent bytes a viewer's socket may hold before it stops being
 * writable (TCP_NOTSENT_LOWAT). */
#define NOTSENT_LOWAT (64 * 1024)

struct ws_hub {
	struct ws_hub_config cfg;
	struct conn *conns; /* every established session */
	size_t n_conns;
};

/* One WebSocket session (lws per-session data of "lucarne.v1"). */
struct conn {
	struct lws *wsi;
	struct ws_hub *hub; /* NULL until established */
	struct conn *prev, *next; /* hub->conns */
	struct ident who;
	int auth_err; /* set at upgrade: refuse after 101 */
	char addr[64];
	struct room *room; /* subscribed or publishing */
	bool publisher;
	struct room_viewer *rv; /* viewers: the room's handle */
	bool want_write; /* lws_callback_on_writable pending */
	bool vcounted; /* holds one of its account's viewer slots */
	int64_t audit_id; /* viewing row */
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

static void conn_close(struct conn *c, int code);
static const struct room_sink conn_sink;

static void conn_wake(struct conn *c)
{
	if (!c->wsi || c->want_write)
		return;
	c->want_write = true;
	lws_callback_on_writable(c->wsi);
}

static void conn_send(struct conn *c, enum proto_type type, const void *body)
{
	char buf[PROTO_MAX_CTL];
	unsigned char *p;
	int n, slot;

	if (!c || c->close_code)
		return;
	n = proto_msg_format(type, body, buf, sizeof(buf));
	if (n < 0) {
		log_error("cannot format a %s message: %s",
			  proto_type_name(type), lc_err_name(n));
		return;
	}
	if (c->ctl_n == RELAY_CTL_QUEUE) {
		/* It reads nothing, not even control messages. */
		conn_close(c, CLOSE_SLOW);
		return;
	}
	p = xmalloc(LWS_PRE + (size_t)n);
	memcpy(p + LWS_PRE, buf, (size_t)n);
	slot = (c->ctl_head + c->ctl_n) % RELAY_CTL_QUEUE;
	c->ctl[slot] = p;
	c->ctl_len[slot] = (size_t)n;
	c->ctl_n++;
	conn_wake(c);
}

static void viewer_leave(struct conn *c)
{
	if (c->audit_id) {
		if (store_audit_view_end(c->hub->cfg.store, c->audit_id,
					 c->bytes_out - c->audit_bytes0) < 0)
			log_warn("audit: cannot close viewing row");
		c->audit_id = 0;
	}
	if (c->room && !c->publisher) {
		room_remove_viewer(c->rv);
		c->room = NULL;
	}
	if (c->vcounted) {
		acctcap_give(c->hub->cfg.vcap, c->who.id);
		c->vcounted = false;
	}
}

static void leave_room(struct conn *c)
{
	if (!c->room)
		return;
	if (c->publisher) {
		room_remove_publisher(c->room, c);
		c->room = NULL;
		c->publisher = false;
	} else {
		viewer_leave(c);
	}
}

static void conn_close(struct conn *c, int code)
{
	if (!c->wsi || c->close_code)
		return;
	leave_room(c);
	c->close_code = code;
	conn_wake(c);
	/* A peer that never reads would never let us send the close. */
	lws_set_timeout(c->wsi, PENDING_TIMEOUT_CLOSE_SEND, CLOSE_GRACE_S);
}

static void conn_fail(struct conn *c, int err, const char *message, int code)
{
	struct proto_msg_error m;

	snprintf(m.code, sizeof(m.code), "%s", lc_err_name(err));
	snprintf(m.message, sizeof(m.message), "%s",
		 message ? message : lc_strerror(err));
	conn_send(c, PROTO_ERROR, &m);
	conn_close(c, code);
}

static void send_hello(struct conn *c)
{
	struct proto_msg_hello m = { .v = PROTO_VERSION };

	snprintf(m.agent, sizeof(m.agent), "%s", RELAY_AGENT);
	snprintf(m.user, sizeof(m.user), "%s", c->who.name);
	snprintf(m.role, sizeof(m.role), "%s",
		 c->who.kind == ID_DEVICE ? store_kind_name(c->who.dkind)
					  : store_role_name(c->who.role));
	if (c->who.kind == ID_DEVICE)
		snprintf(m.room, sizeof(m.room), "%s", c->who.room);
	conn_send(c, PROTO_HELLO, &m);
}

/* One answer for every refusal, so nothing leaks about other rooms. */
static void refuse(struct conn *c, bool publish, const char *room)
{
	if (publish)
		c->hub->cfg.met->publishes_refused++;
	else
		c->hub->cfg.met->subscribes_refused++;
	log_info("%s %s refused for %s", publish ? "publish" : "subscribe",
		 room, c->who.name);
	conn_fail(c, LC_EPERM, "not allowed in this room", CLOSE_FORBIDDEN);
}

/* Whether @c may watch @room: a person's account linked to the room.
 * Admins too: watching is never implied by a role (privacy by default). */
static bool may_watch(struct conn *c, const char *room)
{
	if (c->who.kind != ID_USER)
		return false; /* cameras never subscribe; kiosks: later */
	return store_link_exists(c->hub->cfg.store, c->who.id, room) == 1;
}

/* Whether the consent register lets @c watch @room: a parent only while
 * their authorization for it is recorded as given (no record, no
 * access); staff and others are not filmed families' guardians. */
static bool consent_ok(struct conn *c, const char *room)
{
	enum store_consent st;

	if (c->who.role != ROLE_PARENT)
		return true;
	return store_consent_get(c->hub->cfg.store, c->who.id, room, &st) ==
		0 &&
		st == CONSENT_GIVEN;
}

/* A parent of @room without consent: tell them why (state "off", reason
 * "consent"; they are linked to the room, so this leaks nothing), then
 * close with 4403. */
static void refuse_consent(struct conn *c, const char *room,
			   const char *message)
{
	struct proto_msg_state m = { .state = PROTO_ST_OFF, .quota_left = -1 };

	snprintf(m.room, sizeof(m.room), "%s", room);
	snprintf(m.reason, sizeof(m.reason), "consent");
	conn_send(c, PROTO_STATE, &m);
	log_info("%s: %s in %s", c->who.name, message, room);
	conn_fail(c, LC_EPERM, message, CLOSE_FORBIDDEN);
}

/* Count @c among its account's viewer sockets, or refuse it past
 * --max-viewer-sockets (4429). Returns whether it may watch. */
static bool viewer_slot_take(struct conn *c)
{
	if (c->vcounted)
		return true;
	if (acctcap_take(c->hub->cfg.vcap, c->who.id) < 0) {
		c->hub->cfg.met->subscribes_refused++;
		log_info("%s: over the cap of viewer sockets", c->who.name);
		conn_fail(c, LC_EBUSY,
			  "too many sockets watching with this account: close "
			  "one first",
			  CLOSE_TOO_MANY);
		return false;
	}
	c->vcounted = true;
	return true;
}

static void do_subscribe(struct conn *c, const struct proto_msg_subscribe *m)
{
	struct ws_hub *h = c->hub;
	struct room *room;

	if (c->publisher || !may_watch(c, m->room) ||
	    !(room = rooms_get(h->cfg.rooms, m->room))) {
		refuse(c, false, m->room);
		return;
	}
	if (!consent_ok(c, m->room)) {
		h->cfg.met->subscribes_refused++;
		viewer_leave(c);
		refuse_consent(c, m->room, "no consent recorded for this room");
		return;
	}
	if (c->room == room) {
		struct proto_msg_state st;

		room_view(room, c->who.id, c->who.role, &st);
		conn_send(c, PROTO_STATE, &st);
		return;
	}
	viewer_leave(c);
	if (!viewer_slot_take(c))
		return;
	room_viewer_free(c->rv);
	c->room = room;
	c->rv = room_add_viewer(room, &c->who, c->addr, &conn_sink, c);
	c->audit_bytes0 = c->bytes_out;
	if (store_audit_view_start(h->cfg.store, c->who.name, room_name(room),
				   c->addr, &c->audit_id) < 0)
		log_warn("audit: cannot open viewing row");
}

static void do_publish(struct conn *c, const struct proto_msg_publish *m)
{
	struct room *room;

	if (c->who.kind != ID_DEVICE || c->who.dkind != KIND_CAMERA ||
	    strcmp(m->room, c->who.room) != 0 ||
	    !(room = rooms_get(c->hub->cfg.rooms, m->room))) {
		refuse(c, true, m->room);
		return;
	}
	if (strcmp(m->codec, "vp8") != 0) {
		conn_fail(c, LC_EP_FIELD, "codec must be vp8", CLOSE_PROTOCOL);
		return;
	}
	if (c->room == room && c->publisher) {
		room_update_publish(room, m); /* new size or rate */
		return;
	}
	c->room = room;
	c->publisher = true;
	room_set_publisher(room, &conn_sink, c, m);
}

static void protocol_error(struct conn *c, int err, const char *msg)
{
	c->hub->cfg.met->protocol_errors++;
	conn_fail(c, err, msg, CLOSE_PROTOCOL);
}

static void handle_text(struct conn *c)
{
	struct proto_ctl m;
	int rc = proto_ctl_parse((const char *)c->rx, c->rx_len, &m);

	if (rc < 0) {
		protocol_error(c, rc, NULL);
		return;
	}
	switch (m.type) {
	case PROTO_HELLO:
		if (m.u.hello.v != PROTO_VERSION)
			protocol_error(c, LC_EVERSION, NULL);
		break;
	case PROTO_SUBSCRIBE:
		do_subscribe(c, &m.u.subscribe);
		break;
	case PROTO_UNSUBSCRIBE:
		if (!c->publisher)
			viewer_leave(c);
		break;
	case PROTO_PUBLISH:
		do_publish(c, &m.u.publish);
		break;
	case PROTO_KEYFRAME:
		if (c->room && !c->publisher)
			room_request_key(c->room);
		break;
	case PROTO_CONTROLS:
		if (!c->publisher || !c->room) {
			protocol_error(
				c, LC_EP_TYPE,
				"controls come from a publishing camera");
			break;
		}
		room_camera_list(c->room, &m.u.controls.controls);
		break;
	default:
		protocol_error(c, LC_EP_TYPE, "not a message a client sends");
	}
}

static void handle_binary(struct conn *c)
{
	struct proto_media h;
	const uint8_t *payload;
	struct frame *f;
	int rc = proto_media_parse(c->rx, c->rx_len, &h, &payload);

	if (rc < 0) {
		protocol_error(c, rc, NULL);
		return;
	}
	f = frame_new((uint32_t)c->rx_len);
	memcpy(frame_data(f), c->rx, c->rx_len);
	f->kind = h.kind;
	f->flags = h.flags;
	f->layer = h.layer;
	f->arrival_us = clock_mono_us();
	room_push_frame(c->room, f);
	frame_unref(f);
}

/* A message over its cap (1009), after an error naming the cap. */
static void too_big(struct conn *c)
{
	c->hub->cfg.met->protocol_errors++;
	if (c->rx_binary)
		conn_fail(c, LC_EP_TOOBIG, "media frame over 2 MiB",
			  CLOSE_TOO_BIG);
	else
		conn_fail(c, LC_ETOOBIG, "control message over 8192 bytes",
			  CLOSE_TOO_BIG);
}

static void on_receive(struct conn *c, const void *in, size_t len)
{
	struct lws *wsi = c->wsi;
	size_t cap;

	if (c->close_code)
		return; /* decided to close: ignore what follows */
	if (lws_is_first_fragment(wsi)) {
		c->rx_len = 0;
		c->rx_binary = lws_frame_is_binary(wsi);
		if (c->rx_binary && !c->publisher) {
			c->hub->cfg.met->protocol_errors++;
			conn_fail(c, LC_ESTATE,
				  "media frames only after publish",
				  CLOSE_UNSUPPORTED);
			return;
		}
	}
	cap = c->rx_binary ? PROTO_MEDIA_HEADER + PROTO_MAX_PAYLOAD
			   : PROTO_MAX_CTL;
	/* What the frame's header declares counts at once: a message over
	 * its cap is refused at its first bytes, not after reading it. */
	if (c->rx_len + len > cap ||
	    lws_remaining_packet_payload(wsi) > cap - c->rx_len - len) {
		too_big(c);
		return;
	}
	if (c->rx_len + len > c->rx_cap) {
		c->rx_cap = c->rx_len + len > 65536 ? c->rx_len + len : 65536;
		c->rx = xrealloc(c->rx, c->rx_cap);
	}
	memcpy(c->rx + c->rx_len, in, len);
	c->rx_len += len;
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return;
	if (c->rx_binary)
		handle_binary(c);
	else
		handle_text(c);
	c->rx_len = 0;
	/* A viewer's buffer need not stay big. */
	if (!c->publisher && c->rx_cap > 65536) {
		free(c->rx);
		c->rx = NULL;
		c->rx_cap = 0;
	}
}

enum media_rc { MEDIA_IDLE = 0, MEDIA_SENT, MEDIA_SLOW, MEDIA_FAILED };

/* Write @c's next media frame, if the room has one for it, and ask for
 * WRITEABLE again while more wait. */
static enum media_rc send_media(struct conn *c)
{
	struct frame *f;

	if (!c->room || c->publisher)
		return MEDIA_IDLE;
	switch (room_viewer_next(c->rv, &f)) {
	case ROOM_MEDIA_SLOW:
		return MEDIA_SLOW;
	case ROOM_MEDIA_IDLE:
		return MEDIA_IDLE;
	case ROOM_MEDIA_SEND:
		break;
	}
	if (lws_write(c->wsi, frame_data(f), f->len, LWS_WRITE_BINARY) <
	    (int)f->len)
		return MEDIA_FAILED;
	/* lws has handed the whole message to the kernel (or kept the
	 * rest of a short send, which it flushes before the next
	 * WRITEABLE): that is the end of the relay's part. */
	c->bytes_out += f->len;
	if (room_viewer_sent(c->rv, f))
		conn_wake(c);
	return MEDIA_SENT;
}

static int on_writeable(struct conn *c)
{
	struct lws *wsi = c->wsi;
	struct room *room = c->room;
	int rc;

	c->want_write = false;
	if (c->ctl_n) {
		unsigned char *p = c->ctl[c->ctl_head];
		size_t n = c->ctl_len[c->ctl_head];

		c->ctl[c->ctl_head] = NULL;
		c->ctl_head = (c->ctl_head + 1) % RELAY_CTL_QUEUE;
		c->ctl_n--;
		rc = lws_write(wsi, p + LWS_PRE, n, LWS_WRITE_TEXT);
		free(p);
		if (rc < (int)n)
			return -1;
		if (c->ctl_n || c->close_code ||
		    (room && !c->publisher && room_viewer_pending(c->rv)))
			conn_wake(c);
		return 0;
	}
	if (c->close_code) {
		lws_close_reason(wsi, (enum lws_close_status)c->close_code,
				 NULL, 0);
		return -1;
	}
	switch (send_media(c)) {
	case MEDIA_FAILED:
		return -1;
	case MEDIA_SLOW:
		viewer_leave(c);
		lws_close_reason(wsi, CLOSE_SLOW, NULL, 0);
		return -1;
	default:
		return 0;
	}
}

/* Called for each viewer when a frame arrives, from the publisher's
 * RECEIVE callback: write the frame now instead of asking for
 * SERVER_WRITEABLE. With many viewers, the round through poll() (POLLOUT
 * on, poll over every socket, the callback, POLLOUT off) cost more than
 * the write itself.
 *
 * lws 4.1 allows a write outside WRITEABLE as long as it holds nothing of
 * an earlier one (lws_partial_buffered): the message then goes to the
 * kernel whole, or lws keeps what the kernel refused and asks for
 * WRITEABLE itself, where lws sends its remainder before anything else.
 * With something buffered, a second write would be appended behind a
 * half-sent frame and reported short, so such a viewer, and any with
 * control messages, a close or catch-up frames in its queue, goes the
 * WRITEABLE way as before. docs/relay.md, "Writing outside
 * SERVER_WRITEABLE", says why in full; tests/integ/relay_partial.t
 * covers it. */
static void conn_push(struct conn *c)
{
	if (c->want_write || c->ctl_n || c->close_code || !c->wsi)
		return;
	if (lws_partial_buffered(c->wsi)) {
		c->hub->cfg.met->writes_deferred++;
		conn_wake(c);
		return;
	}
	switch (send_media(c)) {
	case MEDIA_FAILED:
		/* lws marked the socket unusable: close it from the loop. */
		leave_room(c);
		c->close_code = CLOSE_GOING_AWAY;
		lws_set_timeout(c->wsi, PENDING_TIMEOUT_USER_OK,
				LWS_TO_KILL_ASYNC);
		break;
	case MEDIA_SLOW:
		conn_close(c, CLOSE_SLOW);
		break;
	default:
		if (lws_partial_buffered(c->wsi))
			conn_wake(c);
		break;
	}
}

static void conn_recheck(struct conn *c, int64_t now)
{
	struct store *st = c->hub->cfg.store;
	struct store_device d;

	if (c->close_code || c->auth_err)
		return;
	if (c->who.kind == ID_USER) {
		if (c->who.expires <= now ||
		    store_session_alive(st, c->who.session_id, now) == 0) {
			conn_fail(c, LC_EAUTH, "session ended",
				  CLOSE_UNAUTHORIZED);
			return;
		}
		if (c->room && !c->publisher &&
		    store_link_exists(st, c->who.id, room_name(c->room)) == 0) {
			viewer_leave(c);
			conn_fail(c, LC_EPERM, "not allowed in this room",
				  CLOSE_FORBIDDEN);
		} else if (c->room && !c->publisher &&
			   !consent_ok(c, room_name(c->room))) {
			char room[PROTO_NAME_MAX + 1];

			snprintf(room, sizeof(room), "%s", room_name(c->room));
			viewer_leave(c);
			refuse_consent(c, room, "consent withdrawn");
		}
	} else if (c->who.kind == ID_DEVICE) {
		int rc = store_device_by_token(st, c->who.token_hash, &d);

		if (rc == LC_ENOENT ||
		    (rc == 0 &&
		     (d.id != c->who.id || strcmp(d.room, c->who.room) != 0)))
			conn_fail(c, LC_EAUTH, "device revoked",
				  CLOSE_UNAUTHORIZED);
	}
}

static void on_closed(struct conn *c)
{
	struct ws_hub *h = c->hub;

	if (!h)
		return; /* never established */
	leave_room(c);
	if (c->prev)
		c->prev->next = c->next;
	else
		h->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	h->n_conns--;
	while (c->ctl_n) {
		free(c->ctl[c->ctl_head]);
		c->ctl_head = (c->ctl_head + 1) % RELAY_CTL_QUEUE;
		c->ctl_n--;
	}
	free(c->rx);
	room_viewer_free(c->rv);
	c->rx = NULL;
	c->rv = NULL;
	c->wsi = NULL;
	c->hub = NULL;
}

/* A viewer only receives: lws sees nothing from it and would ping it
 * every --ping-seconds. Viewers that joined together (a class's parents
 * at the start of the day, the load generator) would all be pinged and
 * answer in the same second, a burst of a write, a poll() wake-up and a
 * read on every socket, three times in a minute. While media flows, the
 * peer's TCP acknowledgements prove both directions work: confirm those
 * sockets to lws, and leave its pings to the ones that carry nothing. A
 * viewer that stops acknowledging is no longer confirmed: it is pinged,
 * and dropped if silent (or cut sooner by the lag policy, as its frames
 * back up). */
static void conn_confirm_alive(struct conn *c, int64_t now_us)
{
	/* Four looks per ping interval; an acknowledgement within half of
	 * it counts (at the default 20 s: every 5 s, within 10 s). */
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	int fd, ping_s;

	if (!c->wsi || c->close_code || now_us < c->alive_check_us)
		return;
	ping_s = c->hub->cfg.ping_s; /* set with wsi at ESTABLISHED */
	c->alive_check_us = now_us + (int64_t)ping_s * 1000000 / 4;
	fd = lws_get_socket_fd(c->wsi);
	if (fd >= 0 && getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	    ti.tcpi_last_ack_recv < (uint32_t)ping_s * 1000 / 2)
		lws_validity_confirmed(c->wsi);
}

/* Let the kernel hold little unsent data for us: past it the socket is
 * not writable, so media waits in the shared log, where the lag policy
 * can thin it, instead of seconds of it waiting in a socket buffer. */
static void limit_kernel_queue(struct lws *wsi)
{
	int fd = lws_get_socket_fd(wsi), v = NOTSENT_LOWAT;

	if (fd >= 0 &&
	    setsockopt(fd, IPPROTO_TCP, TCP_NOTSENT_LOWAT, &v, sizeof(v)) < 0)
		log_debug("TCP_NOTSENT_LOWAT: %s", strerror(errno));
}

/* ---- the room's way back (struct room_sink) --------------------------- */

static void sink_send(void *ctx, enum proto_type type, const void *body)
{
	conn_send(ctx, type, body);
}

static void sink_push(void *ctx)
{
	conn_push(ctx);
}

static void sink_wake(void *ctx)
{
	conn_wake(ctx);
}

static void sink_close(void *ctx, int code)
{
	conn_close(ctx, code);
}

static void sink_confirm_alive(void *ctx, int64_t now_us)
{
	conn_confirm_alive(ctx, now_us);
}

static const struct room_sink conn_sink = {
	.send = sink_send,
	.push = sink_push,
	.wake = sink_wake,
	.close = sink_close,
	.confirm_alive = sink_confirm_alive,
};

/* ---- the hub ----------------------------------------------------------- */

/* The hub of @vh: a pointer kept in the protocol's per-vhost data. */
static struct ws_hub **hub_slot(struct lws_vhost *vh, bool alloc)
{
	const struct lws_protocols *p =
		lws_vhost_name_to_protocol(vh, ws_protocol.name);

	if (!p)
		return NULL;
	if (alloc)
		return lws_protocol_vh_priv_zalloc(vh, p,
						   sizeof(struct ws_hub *));
	return lws_protocol_vh_priv_get(vh, p);
}

static struct ws_hub *hub_of(struct lws *wsi)
{
	struct ws_hub **slot = hub_slot(lws_get_vhost(wsi), false);

	return slot ? *slot : NULL;
}

struct ws_hub *ws_hub_new(struct lws_vhost *vh, const struct ws_hub_config *cfg)
{
	struct ws_hub **slot = hub_slot(vh, true);
	struct ws_hub *h;

	if (!slot)
		return NULL; /* @vh does not serve ws_protocol */
	h = XNEW(struct ws_hub);
	h->cfg = *cfg;
	*slot = h;
	return h;
}

void ws_hub_free(struct ws_hub *h)
{
	free(h);
}

size_t ws_hub_count(const struct ws_hub *h)
{
	return h->n_conns;
}

void ws_hub_revoke_session(struct ws_hub *h, int64_t session_id)
{
	for (struct conn *c = h->conns; c; c = c->next)
		if (c->who.kind == ID_USER && c->who.session_id == session_id)
			conn_fail(c, LC_EAUTH, "session ended",
				  CLOSE_UNAUTHORIZED);
}

void ws_hub_recheck(struct ws_hub *h, int64_t user_id, bool changed)
{
	int64_t now = (int64_t)time(NULL);

	for (struct conn *c = h->conns, *n; c; c = n) {
		n = c->next;
		if (user_id && (c->who.kind != ID_USER || c->who.id != user_id))
			continue;
		if (changed)
			conn_recheck(c, now);
		else if (c->who.kind == ID_USER && !c->close_code &&
			 !c->auth_err && c->who.expires <= now)
			conn_fail(c, LC_EAUTH, "session expired",
				  CLOSE_UNAUTHORIZED);
	}
}

void ws_hub_close_all(struct ws_hub *h, int code)
{
	for (struct conn *c = h->conns; c; c = c->next)
		conn_close(c, code);
}

static int callback_ws(struct lws *wsi, enum lws_callback_reasons reason,
		       void *user, void *in, size_t len)
{
	struct conn *c = user;
	struct ws_hub *h;
	bool by_cookie;

	switch (reason) {
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		/* Headers are still here: read the credential now. The
		 * Origin was checked before the upgrade (api/http.c). */
		h = hub_of(wsi);
		if (!h)
			return -1;
		ident_peer_addr(wsi, c->addr, sizeof(c->addr));
		c->auth_err = ident_from_request(h->cfg.store, wsi, &c->who,
						 &by_cookie);
		return 0;
	case LWS_CALLBACK_ESTABLISHED:
		h = hub_of(wsi);
		if (!h)
			return -1;
		c->wsi = wsi;
		c->hub = h;
		c->next = h->conns;
		if (h->conns)
			h->conns->prev = c;
		h->conns = c;
		h->n_conns++;
		if (c->auth_err) {
			h->cfg.met->ws_unauthorized++;
			log_info("websocket from %s: unauthorized", c->addr);
			conn_fail(c, LC_EAUTH,
				  "missing, invalid or expired "
				  "credentials",
				  CLOSE_UNAUTHORIZED);
			return 0;
		}
		log_debug("websocket from %s: %s", c->addr, c->who.name);
		limit_kernel_queue(wsi);
		send_hello(c);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		if (c->hub)
			on_receive(c, in, len);
		return 0;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		return wsgate_check_close(wsi, in, len);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if (!c->hub)
			return 0;
		return on_writeable(c);
	case LWS_CALLBACK_CLOSED:
		on_closed(c);
		return 0;
	default:
		return 0;
	}
}

const struct lws_protocols ws_protocol = {
	.name = PROTO_SUBPROTOCOL,
	.callback = callback_ws,
	.per_session_data_size = sizeof(struct conn),
	/* lws reads a WebSocket connection at most this much per poll()
	 * round, and each round also polls every viewer's socket: with 4 KiB
	 * a publisher's keyframe took five rounds before its fan-out could
	 * start. 64 KiB takes nearly every frame in one. Viewers send only
	 * small control messages: most of their buffer is never touched and
	 * takes no memory (the RSS rows of make bench). */
	.rx_buffer_size = 64 * 1024,
	/* Offer a whole frame to the kernel in one send(): a smaller
	 * packet size would make lws copy the remainder of every frame. */
	.tx_packet_size = PROTO_MEDIA_HEADER + PROTO_MAX_PAYLOAD + 64,
};
