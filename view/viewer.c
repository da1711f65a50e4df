#define LOG_TAG "viewer"
#include "view/viewer.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <vpx/vp8dx.h>
#include <vpx/vpx_decoder.h>

struct viewer {
	struct viewer_config cfg;
	char *room;
	struct wsc_conn *conn;
	vpx_codec_ctx_t dec;
	bool dec_ok;
	bool need_key; /* decoder lost its references: wait for a key */
	bool have_seq, ever_open, any_seq;
	uint64_t conn_frames; /* frames on the current connection */
	uint32_t last_seq;
	int64_t start_us;
	int64_t subscribed_us; /* wall clock when subscribe was sent */
	enum viewer_end pending; /* refusal announced by an error message */
	int64_t resume_us; /* slow reader: reading paused until then */
	struct viewer_stats st;
};

static void refuse(struct viewer *v, enum viewer_end end, const char *why)
{
	if (v->st.end == VIEWER_UNAUTHORIZED || v->st.end == VIEWER_FORBIDDEN)
		return; /* keep the first, most precise reason */
	v->st.end = end;
	if (why != v->st.error)
		snprintf(v->st.error, sizeof(v->st.error), "%s", why);
}

static void on_open(struct wsc_conn *c, void *user)
{
	struct viewer *v = user;

	(void)c;
	if (!v->ever_open)
		v->st.connect_us = clock_mono_us() - v->start_us;
	v->ever_open = true;
	v->st.connects++;
	v->st.end = VIEWER_RUNNING;
	v->have_seq = false;
	v->need_key = true;
	v->conn_frames = 0;
	log_info("connected to %s (connection %llu)", v->cfg.url,
		 (unsigned long long)v->st.connects);
}

/* Count a frame shown (decoded, or received without decoding). */
static void count_frame(struct viewer *v, const struct proto_media *h)
{
	v->st.frames++;
	/* Frames captured before we subscribed come from the relay's cache
	 * (the group of pictures since the last keyframe, sent at once so
	 * that the picture starts at once): their age is not latency. */
	if ((int64_t)h->capture_us < v->subscribed_us)
		v->st.backlog_frames++;
	else
		hist_add(v->cfg.latency,
			 clock_wall_us() - (int64_t)h->capture_us);
	if (v->st.frames == 1)
		v->st.first_frame_us = clock_mono_us() - v->start_us;
	if (v->conn_frames++ == 0)
		log_info("first frame on connection %llu: seq %u, %.1f ms "
			 "after start",
			 (unsigned long long)v->st.connects, h->seq,
			 (double)(clock_mono_us() - v->start_us) / 1000);
}

static void request_key(struct viewer *v)
{
	if (wsc_conn_send_text(v->conn, "{\"type\":\"keyframe\"}") == 0)
		v->st.keyframe_requests++;
}

static void on_text(struct wsc_conn *c, void *user, const char *buf, size_t len)
{
	struct viewer *v = user;
	struct proto_ctl m;
	char out[256], why[320];

	(void)c;
	if (proto_ctl_parse(buf, len, &m) < 0) {
		log_warn("bad control message from the relay");
		return;
	}
	switch (m.type) {
	case PROTO_HELLO: {
		struct proto_msg_subscribe s;
		int n;

		snprintf(s.room, sizeof(s.room), "%s", v->room);
		n = proto_msg_format(PROTO_SUBSCRIBE, &s, out, sizeof(out));
		if (n < 0 || wsc_conn_send_text(v->conn, out) < 0)
			log_error("cannot send subscribe");
		v->subscribed_us = clock_wall_us();
		break;
	}
	case PROTO_STATE:
		v->st.states |= 1u << m.u.state.state;
		if (m.u.state.state == PROTO_ST_LIVE)
			v->need_key = true; /* media resumes with a keyframe */
		break;
	case PROTO_ERROR:
		snprintf(why, sizeof(why), "relay refused: %.31s: %.255s",
			 m.u.error.code, m.u.error.message);
		/* The close (4401, 4403) follows: it ends the connection. */
		if (strcmp(m.u.error.code, "unauthorized") == 0)
			v->pending = VIEWER_UNAUTHORIZED;
		else if (strcmp(m.u.error.code, "forbidden") == 0)
			v->pending = VIEWER_FORBIDDEN;
		snprintf(v->st.error, sizeof(v->st.error), "%s", why);
		break;
	default:
		break;
	}
}

static void decode(struct viewer *v, const struct proto_media *h,
		   const uint8_t *payload)
{
	vpx_codec_iter_t iter = NULL;
	vpx_image_t *img;
	bool got = false;

	if (v->need_key && !(h->flags & PROTO_FLAG_KEY))
		return; /* cannot decode before a keyframe: not an error */
	if (vpx_codec_decode(&v->dec, payload, h->length, NULL, 0)) {
		v->st.decode_errors++;
		log_warn("decode error on seq %u: %s", h->seq,
			 vpx_codec_error(&v->dec));
		v->need_key = true;
		request_key(v);
		return;
	}
	while ((img = vpx_codec_get_frame(&v->dec, &iter))) {
		v->st.width = (int)img->d_w;
		v->st.height = (int)img->d_h;
		got = true;
		for (int i = 0; i < v->cfg.n_regions; i++)
			region_measure(&v->cfg.regions[i],
				       img->planes[VPX_PLANE_Y],
				       img->stride[VPX_PLANE_Y], (int)img->d_w,
				       (int)img->d_h);
	}
	if (!got)
		return;
	v->need_key = false;
	/* Latency ends when the picture is ready, as a player would see it. */
	count_frame(v, h);
}

