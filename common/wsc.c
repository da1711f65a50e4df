#define LOG_TAG "wsc"
#include "common/wsc.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

_Static_assert(WSC_PRE >= LWS_PRE, "WSC_PRE must cover LWS_PRE");

#define TEXT_QUEUE 8
#define HANDSHAKE_TIMEOUT_US (8 * LWS_US_PER_SEC)
/* A control message at its cap (the camera's controls list is the largest);
 * each queued one is allocated to its size, freed once written. */
#define TEXT_MAX PROTO_MAX_CTL

struct wsc {
	struct lws_context *ctx;
	struct wsc_config cfg;
	struct wsc_conn *conns; /* every connection, for wsc_free */
	lws_sorted_usec_list_t tick;
};

struct wsc_conn {
	struct wsc *w;
	struct wsc_conn *next;
	struct wsc_url url;
	char url_text[512];
	char *token;
	size_t rx_peek;
	const struct wsc_conn_ops *ops;
	void *user;

	struct lws *wsi; /* NULL while neither connecting nor open */
	bool open;
	bool closing; /* wsc_conn_close called: say goodbye, no retry */
	unsigned ended; /* times conn_ended ran */
	bool reopen; /* wsc_conn_open called while closing */
	int rcvbuf; /* SO_RCVBUF to set, 0: default */
	unsigned attempt;
	lws_sorted_usec_list_t retry;
	lws_sorted_usec_list_t hs_timer; /* upgrade must finish in time */
	int close_code;
	char close_why[128];

	uint8_t *rx; /* message being reassembled */
	size_t rx_len, rx_cap, rx_total;
	bool rx_binary, rx_overflow;

	char *text[TEXT_QUEUE]; /* LWS_PRE headroom, then the message */
	size_t text_len[TEXT_QUEUE];
	unsigned text_head, text_count;
};

int wsc_url_parse(const char *url, struct wsc_url *out)
{
	const char *p, *host, *end;
	size_t hlen;
	char *e;
	long port;

	memset(out, 0, sizeof(*out));
	if (strncmp(url, "wss://", 6) == 0 || strncmp(url, "https://", 8) == 0)
		out->tls = true;
	else if (strncmp(url, "ws://", 5) != 0 && strncmp(url, "http://", 7))
		return LC_EINVAL;
	out->port = out->tls ? 443 : 80;
	host = strstr(url, "://") + 3;
	p = host + strcspn(host, "/");
	if (*host == '[') { /* IPv6 literal */
		end = memchr(host, ']', (size_t)(p - host));
		if (!end)
			return LC_EINVAL;
		hlen = (size_t)(end - host - 1);
		host++;
		end++;
	} else {
		end = memchr(host, ':', (size_t)(p - host));
		if (!end)
			end = p;
		hlen = (size_t)(end - host);
	}
	if (hlen == 0 || hlen >= sizeof(out->host))
		return LC_EINVAL;
	memcpy(out->host, host, hlen);
	if (*end == ':') {
		port = strtol(end + 1, &e, 10);
		if (e != p || port < 1 || port > 65535)
			return LC_EINVAL;
		out->port = (int)port;
	} else if (end != p) {
		return LC_EINVAL;
	}
	if (strlen(p) >= sizeof(out->path))
		return LC_EINVAL;
	strcpy(out->path, *p ? p : "/ws");
	return 0;
}

int64_t wsc_backoff_us(unsigned attempt, uint32_t rnd)
{
	int64_t base = 250000;

	for (unsigned i = 0; i < attempt && base < 8000000; i++)
		base *= 2;
	if (base > 8000000)
		base = 8000000;
	/* factor = 0.75 + 0.5 * rnd / 2^32, in integer arithmetic */
	return base * 3 / 4 + (int64_t)(((__int128)base / 2 * rnd) >> 32);
}

static void conn_schedule_retry(struct wsc_conn *c);
static void hs_timeout_cb(lws_sorted_usec_list_t *sul);

static void rx_reset(struct wsc_conn *c)
{
	c->rx_len = 0;
	c->rx_total = 0;
	c->rx_overflow = false;
}

/* Append a fragment; keeps only rx_peek bytes of binary messages when
 * asked, and refuses to grow past the protocol's largest message. */
