/* /metrics in the Prometheus text format (version 0.0.4). Rendered on
 * demand on the service thread; a few kilobytes per scrape. */
#include "relay/metrics.h"
#include "common/xalloc.h"
#include "relay/fanout.h"
#include "relay/room.h"

#include <libwebsockets.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct sbuf {
	unsigned char *p; /* LWS_PRE headroom first */
	size_t len, cap;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = b->cap - LWS_PRE - b->len;

		va_start(ap, fmt);
		n = vsnprintf((char *)b->p + LWS_PRE + b->len, room, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
}

static void head(struct sbuf *b, const char *name, const char *type,
		 const char *help)
{
	sb_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void counter(struct sbuf *b, const char *name, const char *help,
		    uint64_t v)
{
	head(b, name, "counter", help);
	sb_printf(b, "%s %llu\n", name, (unsigned long long)v);
}

/* A counter with one label, @key: a line per entry of @v, ended by a
 * NULL label. */
struct labelled {
	const char *label;
	uint64_t v;
};

static void counter_by(struct sbuf *b, const char *name, const char *help,
		       const char *key, const struct labelled *v)
{
	head(b, name, "counter", help);
	for (; v->label; v++)
		sb_printf(b, "%s{%s=\"%s\"} %llu\n", name, key, v->label,
			  (unsigned long long)v->v);
}

/* The rooms' figures, read once per render. */
struct room_table {
	struct room_stats *st;
	size_t n;
};

static void room_table_fill(struct room_table *t, struct rooms *rs)
{
	size_t cap = 0;

	t->st = NULL;
	t->n = 0;
	for (struct room *room = rooms_next(rs, NULL); room;
	     room = rooms_next(rs, room)) {
		if (t->n == cap) {
			cap = cap ? 2 * cap : 16;
			t->st = xrealloc(t->st, cap * sizeof(*t->st));
		}
		room_get_stats(room, &t->st[t->n++]);
	}
}

/* One metric with a value per room, read by @get. */
static void per_room(struct sbuf *b, const struct room_table *t,
		     const char *name, const char *type, const char *help,
		     uint64_t (*get)(const struct room_stats *))
{
	head(b, name, type, help);
	for (size_t i = 0; i < t->n; i++)
		sb_printf(b, "%s{room=\"%s\"} %llu\n", name, t->st[i].name,
			  (unsigned long long)get(&t->st[i]));
}

static uint64_t g_viewers(const struct room_stats *m)
{
	return (uint64_t)m->viewers;
}
static uint64_t g_publishers(const struct room_stats *m)
{
	return m->publisher;
}
static uint64_t g_frames_in(const struct room_stats *m)
{
	return m->cnt.frames_in;
}
static uint64_t g_bytes_in(const struct room_stats *m)
{
	return m->cnt.bytes_in;
}
static uint64_t g_frames_out(const struct room_stats *m)
{
	return m->cnt.frames_out;
}
static uint64_t g_bytes_out(const struct room_stats *m)
{
	return m->cnt.bytes_out;
}
static uint64_t g_key_req(const struct room_stats *m)
{
	return m->cnt.keyframe_requests;
}
static uint64_t g_key_coal(const struct room_stats *m)
{
	return m->cnt.keyframe_coalesced;
}
static uint64_t g_cache(const struct room_stats *m)
{
	return m->cache_bytes;
}
static uint64_t g_backlog_max(const struct room_stats *m)
{
	return m->backlog_max;
}

/* Cumulative buckets, as Prometheus wants them. */
static void delay_hist(struct sbuf *b, const struct delay_hist *h)
{
	const char *name = "lucarne_fanout_delay_seconds";
	uint64_t cum = 0;

	head(b, name, "histogram",
	     "From a frame fully received from the publisher to its last "
	     "byte handed to a viewer's socket (live frames, not a joining "
	     "viewer's cached GOP).");
	for (int i = 0; i < DELAY_HIST_BUCKETS; i++) {
		cum += h->count[i];
		sb_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name,
			  (double)delay_hist_le_us[i] / 1e6,
			  (unsigned long long)cum);
	}
	sb_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n", name,
		  (unsigned long long)h->n);
	sb_printf(b, "%s_sum %.6f\n%s_count %llu\n", name,
		  (double)h->sum_us / 1e6, name, (unsigned long long)h->n);
}

