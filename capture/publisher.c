#define LOG_TAG "publisher"
#include "capture/publisher.h"
#include "capture/onair.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct publisher {
	struct publisher_config cfg;
	struct wsc_conn *conn;
	struct ring *ring;
	struct pipeline *pl;
	bool want_conn; /* the source is up: be connected */
	bool need_key; /* skip packets until a keyframe */
	bool masks_known; /* this connection got its masks: may send */
	char names[PROTO_NAMES_TEXT]; /* who watches, from "viewers" */
	uint32_t seq;
	uint64_t ctls_sent; /* generation of the last controls message */
	char failed[400];
	struct publisher_stats st;
};

/* Send the source's controls list when it changed since the last one
 * sent on this connection (after publish, after each change). */
static void sync_controls(struct publisher *p)
{
	struct proto_msg_controls *m;
	char *buf;
	uint64_t gen;
	int n;

	if (!p->st.publishing || pipeline_controls_gen(p->pl) == p->ctls_sent)
		return;
	m = XNEW(struct proto_msg_controls); /* ~9 KiB: not on the lws stack */
	gen = pipeline_get_controls(p->pl, &m->controls);
	if (gen && gen != p->ctls_sent) {
		buf = xmalloc(PROTO_MAX_CTL);
		n = proto_msg_format(PROTO_CONTROLS, m, buf, PROTO_MAX_CTL);
		if (n < 0) {
			/* A bug, not the network: say so once per list. */
			log_error("cannot format the controls list");
			p->ctls_sent = gen;
		} else if (wsc_conn_send_text(p->conn, buf) == 0) {
			p->ctls_sent = gen;
		} /* else the queue is full: again at the next wake-up */
		free(buf);
	}
	free(m);
}

static void set_controls(struct publisher *p,
			 const struct proto_msg_set_controls *m)
{
	if (pipeline_set_controls(p->pl, &m->values) < 0)
		log_warn("camera controls: %d changes already wait, one "
			 "dropped",
			 PIPELINE_CTL_QUEUE);
}

/* The on-air signal: the parents watching, or 0 while not publishing or
 * paused (nobody sees the camera then). */
static void signal_onair(struct publisher *p)
{
	bool on = p->st.publishing && !p->st.paused;

	onair_set(p->cfg.onair, p->st.room, on ? p->st.viewers : 0,
		  on ? p->names : "");
}

/* The connection is gone or left: nothing sent, nobody watching. */
static void stop_sending(struct publisher *p)
{
	p->st.publishing = false;
	p->masks_known = false;
	p->st.viewers = 0;
	p->names[0] = '\0';
	pipeline_set_sending(p->pl, false);
	ring_clear(p->ring);
	signal_onair(p);
}

static void send_publish(struct publisher *p, const char *room)
{
	struct proto_msg_publish m = { 0 };
	char buf[512];

	snprintf(m.room, sizeof(m.room), "%s", room);
	snprintf(m.codec, sizeof(m.codec), "vp8");
	m.width = p->cfg.width;
	m.height = p->cfg.height;
	m.fps = p->cfg.fps;
	m.layers = p->cfg.layers;
	if (proto_msg_format(PROTO_PUBLISH, &m, buf, sizeof(buf)) < 0 ||
	    wsc_conn_send_text(p->conn, buf) < 0) {
		log_error("cannot send publish");
		return;
	}
	/* Frames queued while connecting are stale: start afresh from a
	 * keyframe. */
	ring_clear(p->ring);
	p->need_key = true;
	p->st.publishing = true;
	snprintf(p->st.room, sizeof(p->st.room), "%s", room);
	/* Fail closed: no frame until the relay has said which masks apply
	 * to this connection (sending starts in on_masks). */
	p->masks_known = false;
	p->ctls_sent = 0; /* the relay keeps nothing across connections */
	sync_controls(p);
	log_info("publishing room %s (%dx%d, %d fps, %d layers), waiting for "
		 "the privacy masks",
		 room, m.width, m.height, m.fps, m.layers);
}

static void on_masks(struct publisher *p, const struct masks *m)
{
	p->st.masks = m->n;
	pipeline_set_masks(p->pl, m);
	if (!p->st.publishing || p->masks_known)
		return;
	p->masks_known = true;
	p->st.masks_known = true;
	pipeline_set_sending(p->pl, true);
	pipeline_request_keyframe(p->pl);
}

static void on_open(struct wsc_conn *c, void *user)
{
	struct publisher *p = user;

	(void)c;
	p->st.connects++;
	log_info("connected to %s, waiting for hello", p->cfg.url);
}

