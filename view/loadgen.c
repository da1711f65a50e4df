#define LOG_TAG "loadgen"
#include "view/loadgen.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/wsc.h"
#include "common/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RBUF (256 * 1024)
#define HTTP_MAX 4096
/* With many connections, pause this long after a partial batch of events
 * so that the next epoll_wait() collects many: a sleeping epoll_wait()
 * must be woken by the relay's send() for every frame it delivers, and
 * on loopback the relay pays for that wake-up (about an eighth of its CPU
 * at 1000 viewers), which remote viewers would not cost it. Adds at most
 * this much to the delay measured here. */
#define COALESCE_MIN_CONNS 64
#define COALESCE_US 250

/* Records a TLS connection decrypts per readiness event before letting the
 * others have their turn (a 16 KiB record each at most). */
#define TLS_READS 16

enum lg_state { LG_IDLE, LG_CONNECTING, LG_TLS, LG_HTTP, LG_OPEN, LG_DONE };

struct lg_conn {
	int fd;
	SSL *ssl; /* wss:// only */
	enum lg_state state;
	int64_t start_us, subscribed_us;
	/* WebSocket frame parser */
	uint8_t fh[14]; /* frame header being gathered */
	unsigned fh_len;
	uint64_t left; /* payload bytes left in the current frame */
	uint8_t opcode; /* of the current message (not continuation) */
	bool fin;
	uint8_t msg[PROTO_MAX_CTL]; /* text or control payload; media: the
				     * first PROTO_MEDIA_HEADER bytes */
	size_t msg_len, msg_total;
	uint8_t ctl_op; /* control frame (ping, close) in progress */
	bool have_seq;
	uint32_t last_seq;
	bool any_seq;
	struct viewer_stats st;
};

struct loadgen {
	const struct loadgen_config *cfg;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	char request[1024];
	size_t request_len;
	int ep;
	uint8_t *rbuf;
	SSL_CTX *tls; /* NULL on ws:// */
	char host[256]; /* the name the certificate must carry */
};

/* write() or SSL_write(): the upgrade request and small control frames,
 * which fit in an idle socket's buffer whole. */
static ssize_t conn_write(struct lg_conn *c, const void *p, size_t n)
{
	int rc;

	if (!c->ssl)
		return write(c->fd, p, n);
	ERR_clear_error();
	rc = SSL_write(c->ssl, p, (int)n);
	if (rc <= 0) {
		errno = EIO;
		return -1;
	}
	return rc;
}

/* read() or SSL_read(), the same way: > 0 bytes, 0 at the peer's close,
 * -1 with errno (EAGAIN: nothing yet). */
