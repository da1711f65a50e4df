/* A WebSocket client on libwebsockets for Lucarne's programs (the capture
 * agent, lucarne-view and the kiosk): one lws context and service loop per
 * process holding any number of connections to the relay, each speaking
 * "lucarne.v1" with a Bearer token, reassembling messages, and reconnecting
 * with exponential backoff and jitter when its owner asks for it.
 *
 * Threads: everything runs on the thread that calls wsc_service(), except
 * wsc_wake(), which any thread may call (it is lws_cancel_service) to get
 * the on_wake callback run on the loop thread.
 */
#ifndef LUCARNE_WSC_H
#define LUCARNE_WSC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wsc;
struct wsc_conn;

/* Room to leave in front of a buffer given to wsc_conn_write(). */
#define WSC_PRE 16

struct wsc_url {
	bool tls; /* wss:// */
	char host[256]; /* name or address, no brackets, no port */
	int port; /* explicit, or 80 / 443 */
	char path[256]; /* "/ws" when the URL has none */
};

/* Parse "ws://HOST[:PORT][/PATH]" or "wss://..." (also "http(s)://", which
 * mean the same relay). Returns 0 or LC_EINVAL. */
int wsc_url_parse(const char *url, struct wsc_url *out);

/* Delay before reconnection attempt @attempt (0 = first retry): 0.25 s
 * doubling to 8 s, scaled by a factor in [0.75, 1.25] taken from @rnd
 * (uniform over uint32_t). Pure, for tests. */
int64_t wsc_backoff_us(unsigned attempt, uint32_t rnd);

/* Send libwebsockets' own log lines to common/log (errors as warnings,
 * the rest at debug level). wsc_new does it; call it before using lws
 * directly. */
void wsc_route_lws_logs(void);

struct wsc_config {
	const char *ca_file; /* PEM CA file for wss://; NULL: system CAs */
	int max_conns; /* connections to plan file descriptors for */
	size_t rx_buffer; /* lws receive chunk per connection; 0: 16 KiB */
	void (*on_wake)(void *user); /* on the loop after wsc_wake() */
	void *user;
};

/* Create the lws context. Returns NULL (with a log line) on failure. */
struct wsc *wsc_new(const struct wsc_config *cfg);
/* Close every connection and free the context; NULL is fine. */
void wsc_free(struct wsc *w);
/* Run the loop once: wait up to @timeout_ms for events and dispatch them. */
void wsc_service(struct wsc *w, int timeout_ms);
/* Thread-safe: make the loop return soon and call on_wake. */
void wsc_wake(struct wsc *w);

struct wsc_conn_ops {
	/* The upgrade succeeded. */
	void (*on_open)(struct wsc_conn *c, void *user);
	/* One whole text message (not NUL-terminated). */
	void (*on_text)(struct wsc_conn *c, void *user, const char *buf,
			size_t len);
	/* One binary message of @total bytes; @buf holds all of it, or only
	 * its first rx_peek bytes when the connection was made with one. */
	void (*on_binary)(struct wsc_conn *c, void *user, const uint8_t *buf,
			  size_t len, size_t total);
	/* The socket can take one more message: call wsc_conn_write once. */
	void (*on_writable)(struct wsc_conn *c, void *user);
	/* The connection ended or could not be made. @close_code is the
	 * relay's WebSocket close code, 0 if there was none (network error,
	 * refused upgrade); @why says what happened. Return true to connect
	 * again after the backoff delay, false to leave it closed. */
	bool (*on_close)(struct wsc_conn *c, void *user, int close_code,
			 const char *why);
};

struct wsc_conn_config {
	const char *url; /* see wsc_url_parse; copied */
	const char *token; /* Bearer token, NULL for none; copied */
	size_t rx_peek; /* keep only this many bytes of binary messages
			    * (0: whole messages up to the protocol cap) */
	const struct wsc_conn_ops *ops;
	void *user;
};

/* Create a connection (not yet connecting). Returns NULL if the URL is
 * bad. The connection belongs to @w and is freed by wsc_free at the
 * latest. */
struct wsc_conn *wsc_conn_new(struct wsc *w, const struct wsc_conn_config *cfg);
/* Start connecting now (asynchronously); a no-op while connected or
 * connecting. Returns 0 or LC_EIO. */
int wsc_conn_open(struct wsc_conn *c);
/* Close (code 1000) and stop reconnecting; on_close is not called. */
void wsc_conn_close(struct wsc_conn *c);
/* True between on_open and on_close. */
bool wsc_conn_is_open(const struct wsc_conn *c);
/* Queue a text message (at most PROTO_MAX_CTL bytes, copied), sent before the next on_writable.
 * Returns 0, LC_ETOOBIG, LC_EAGAIN if the queue (8) is full, LC_ESTATE if not open. */
int wsc_conn_send_text(struct wsc_conn *c, const char *text);
/* Ask for one on_writable call. */
void wsc_conn_want_write(struct wsc_conn *c);
/* From on_writable only: send @len bytes at @buf as one binary message;
 * @buf must have WSC_PRE writable bytes before it. Returns 0 or LC_EIO. */
int wsc_conn_write(struct wsc_conn *c, uint8_t *buf, size_t len);
/* Stop (false) or resume (true) reading from the socket. */
void wsc_conn_set_rx(struct wsc_conn *c, bool enable);
/* Set the socket's receive buffer (SO_RCVBUF) once connected: a small
 * one makes a slow reader's backlog pile up at the sender, as a slow
 * phone's would. 0: leave the system's. */
void wsc_conn_set_rcvbuf(struct wsc_conn *c, int bytes);

#endif