static void rx_append(struct wsc_conn *c, const void *in, size_t len)
{
	size_t keep = len, cap = PROTO_MEDIA_HEADER + PROTO_MAX_PAYLOAD;

	c->rx_total += len;
	if (c->rx_binary && c->rx_peek)
		cap = c->rx_peek;
	if (c->rx_len + keep > cap) {
		keep = c->rx_len < cap ? cap - c->rx_len : 0;
		if (!(c->rx_binary && c->rx_peek))
			c->rx_overflow = true;
	}
	if (!keep)
		return;
	if (c->rx_len + keep > c->rx_cap) {
		size_t n = c->rx_cap ? c->rx_cap : 4096;

		while (n < c->rx_len + keep)
			n *= 2;
		c->rx = xrealloc(c->rx, n);
		c->rx_cap = n;
	}
	memcpy(c->rx + c->rx_len, in, keep);
	c->rx_len += keep;
}

static void text_clear(struct wsc_conn *c)
{
	while (c->text_count) {
		free(c->text[c->text_head]);
		c->text[c->text_head] = NULL;
		c->text_head = (c->text_head + 1) % TEXT_QUEUE;
		c->text_count--;
	}
}

static void conn_ended(struct wsc_conn *c, const char *why)
{
	bool again;

	lws_sul_cancel(&c->hs_timer);
	c->wsi = NULL;
	c->open = false;
	c->ended++;
	text_clear(c);
	rx_reset(c);
	if (c->closing) {
		if (c->reopen) {
			c->closing = false;
			conn_schedule_retry(c);
		}
		return;
	}
	again = c->ops->on_close(c, c->user, c->close_code, why);
	if (again)
		conn_schedule_retry(c);
}

static int flush_text(struct wsc_conn *c)
{
	char *t = c->text[c->text_head];
	size_t n = c->text_len[c->text_head];
	int rc;

	c->text[c->text_head] = NULL;
	c->text_head = (c->text_head + 1) % TEXT_QUEUE;
	c->text_count--;
	rc = lws_write(c->wsi, (unsigned char *)t + LWS_PRE, n, LWS_WRITE_TEXT);
	free(t);
	if (rc < (int)n)
		return -1;
	lws_callback_on_writable(c->wsi);
	return 0;
}

static int wsc_callback(struct lws *wsi, enum lws_callback_reasons reason,
			void *user, void *in, size_t len)
{
	struct wsc_conn *c = user;
	struct wsc *w = lws_context_user(lws_get_context(wsi));
	char why[1024];

	switch (reason) {
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (w && w->cfg.on_wake)
			w->cfg.on_wake(w->cfg.user);
		break;
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
		unsigned char **p = in, *end = *p + len;
		char v[600];

		if (!c || !c->token)
			break;
		snprintf(v, sizeof(v), "Bearer %s", c->token);
		if (lws_add_http_header_by_token(
			    wsi, WSI_TOKEN_HTTP_AUTHORIZATION,
			    (unsigned char *)v, (int)strlen(v), p, end))
			return -1;
		break;
	}
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		lws_sul_cancel(&c->hs_timer);
		if (c->rcvbuf > 0)
			setsockopt(lws_get_socket_fd(wsi), SOL_SOCKET,
				   SO_RCVBUF, &c->rcvbuf, sizeof(c->rcvbuf));
		c->open = true;
		c->attempt = 0;
		c->close_code = 0;
		rx_reset(c);
		if (c->ops->on_open)
			c->ops->on_open(c, c->user);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		if (lws_is_first_fragment(wsi)) {
			rx_reset(c);
			c->rx_binary = lws_frame_is_binary(wsi);
		}
		rx_append(c, in, len);
		if (!lws_is_final_fragment(wsi) ||
		    lws_remaining_packet_payload(wsi))
			break;
		if (c->rx_overflow) {
			log_warn("%s: message over %u bytes, dropped",
				 c->url_text, (unsigned)c->rx_cap);
		} else if (c->rx_binary) {
			if (c->ops->on_binary)
				c->ops->on_binary(c, c->user, c->rx, c->rx_len,
						  c->rx_total);
		} else if (c->ops->on_text) {
			c->ops->on_text(c, c->user, (const char *)c->rx,
					c->rx_len);
		}
		rx_reset(c);
		if (c->closing)
			return -1;
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (c->closing) {
			lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
			return -1;
		}
		if (c->text_count)
			return flush_text(c);
		if (c->ops->on_writable)
			c->ops->on_writable(c, c->user);
		break;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (c && len >= 2) {
			const unsigned char *b = in;
			size_t n = len - 2 < sizeof(c->close_why) - 1
				? len - 2
				: sizeof(c->close_why) - 1;

			c->close_code = b[0] << 8 | b[1];
			memcpy(c->close_why, b + 2, n);
			c->close_why[n] = '\0';
		}
		break;
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (!c)
			break;
		snprintf(why, sizeof(why), "cannot connect to %s: %.200s",
			 c->url_text, in ? (const char *)in : "error");
		conn_ended(c, why);
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (!c)
			break;
		if (c->close_code)
			snprintf(why, sizeof(why), "closed by relay (%d%s%s)",
				 c->close_code, c->close_why[0] ? ": " : "",
				 c->close_why);
		else
			snprintf(why, sizeof(why), "connection to %s lost",
				 c->url_text);
		conn_ended(c, why);
		break;
	default:
		break;
	}
	return 0;
}