unsigned char *metrics_render(const struct metrics_src *src, size_t *len)
{
	struct sbuf b = { xmalloc(LWS_PRE + 8192), 0, LWS_PRE + 8192 };
	const struct fanout_stats *f = src->fst;
	const struct metrics *m = src->met;
	struct room_table rt;

	room_table_fill(&rt, src->rooms);
	head(&b, "lucarne_websockets", "gauge", "Open WebSocket connections.");
	sb_printf(&b, "lucarne_websockets %zu\n", src->websockets);
	per_room(&b, &rt, "lucarne_viewers", "gauge",
		 "Viewers subscribed to the room.", g_viewers);
	per_room(&b, &rt, "lucarne_publishers", "gauge",
		 "1 if a camera publishes to the room.", g_publishers);
	per_room(&b, &rt, "lucarne_frames_in_total", "counter",
		 "Media frames received from the publisher.", g_frames_in);
	per_room(&b, &rt, "lucarne_bytes_in_total", "counter",
		 "Media bytes received from the publisher.", g_bytes_in);
	per_room(&b, &rt, "lucarne_frames_out_total", "counter",
		 "Media frames sent to viewers.", g_frames_out);
	per_room(&b, &rt, "lucarne_bytes_out_total", "counter",
		 "Media bytes sent to viewers.", g_bytes_out);
	per_room(&b, &rt, "lucarne_keyframe_requests_total", "counter",
		 "Keyframe requests sent to the publisher.", g_key_req);
	per_room(&b, &rt, "lucarne_keyframe_requests_coalesced_total",
		 "counter", "Keyframe requests folded into a pending one.",
		 g_key_coal);
	per_room(&b, &rt, "lucarne_cache_bytes", "gauge",
		 "Bytes of media held in RAM for the room.", g_cache);
	per_room(&b, &rt, "lucarne_viewer_backlog_max_bytes", "gauge",
		 "Largest viewer send queue in the room, in bytes.",
		 g_backlog_max);
	counter_by(&b, "lucarne_frames_dropped_total",
		   "Frames not sent, by reason.", "reason",
		   (const struct labelled[]){
			   { "layer2", f->drop_layer2 },
			   { "layer1", f->drop_layer1 },
			   { "skip_to_key", f->drop_to_key },
			   { "before_key", f->drop_no_key },
			   { "broadcast_off", m->frames_off },
			   { "window_closed", m->frames_closed },
			   { "paused", m->frames_paused },
			   { NULL, 0 } });
	counter(&b, "lucarne_writes_deferred_total",
		"Live frames left to the writable callback because the "
		"viewer's socket still held part of an earlier message.",
		m->writes_deferred);
	counter(&b, "lucarne_slow_viewers_closed_total",
		"Viewers disconnected at the send queue's hard cap (4408).",
		f->slow_closes);
	counter(&b, "lucarne_gop_cache_overflows_total",
		"Cached GOPs dropped at the 8 MiB cap.", f->gop_overflows);
	delay_hist(&b, &f->delay);
	counter_by(&b, "lucarne_logins_total", "Login attempts by result.",
		   "result",
		   (const struct labelled[]){
			   { "ok", m->logins_ok },
			   { "refused", m->logins_refused },
			   { "rate_limited", m->logins_rate_limited },
			   { NULL, 0 } });
	counter_by(&b, "lucarne_refused_total", "WebSocket refusals by reason.",
		   "reason",
		   (const struct labelled[]){
			   { "unauthorized", m->ws_unauthorized },
			   { "bad_origin", m->ws_bad_origin },
			   { "subscribe", m->subscribes_refused },
			   { "publish", m->publishes_refused },
			   { "protocol", m->protocol_errors },
			   { NULL, 0 } });
	counter(&b, "lucarne_publishers_replaced_total",
		"Publishers closed by a newer one for the same room (4409).",
		m->publishers_replaced);
	free(rt.st);
	*len = b.len;
	return b.p;
}