static void on_binary(struct wsc_conn *c, void *user, const uint8_t *buf,
		      size_t len, size_t total)
{
	struct viewer *v = user;
	struct proto_media h;
	const uint8_t *payload;
	int rc;

	v->st.received++;
	rc = proto_media_parse(buf, len, &h, &payload);
	/* Without decoding only the header was kept: it must agree with the
	 * whole message's size instead (the length check comes last). */
	if (!v->cfg.decode && rc == LC_EP_LENGTH && len < total &&
	    h.length == total - PROTO_MEDIA_HEADER && h.length)
		rc = 0;
	if (rc < 0) {
		v->st.bad_frames++;
		return;
	}
	v->st.bytes += h.length;
	v->st.layers[h.layer]++;
	if (h.flags & PROTO_FLAG_KEY)
		v->st.keyframes++;
	if (h.flags & PROTO_FLAG_SLATE)
		v->st.slate_frames++;
	if (v->have_seq && h.seq != v->last_seq + 1) {
		v->st.seq_gaps++;
		v->st.seq_missing += h.seq - v->last_seq - 1;
	}
	v->have_seq = true;
	v->last_seq = h.seq;
	if (!v->any_seq)
		v->st.seq_first = h.seq;
	v->any_seq = true;
	v->st.seq_last = h.seq;
	if (v->cfg.decode) {
		decode(v, &h, payload);
	} else {
		count_frame(v, &h);
	}
	if (v->cfg.slow_ms > 0) {
		wsc_conn_set_rx(c, false);
		v->resume_us = clock_mono_us() + (int64_t)v->cfg.slow_ms * 1000;
	}
}

static bool on_close(struct wsc_conn *c, void *user, int code, const char *why)
{
	struct viewer *v = user;

	(void)c;
	v->st.close_code = code;
	v->resume_us = 0;
	if (v->pending)
		refuse(v, v->pending, v->st.error);
	if (code == 4401)
		refuse(v, VIEWER_UNAUTHORIZED, why);
	else if (code == 4403)
		refuse(v, VIEWER_FORBIDDEN, why);
	if (v->st.end == VIEWER_UNAUTHORIZED || v->st.end == VIEWER_FORBIDDEN)
		return false;
	v->st.end = v->ever_open ? VIEWER_CLOSED : VIEWER_UNREACHABLE;
	snprintf(v->st.error, sizeof(v->st.error), "%s", why);
	if (v->cfg.retry)
		log_info("%s; reconnecting", why);
	return v->cfg.retry;
}

static const struct wsc_conn_ops ops = {
	.on_open = on_open,
	.on_text = on_text,
	.on_binary = on_binary,
	.on_close = on_close,
};

struct viewer *viewer_new(struct wsc *w, const struct viewer_config *cfg)
{
	struct viewer *v = XNEW(struct viewer);
	struct wsc_conn_config cc = {
		.url = cfg->url,
		.token = cfg->token,
		.rx_peek = cfg->decode ? 0 : PROTO_MEDIA_HEADER,
		.ops = &ops,
		.user = v,
	};

	v->cfg = *cfg;
	v->room = xstrdup(cfg->room);
	v->conn = wsc_conn_new(w, &cc);
	if (!v->conn)
		goto fail;
	if (cfg->slow_ms > 0)
		wsc_conn_set_rcvbuf(v->conn, 16384); /* no hiding in buffers */
	if (cfg->decode) {
		vpx_codec_dec_cfg_t dc = { .threads = 1 };

		if (vpx_codec_dec_init(&v->dec, vpx_codec_vp8_dx(), &dc, 0))
			goto fail;
		v->dec_ok = true;
	}
	return v;
fail:
	viewer_free(v);
	return NULL;
}

void viewer_free(struct viewer *v)
{
	if (!v)
		return;
	if (v->dec_ok)
		vpx_codec_destroy(&v->dec);
	free(v->room);
	free(v);
}

void viewer_open(struct viewer *v, int64_t start_us)
{
	v->start_us = start_us;
	if (wsc_conn_open(v->conn) < 0 && !v->cfg.retry)
		v->st.end = VIEWER_UNREACHABLE;
}

void viewer_tick(struct viewer *v, int64_t now_us)
{
	if (v->resume_us && now_us >= v->resume_us) {
		v->resume_us = 0;
		wsc_conn_set_rx(v->conn, true);
	}
}

void viewer_get_stats(const struct viewer *v, struct viewer_stats *out)
{
	*out = v->st;
	if (out->end == VIEWER_RUNNING && v->pending)
		out->end = v->pending; /* the close has not come yet */
}

bool viewer_finished(const struct viewer *v)
{
	switch (v->st.end) {
	case VIEWER_RUNNING:
		return false;
	case VIEWER_UNAUTHORIZED:
	case VIEWER_FORBIDDEN:
		return true;
	default:
		return !v->cfg.retry;
	}
}