/* A relay that vanished without closing (network cut, power loss) is
 * noticed by our own pings: lws pings after 15 s without traffic and
 * hangs up after 40 s, then the owner's backoff takes over. */
static const lws_retry_bo_t idle_policy = {
	.secs_since_valid_ping = 15,
	.secs_since_valid_hangup = 40,
};

static struct lws_protocols protocols[] = {
	{ PROTO_SUBPROTOCOL, wsc_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 },
};

static void lws_log_emit(int level, const char *line)
{
	size_t n = strlen(line);

	while (n && line[n - 1] == '\n')
		n--;
	if (level & LLL_ERR)
		log_warn("lws: %.*s", (int)n, line);
	else
		log_debug("lws: %.*s", (int)n, line);
}

void wsc_route_lws_logs(void)
{
	lws_set_log_level(log_get_level() >= LOG_LVL_DEBUG
				  ? LLL_ERR | LLL_WARN | LLL_NOTICE
				  : LLL_ERR,
			  lws_log_emit);
}

struct wsc *wsc_new(const struct wsc_config *cfg)
{
	struct lws_context_creation_info info;
	struct wsc *w = XNEW(struct wsc);

	w->cfg = *cfg;
	protocols[0].rx_buffer_size = cfg->rx_buffer ? cfg->rx_buffer : 16384;
	wsc_route_lws_logs();
	memset(&info, 0, sizeof(info));
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = protocols;
	info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.client_ssl_ca_filepath = cfg->ca_file;
	info.user = w;
	info.connect_timeout_secs = 5;
	if (cfg->max_conns > 0)
		info.fd_limit_per_thread = (unsigned)cfg->max_conns + 64;
	w->ctx = lws_create_context(&info);
	if (!w->ctx) {
		log_error("cannot create the WebSocket client context");
		free(w);
		return NULL;
	}
	return w;
}

void wsc_free(struct wsc *w)
{
	struct wsc_conn *c, *next;

	if (!w)
		return;
	for (c = w->conns; c; c = c->next) {
		c->closing = true;
		c->reopen = false;
		lws_sul_cancel(&c->retry);
		lws_sul_cancel(&c->hs_timer);
	}
	lws_sul_cancel(&w->tick);
	lws_context_destroy(w->ctx);
	for (c = w->conns; c; c = next) {
		next = c->next;
		text_clear(c);
		free(c->token);
		free(c->rx);
		free(c);
	}
	free(w);
}

static void tick_cb(lws_sorted_usec_list_t *sul)
{
	(void)sul; /* only there to bound the wait in lws_service */
}

void wsc_service(struct wsc *w, int timeout_ms)
{
	lws_sul_schedule(w->ctx, 0, &w->tick, tick_cb,
			 (lws_usec_t)timeout_ms * LWS_US_PER_MS);
	lws_service(w->ctx, 0);
}

void wsc_wake(struct wsc *w)
{
	lws_cancel_service(w->ctx);
}

struct wsc_conn *wsc_conn_new(struct wsc *w, const struct wsc_conn_config *cfg)
{
	struct wsc_conn *c = XNEW(struct wsc_conn);

	if (wsc_url_parse(cfg->url, &c->url) < 0) {
		free(c);
		return NULL;
	}
	snprintf(c->url_text, sizeof(c->url_text), "%s", cfg->url);
	c->w = w;
	c->token = cfg->token ? xstrdup(cfg->token) : NULL;
	c->rx_peek = cfg->rx_peek;
	c->ops = cfg->ops;
	c->user = cfg->user;
	c->next = w->conns;
	w->conns = c;
	return c;
}