static ssize_t conn_read(struct lg_conn *c, void *p, size_t n)
{
	int rc;

	if (!c->ssl)
		return read(c->fd, p, n);
	ERR_clear_error();
	rc = SSL_read(c->ssl, p, n > INT_MAX ? INT_MAX : (int)n);
	if (rc > 0)
		return rc;
	switch (SSL_get_error(c->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		errno = EAGAIN;
		return -1;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	default:
		errno = EPROTO;
		return -1;
	}
}

/* Send one masked frame (mask 0: the XOR is the identity). */
static void send_frame(struct lg_conn *c, uint8_t op, const void *data,
		       size_t len)
{
	uint8_t f[8 + 256];

	if (len > 125 || c->fd < 0)
		return;
	f[0] = 0x80 | op;
	f[1] = 0x80 | (uint8_t)len;
	memset(f + 2, 0, 4);
	memcpy(f + 6, data, len);
	if (conn_write(c, f, 6 + len) < 0)
		log_debug("write: %s", strerror(errno));
}

static void end_conn(struct loadgen *g, struct lg_conn *c, enum viewer_end e,
		     const char *why)
{
	if (c->fd >= 0) {
		epoll_ctl(g->ep, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
	}
	SSL_free(c->ssl);
	c->ssl = NULL;
	c->fd = -1;
	c->state = LG_DONE;
	if (c->st.end == VIEWER_UNAUTHORIZED || c->st.end == VIEWER_FORBIDDEN)
		return;
	c->st.end = e;
	snprintf(c->st.error, sizeof(c->st.error), "%s", why);
}

static void on_text(struct loadgen *g, struct lg_conn *c)
{
	struct proto_ctl m;
	char out[256];

	if (proto_ctl_parse((const char *)c->msg, c->msg_len, &m) < 0)
		return;
	if (m.type == PROTO_HELLO) {
		struct proto_msg_subscribe s;
		int n;

		snprintf(s.room, sizeof(s.room), "%s", g->cfg->room);
		n = proto_msg_format(PROTO_SUBSCRIBE, &s, out, sizeof(out));
		if (n > 0)
			send_frame(c, 0x1, out, (size_t)n);
		c->subscribed_us = clock_wall_us();
	} else if (m.type == PROTO_STATE) {
		c->st.states |= 1u << m.u.state.state;
	} else if (m.type == PROTO_ERROR) {
		snprintf(c->st.error, sizeof(c->st.error), "relay refused: %s",
			 m.u.error.code);
		if (strcmp(m.u.error.code, "unauthorized") == 0)
			c->st.end = VIEWER_UNAUTHORIZED;
		else if (strcmp(m.u.error.code, "forbidden") == 0)
			c->st.end = VIEWER_FORBIDDEN;
	}
}

static void on_media(struct loadgen *g, struct lg_conn *c)
{
	struct proto_media h;
	const uint8_t *payload;
	int rc = proto_media_parse(c->msg, c->msg_len, &h, &payload);
	int64_t now = clock_wall_us();

	c->st.received++;
	if (rc == LC_EP_LENGTH &&
	    h.length == c->msg_total - PROTO_MEDIA_HEADER && h.length)
		rc = 0;
	if (rc < 0) {
		c->st.bad_frames++;
		return;
	}
	c->st.frames++;
	c->st.bytes += h.length;
	c->st.layers[h.layer]++;
	c->st.keyframes += !!(h.flags & PROTO_FLAG_KEY);
	c->st.slate_frames += !!(h.flags & PROTO_FLAG_SLATE);
	if (c->have_seq && h.seq != c->last_seq + 1) {
		c->st.seq_gaps++;
		c->st.seq_missing += h.seq - c->last_seq - 1;
	}
	if (!c->any_seq)
		c->st.seq_first = h.seq;
	c->any_seq = c->have_seq = true;
	c->last_seq = c->st.seq_last = h.seq;
	if ((int64_t)h.capture_us < c->subscribed_us)
		c->st.backlog_frames++;
	else
		hist_add(g->cfg->latency, now - (int64_t)h.capture_us);
	if (c->st.frames == 1)
		c->st.first_frame_us = clock_mono_us() - c->start_us;
}

/* A whole frame's payload has arrived. */
static void frame_done(struct loadgen *g, struct lg_conn *c)
{
	if (c->ctl_op) {
		uint8_t op = c->ctl_op;

		c->ctl_op = 0;
		if (op == 0x9) {
			c->st.pings++;
			send_frame(c, 0xA, c->msg, c->msg_len);
		} else if (op == 0x8) {
			int code = c->msg_len >= 2 ? c->msg[0] << 8 | c->msg[1]
						   : 0;
			char why[64];

			c->st.close_code = code;
			send_frame(c, 0x8, c->msg, c->msg_len >= 2 ? 2 : 0);
			snprintf(why, sizeof(why), "closed by relay (%d)",
				 code);
			end_conn(g, c,
				 code == 4401		? VIEWER_UNAUTHORIZED
					 : code == 4403 ? VIEWER_FORBIDDEN
							: VIEWER_CLOSED,
				 why);
		}
		c->msg_len = c->msg_total = 0;
		return;
	}
	if (!c->fin)
		return;
	if (c->opcode == 0x1)
		on_text(g, c);
	else if (c->opcode == 0x2)
		on_media(g, c);
	c->msg_len = c->msg_total = 0;
}

static bool header_complete(struct lg_conn *c, size_t *hlen)
{
	unsigned need = 2;

	if (c->fh_len < 2)
		return false;
	if ((c->fh[1] & 0x7f) == 126)
		need = 4;
	else if ((c->fh[1] & 0x7f) == 127)
		need = 10;
	*hlen = need;
	return c->fh_len >= need;
}

/* Start a frame from its gathered header. */
static void frame_begin(struct loadgen *g, struct lg_conn *c)
{
	uint8_t op = c->fh[0] & 0x0f, l7 = c->fh[1] & 0x7f;
	uint64_t len = l7;

	if (l7 == 126)
		len = (uint64_t)c->fh[2] << 8 | c->fh[3];
	else if (l7 == 127)
		for (int i = 0; i < 8; i++)
			len = len << 8 | c->fh[2 + i];
	c->fh_len = 0;
	c->left = len;
	if (op >= 0x8) {
		c->ctl_op = op;
		c->msg_len = c->msg_total = 0;
	} else {
		if (op != 0)
			c->opcode = op;
		c->fin = c->fh[0] & 0x80;
	}
	if (len == 0)
		frame_done(g, c);
}

/* Feed received WebSocket bytes to the frame parser. */
static void parse_ws(struct loadgen *g, struct lg_conn *c, const uint8_t *p,
		     size_t n)
{
	while (n && c->state == LG_OPEN) {
		size_t hlen, take, keep, room;

		if (c->left == 0) { /* between frames: gather a header */
			while (n && !header_complete(c, &hlen)) {
				c->fh[c->fh_len++] = *p++;
				n--;
			}
			if (header_complete(c, &hlen))
				frame_begin(g, c);
			continue;
		}
		take = n < c->left ? n : (size_t)c->left;
		/* Keep control and text payloads whole, media headers only. */
		keep = c->ctl_op || c->opcode == 0x1 ? sizeof(c->msg)
						     : PROTO_MEDIA_HEADER;
		room = c->msg_len < keep ? keep - c->msg_len : 0;
		memcpy(c->msg + c->msg_len, p, take < room ? take : room);
		c->msg_len += take < room ? take : room;
		c->msg_total += take;
		p += take;
		n -= take;
		c->left -= take;
		if (c->left == 0)
			frame_done(g, c);
	}
}

/* The upgrade response: wait for its end, accept only 101. */
static void parse_http(struct loadgen *g, struct lg_conn *c, const uint8_t *p,
		       size_t n)
{
	const char *end;
	size_t used;
	int status = 0;

	if (c->msg_len + n > sizeof(c->msg) - 1) {
		end_conn(g, c, VIEWER_UNREACHABLE, "upgrade response too big");
		return;
	}
	memcpy(c->msg + c->msg_len, p, n);
	c->msg_len += n;
	c->msg[c->msg_len] = '\0';
	end = strstr((const char *)c->msg, "\r\n\r\n");
	if (!end)
		return;
	sscanf((const char *)c->msg, "HTTP/1.1 %d", &status);
	if (status != 101) {
		char why[64];

		snprintf(why, sizeof(why), "upgrade refused: HTTP %d", status);
		end_conn(g, c,
			 status == 401		 ? VIEWER_UNAUTHORIZED
				 : status == 403 ? VIEWER_FORBIDDEN
						 : VIEWER_UNREACHABLE,
			 why);
		return;
	}
	used = (size_t)(end + 4 - (const char *)c->msg);
	c->state = LG_OPEN;
	c->st.connects = 1;
	c->st.connect_us = clock_mono_us() - c->start_us;
	c->st.end = VIEWER_RUNNING;
	n = c->msg_len - used;
	memmove(c->msg, c->msg + used, n);
	c->msg_len = c->msg_total = 0;
	if (n) {
		uint8_t rest[sizeof(c->msg)];

		memcpy(rest, c->msg, n);
		parse_ws(g, c, rest, n);
	}
}

static void conn_open(struct loadgen *g, struct lg_conn *c)
{
	struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
	int one = 1;

	c->start_us = clock_mono_us();
	c->st.end = VIEWER_UNREACHABLE;
	c->fd = socket(g->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (c->fd < 0) {
		end_conn(g, c, VIEWER_UNREACHABLE, strerror(errno));
		return;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (struct sockaddr *)&g->addr, g->addrlen) < 0 &&
	    errno != EINPROGRESS) {
		end_conn(g, c, VIEWER_UNREACHABLE, strerror(errno));
		return;
	}
	c->state = LG_CONNECTING;
	epoll_ctl(g->ep, EPOLL_CTL_ADD, c->fd, &ev);
}

static void set_events(struct loadgen *g, struct lg_conn *c, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = c };

	epoll_ctl(g->ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* The TCP connection is up (and on wss://, the TLS session): ask for the
 * upgrade. */
static void send_upgrade(struct loadgen *g, struct lg_conn *c)
{
	if (conn_write(c, g->request, g->request_len) !=
	    (ssize_t)g->request_len) {
		end_conn(g, c, VIEWER_UNREACHABLE, "cannot send upgrade");
		return;
	}
	c->state = LG_HTTP;
	c->msg_len = 0;
	set_events(g, c, EPOLLIN);
}

/* One step of the TLS handshake, whichever way the socket is ready. */
static void tls_step(struct loadgen *g, struct lg_conn *c)
{
	char why[160];
	long vr;
	int rc;

	ERR_clear_error();
	rc = SSL_connect(c->ssl);
	if (rc == 1) {
		send_upgrade(g, c);
		return;
	}
	switch (SSL_get_error(c->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		set_events(g, c, EPOLLIN);
		return;
	case SSL_ERROR_WANT_WRITE:
		set_events(g, c, EPOLLOUT);
		return;
	default:
		vr = SSL_get_verify_result(c->ssl);
		if (vr != X509_V_OK)
			snprintf(why, sizeof(why), "TLS: certificate: %s",
				 X509_verify_cert_error_string(vr));
		else if (ERR_peek_error())
			snprintf(why, sizeof(why), "TLS handshake failed: %s",
				 ERR_reason_error_string(ERR_peek_error()));
		else
			snprintf(why, sizeof(why),
				 "TLS handshake failed: connection closed");
		end_conn(g, c, VIEWER_UNREACHABLE, why);
	}
}

/* The name the certificate must carry: a DNS name (also sent as SNI) or,
 * for wss://ADDRESS, an IP address entry. */
static bool tls_expect_name(SSL *ssl, const char *host)
{
	struct in6_addr a;

	if (inet_pton(AF_INET, host, &a) == 1 ||
	    inet_pton(AF_INET6, host, &a) == 1)
		return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl),
						     host) == 1;
	return SSL_set_tlsext_host_name(ssl, host) == 1 &&
		SSL_set1_host(ssl, host) == 1;
}

static void tls_start(struct loadgen *g, struct lg_conn *c)
{
	c->ssl = SSL_new(g->tls);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1 ||
	    !tls_expect_name(c->ssl, g->host)) {
		end_conn(g, c, VIEWER_UNREACHABLE, "TLS: out of memory");
		return;
	}
	c->state = LG_TLS;
	tls_step(g, c);
}

static void on_event(struct loadgen *g, struct lg_conn *c, uint32_t events)
{
	if (c->state == LG_CONNECTING) {
		int e = 0;
		socklen_t len = sizeof(e);

		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &len);
		if (e || (events & (EPOLLERR | EPOLLHUP))) {
			end_conn(g, c, VIEWER_UNREACHABLE,
				 e ? strerror(e) : "connection failed");
			return;
		}
		if (g->tls)
			tls_start(g, c);
		else
			send_upgrade(g, c);
		return;
	}
	if (c->state == LG_TLS) {
		tls_step(g, c);
		return;
	}
	/* Bounded, to be fair to the others: a few plain reads (one is
	 * usually all there is), or a keyframe's worth of TLS records. */
	for (int i = 0; i < (c->ssl ? TLS_READS : 4) && c->fd >= 0; i++) {
		ssize_t n = conn_read(c, g->rbuf, RBUF);

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			end_conn(g, c,
				 c->state == LG_OPEN ? VIEWER_CLOSED
						     : VIEWER_UNREACHABLE,
				 n == 0 ? "connection closed"
					: strerror(errno));
			return;
		}
		if (n < 0)
			return;
		if (c->state == LG_HTTP)
			parse_http(g, c, g->rbuf, (size_t)n);
		else
			parse_ws(g, c, g->rbuf, (size_t)n);
		if (!c->ssl && n < RBUF)
			return;
	}
}