static void on_text(struct wsc_conn *c, void *user, const char *buf, size_t len)
{
	struct publisher *p = user;
	struct proto_ctl m; /* ~9 KiB with its controls list */
	int rc = proto_ctl_parse(buf, len, &m);

	(void)c;
	if (rc < 0) {
		log_warn("bad control message from relay (%s)",
			 lc_err_name(rc));
		return;
	}
	switch (m.type) {
	case PROTO_HELLO:
		if (!m.u.hello.room[0]) {
			snprintf(p->failed, sizeof(p->failed),
				 "the relay did not name this device's room "
				 "(is the token a camera's?)");
			wsc_conn_close(p->conn);
			return;
		}
		if (!p->st.publishing)
			send_publish(p, m.u.hello.room);
		break;
	case PROTO_KEYFRAME:
		p->st.keyframe_requests++;
		pipeline_request_keyframe(p->pl);
		break;
	case PROTO_BITRATE:
		log_info("relay asks for %d kbps", m.u.bitrate.kbps);
		pipeline_set_bitrate(p->pl, m.u.bitrate.kbps);
		break;
	case PROTO_VIEWERS:
		if (m.u.viewers.viewers != p->st.viewers)
			log_info("%d viewer%s", m.u.viewers.viewers,
				 m.u.viewers.viewers == 1 ? "" : "s");
		p->st.viewers = m.u.viewers.viewers;
		snprintf(p->names, sizeof(p->names), "%s", m.u.viewers.names);
		signal_onair(p);
		break;
	case PROTO_PAUSE:
		log_info("relay says %s",
			 m.u.pause.paused ? "pause" : "resume");
		p->st.paused = m.u.pause.paused;
		pipeline_set_paused(p->pl, m.u.pause.paused);
		signal_onair(p);
		break;
	case PROTO_MASKS:
		log_info("relay sets %d privacy mask%s", m.u.masks.rects.n,
			 m.u.masks.rects.n == 1 ? "" : "s");
		on_masks(p, &m.u.masks.rects);
		break;
	case PROTO_SET_CONTROLS:
		set_controls(p, &m.u.set_controls);
		break;
	case PROTO_ERROR:
		log_error("relay refused: %s: %s", m.u.error.code,
			  m.u.error.message);
		if (strcmp(m.u.error.code, "unauthorized") == 0 ||
		    strcmp(m.u.error.code, "forbidden") == 0)
			snprintf(p->failed, sizeof(p->failed),
				 "relay refused this camera (%.31s): %.255s",
				 m.u.error.code, m.u.error.message);
		break;
	default:
		break;
	}
}

static void on_writable(struct wsc_conn *c, void *user)
{
	struct publisher *p = user;
	struct ring_pkt *pkt;

	if (!p->st.publishing || !p->masks_known)
		return;
	while ((pkt = ring_pop(p->ring))) {
		if (p->need_key && !(pkt->flags & PROTO_FLAG_KEY)) {
			p->st.skipped++;
			ring_pkt_unref(pkt);
			continue;
		}
		p->need_key = false;
		/* The sequence counts frames actually sent, so a viewer's
		 * gaps measure what the relay thinned, not our drops. */
		if (wsc_conn_write(c, ring_pkt_frame(pkt, p->seq++),
				   PROTO_MEDIA_HEADER + pkt->len) < 0)
			log_warn("send failed");
		p->st.sent++;
		p->st.sent_bytes += pkt->len;
		ring_pkt_unref(pkt);
		break; /* one message per writable callback */
	}
	if (ring_count(p->ring))
		wsc_conn_want_write(c);
}

static bool on_close(struct wsc_conn *c, void *user, int code, const char *why)
{
	struct publisher *p = user;

	(void)c;
	stop_sending(p);
	if (!p->failed[0] && (code == 4401 || code == 4403))
		snprintf(p->failed, sizeof(p->failed),
			 "relay refused this camera: %s", why);
	if (!p->failed[0] && code == 4409)
		snprintf(p->failed, sizeof(p->failed),
			 "another capture agent now publishes this room (%s)",
			 why);
	if (p->failed[0])
		return false;
	log_warn("%s; retrying", why);
	return true;
}

static const struct wsc_conn_ops ops = {
	.on_open = on_open,
	.on_text = on_text,
	.on_writable = on_writable,
	.on_close = on_close,
};

struct publisher *publisher_new(struct wsc *w,
				const struct publisher_config *cfg,
				struct ring *ring, struct pipeline *pl)
{
	struct publisher *p = XNEW(struct publisher);
	struct wsc_conn_config cc = {
		.url = cfg->url,
		.token = cfg->token,
		.ops = &ops,
		.user = p,
	};

	p->cfg = *cfg;
	p->ring = ring;
	p->pl = pl;
	p->conn = wsc_conn_new(w, &cc);
	if (!p->conn) {
		free(p);
		return NULL;
	}
	return p;
}

void publisher_free(struct publisher *p)
{
	free(p);
}

void publisher_poll(struct publisher *p)
{
	bool up = pipeline_source_up(p->pl);

	if (p->failed[0])
		return;
	if (up && !p->want_conn) {
		p->want_conn = true;
		wsc_conn_open(p->conn);
	} else if (!up && p->want_conn) {
		/* Leaving the relay is how it learns the camera is offline. */
		log_info("source down: leaving the relay until it is back");
		p->want_conn = false;
		wsc_conn_close(p->conn);
		stop_sending(p);
	}
	sync_controls(p);
	if (p->st.publishing && p->masks_known && ring_count(p->ring))
		wsc_conn_want_write(p->conn);
}

const char *publisher_failed(const struct publisher *p)
{
	return p->failed[0] ? p->failed : NULL;
}

void publisher_get_stats(const struct publisher *p, struct publisher_stats *out)
{
	*out = p->st;
}