int wsc_conn_open(struct wsc_conn *c)
{
	struct lws_client_connect_info ci;
	unsigned ended;
	char why[600];

	if (c->wsi) {
		/* Still saying goodbye after wsc_conn_close: connect again
		 * once that connection is gone. */
		if (c->closing)
			c->reopen = true;
		return 0;
	}
	c->reopen = false;
	lws_sul_cancel(&c->retry);
	c->closing = false;
	c->close_code = 0;
	c->close_why[0] = '\0';
	memset(&ci, 0, sizeof(ci));
	ci.context = c->w->ctx;
	ci.address = c->url.host;
	ci.port = c->url.port;
	ci.path = c->url.path;
	ci.host = c->url.host;
	ci.origin = NULL;
	ci.protocol = PROTO_SUBPROTOCOL;
	ci.ssl_connection = c->url.tls ? LCCSCF_USE_SSL : 0;
	ci.userdata = c;
	ci.pwsi = &c->wsi;
	ci.retry_and_idle_policy = &idle_policy;
	ci.ietf_version_or_minus_one = -1;
	ended = c->ended;
	if (!lws_client_connect_via_info(&ci)) {
		c->wsi = NULL;
		/* lws reports most early failures through CONNECTION_ERROR;
		 * make sure the owner hears about this one exactly once. */
		if (c->ended == ended) {
			snprintf(why, sizeof(why), "cannot connect to %s",
				 c->url_text);
			conn_ended(c, why);
		}
		return LC_EIO;
	}
	lws_sul_schedule(c->w->ctx, 0, &c->hs_timer, hs_timeout_cb,
			 HANDSHAKE_TIMEOUT_US);
	return 0;
}

/* A relay that accepts the TCP connection but never answers the upgrade
 * (stopped, overloaded) must not hold the connection forever: lws only
 * times out the TCP connect. */
static void hs_timeout_cb(lws_sorted_usec_list_t *sul)
{
	struct wsc_conn *c = lws_container_of(sul, struct wsc_conn, hs_timer);
	unsigned ended = c->ended;
	char why[600];

	if (!c->wsi || c->open)
		return;
	/* Closed synchronously: the wsi is gone when this returns. lws
	 * reports nothing for a connection killed in this state, so we do. */
	lws_set_timeout(c->wsi, PENDING_TIMEOUT_AWAITING_SERVER_RESPONSE,
			LWS_TO_KILL_SYNC);
	if (c->ended == ended) {
		snprintf(why, sizeof(why), "no answer from %s", c->url_text);
		conn_ended(c, why);
	}
}

static void retry_cb(lws_sorted_usec_list_t *sul)
{
	struct wsc_conn *c = lws_container_of(sul, struct wsc_conn, retry);

	wsc_conn_open(c);
}

static void conn_schedule_retry(struct wsc_conn *c)
{
	uint32_t rnd = 0;
	int64_t us;

	if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
		rnd = (uint32_t)lws_now_usecs();
	us = wsc_backoff_us(c->attempt, rnd);
	if (c->attempt < 16)
		c->attempt++;
	log_debug("%s: reconnecting in %lld ms", c->url_text,
		  (long long)(us / 1000));
	lws_sul_schedule(c->w->ctx, 0, &c->retry, retry_cb, us);
}

void wsc_conn_close(struct wsc_conn *c)
{
	lws_sul_cancel(&c->retry);
	lws_sul_cancel(&c->hs_timer);
	c->closing = true;
	c->reopen = false;
	if (c->wsi)
		lws_callback_on_writable(c->wsi);
}

bool wsc_conn_is_open(const struct wsc_conn *c)
{
	return c->open;
}

int wsc_conn_send_text(struct wsc_conn *c, const char *text)
{
	size_t n = strlen(text);
	unsigned i;

	if (!c->open || c->closing)
		return LC_ESTATE;
	if (n > TEXT_MAX)
		return LC_ETOOBIG;
	if (c->text_count == TEXT_QUEUE)
		return LC_EAGAIN;
	i = (c->text_head + c->text_count) % TEXT_QUEUE;
	c->text[i] = xmalloc(LWS_PRE + n);
	memcpy(c->text[i] + LWS_PRE, text, n);
	c->text_len[i] = n;
	c->text_count++;
	lws_callback_on_writable(c->wsi);
	return 0;
}

void wsc_conn_want_write(struct wsc_conn *c)
{
	if (c->open)
		lws_callback_on_writable(c->wsi);
}

int wsc_conn_write(struct wsc_conn *c, uint8_t *buf, size_t len)
{
	if (!c->open)
		return LC_ESTATE;
	if (lws_write(c->wsi, buf, len, LWS_WRITE_BINARY) < (int)len)
		return LC_EIO;
	return 0;
}

void wsc_conn_set_rx(struct wsc_conn *c, bool enable)
{
	if (c->open)
		lws_rx_flow_control(c->wsi, enable);
}

void wsc_conn_set_rcvbuf(struct wsc_conn *c, int bytes)
{
	c->rcvbuf = bytes;
	if (c->open && bytes > 0)
		setsockopt(lws_get_socket_fd(c->wsi), SOL_SOCKET, SO_RCVBUF,
			   &bytes, sizeof(bytes));
}