static int resolve(struct loadgen *g, const struct wsc_url *u, char *err,
		   size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;
	char port[16];
	int rc;

	snprintf(port, sizeof(port), "%d", u->port);
	rc = getaddrinfo(u->host, port, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "%s: %s", u->host, gai_strerror(rc));
		return LC_EIO;
	}
	memcpy(&g->addr, res->ai_addr, res->ai_addrlen);
	g->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

/* wss://: verify the relay's certificate against @ca_file (or the
 * system's authorities) and its name against the URL's host. */
static int tls_context(struct loadgen *g, const struct wsc_url *u,
		       const char *ca_file, char *err, size_t errlen)
{
	g->tls = SSL_CTX_new(TLS_client_method());
	if (!g->tls) {
		snprintf(err, errlen, "TLS: cannot make a context");
		return LC_EIO;
	}
	SSL_CTX_set_min_proto_version(g->tls, TLS1_2_VERSION);
	SSL_CTX_set_verify(g->tls, SSL_VERIFY_PEER, NULL);
	if (ca_file ? SSL_CTX_load_verify_locations(g->tls, ca_file, NULL) != 1
		    : SSL_CTX_set_default_verify_paths(g->tls) != 1) {
		snprintf(err, errlen, "TLS: cannot load %s",
			 ca_file ? ca_file : "the system's authorities");
		return LC_EIO;
	}
	snprintf(g->host, sizeof(g->host), "%s", u->host);
	return 0;
}

static bool finished(const struct loadgen_config *cfg, struct lg_conn *c,
		     int opened)
{
	bool all_have = cfg->until_frames > 0;

	/* Called once per batch of events: no scan of thousands of
	 * connections unless a frame count is the goal. */
	for (int i = 0; all_have && i < cfg->connections; i++) {
		if (c[i].st.frames < (uint64_t)cfg->until_frames)
			all_have = false;
	}
	if (all_have)
		return true;
	if (opened < cfg->connections)
		return false;
	for (int i = 0; i < cfg->connections; i++)
		if (c[i].state != LG_DONE)
			return false;
	return true;
}

int loadgen_run(const struct loadgen_config *cfg, volatile sig_atomic_t *stop,
		struct viewer_stats *out, char *err, size_t errlen)
{
	struct loadgen g = { .cfg = cfg, .ep = -1 };
	struct epoll_event evs[256];
	struct lg_conn *c = xcalloc((size_t)cfg->connections, sizeof(*c));
	struct wsc_url u;
	int64_t t0 = clock_mono_us();
	int opened = 0, rc = LC_EINVAL;

	if (wsc_url_parse(cfg->url, &u) < 0) {
		snprintf(err, errlen, "bad relay address \"%s\"", cfg->url);
		goto out;
	}
	if (u.tls) {
		rc = tls_context(&g, &u, cfg->ca_file, err, errlen);
		if (rc < 0)
			goto out;
	}
	rc = resolve(&g, &u, err, errlen);
	if (rc < 0)
		goto out;
	g.request_len = (size_t)snprintf(
		g.request, sizeof(g.request),
		"GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
		"Connection: Upgrade\r\n"
		"Sec-WebSocket-Key: bHVjYXJuZS1sb2FkZ2VuIQ==\r\n"
		"Sec-WebSocket-Version: 13\r\n"
		"Sec-WebSocket-Protocol: %s\r\n"
		"Authorization: Bearer %s\r\n\r\n",
		u.path, u.host, u.port, PROTO_SUBPROTOCOL, cfg->token);
	if (g.request_len >= sizeof(g.request)) {
		snprintf(err, errlen, "token too long");
		rc = LC_EINVAL;
		goto out;
	}
	g.ep = epoll_create1(EPOLL_CLOEXEC);
	g.rbuf = xmalloc(RBUF);
	for (int i = 0; i < cfg->connections; i++)
		c[i].fd = -1;
	while (!*stop) {
		int64_t now = clock_mono_us();
		int due = cfg->connect_rate
			? (int)((now - t0) * cfg->connect_rate / 1000000) + 1
			: cfg->connections;
		int n;

		for (; opened < cfg->connections && opened < due; opened++)
			conn_open(&g, &c[opened]);
		if (now - t0 >= cfg->duration_us || finished(cfg, c, opened))
			break;
		n = epoll_wait(g.ep, evs, 256, 20);
		for (int i = 0; i < n; i++)
			on_event(&g, evs[i].data.ptr, evs[i].events);
		if (n > 0 && n < 256 &&
		    cfg->connections >= COALESCE_MIN_CONNS) {
			struct timespec ts = { 0, COALESCE_US * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	for (int i = 0; i < cfg->connections; i++) {
		if (c[i].state == LG_OPEN)
			send_frame(&c[i], 0x8, "\x03\xe8", 2); /* 1000 */
		SSL_free(c[i].ssl);
		if (c[i].fd >= 0)
			close(c[i].fd);
		out[i] = c[i].st;
	}
	rc = 0;
out:
	if (g.ep >= 0)
		close(g.ep);
	SSL_CTX_free(g.tls);
	free(g.rbuf);
	free(c);
	return rc;
}
