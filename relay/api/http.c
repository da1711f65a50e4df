/* HTTP on the relay's port: the protocol callback, each request's
 * reading (path, headers, body) and answer, and the gate in front of the
 * WebSocket upgrade (path, subprotocol, Origin). What a path does is in
 * route.c's table and the files it names (docs/api.md).
 *
 * Every response carries the vhost's security headers (relay.c). API
 * answers are never cached. A request is dispatched exactly once, when
 * its body is complete: a body by Content-Length (capped at
 * RELAY_BODY_MAX, 413 beyond), a chunked one (decoded here: lws 4.1
 * does not), or none. A path over HTTP_PATH_MAX is refused with 414, a
 * header over HDR_MAX with 431. When the body's framing is unknown to
 * lws (chunked, or a POST without Content-Length) the connection closes
 * after the answer, so that nothing left of it is read as a request.
 */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "relay/hdr.h"
#include "relay/pwpool.h"
#include "relay/wsgate.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void req_reset(struct http_req *q)
{
	free(q->body);
	free(q->resp);
	q->body = q->resp = NULL;
	q->body_len = q->resp_len = 0;
	q->routed = q->close = q->chunked = false;
	q->head_only = q->want_token = false;
	q->rl_key[0] = q->rl_addr[0] = '\0';
	if (q->job)
		q->job->owner = NULL; /* the pool frees it */
	q->job = NULL;
}

static enum method method_of(struct lws *wsi)
{
	static const struct {
		enum lws_token_indexes tok;
		enum method m;
	} methods[] = {
		{ WSI_TOKEN_GET_URI, M_GET },
		{ WSI_TOKEN_POST_URI, M_POST },
		{ WSI_TOKEN_HEAD_URI, M_HEAD },
		{ WSI_TOKEN_PUT_URI, M_PUT },
		{ WSI_TOKEN_PATCH_URI, M_PATCH },
		{ WSI_TOKEN_DELETE_URI, M_DELETE },
		{ WSI_TOKEN_OPTIONS_URI, M_OPTIONS },
	};

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (lws_hdr_total_length(wsi, methods[i].tok))
			return methods[i].m;
	return M_OTHER;
}

/* Before a WebSocket upgrade: no over-long header, right path, our
 * subprotocol, and for a cookie an allowed Origin. Every header is read
 * at its real length, so that none of these checks is skipped because a
 * header is long. Returns 0 to let it through, 1 when refused with an
 * HTTP answer already written. */
static int confirm_upgrade(struct relay *r, struct lws *wsi)
{
	struct ident_origins o = http_origins(r);
	char *uri = hdr_dup(wsi, WSI_TOKEN_GET_URI),
	     *prot = hdr_dup(wsi, WSI_TOKEN_PROTOCOL),
	     *cookie = hdr_dup(wsi, WSI_TOKEN_HTTP_COOKIE);
	unsigned status = 0;
	const char *why = "";
	bool sent;

	if (hdr_any_too_long(wsi)) {
		status = 431;
		why = "a request header is over 8 KiB";
	} else if (!uri || strcmp(uri, "/ws") != 0) {
		status = 404;
		why = "no WebSocket here";
	} else if (!prot || !strstr(prot, PROTO_SUBPROTOCOL)) {
		status = 400;
		why = "subprotocol " PROTO_SUBPROTOCOL " required";
	} else if (cookie && strstr(cookie, IDENT_COOKIE "=") &&
		   !ident_request_origin_ok(wsi, &o, &sent)) {
		char *origin = hdr_dup(wsi, WSI_TOKEN_ORIGIN);

		relay_metrics(r)->ws_bad_origin++;
		/* Says what to give --allow-origin, if it is wanted. */
		log_info("upgrade with a cookie from origin \"%.100s\" refused",
			 origin		? origin
				 : sent ? "(too long)"
					: "");
		free(origin);
		status = 403;
		why = "origin not allowed";
	}
	free(uri);
	free(prot);
	free(cookie);
	if (!status)
		return 0;
	log_info("upgrade refused (%u): %s", status, why);
	lws_return_http_status(wsi, status, NULL);
	return 1;
}

/* Answer @q once, now that its body (if any) is complete. */
static int dispatch(struct relay *r, struct http_req *q)
{
	int rc;

	if (q->routed)
		return 0;
	q->routed = true;
	rc = route_dispatch(r, q);
	free(q->body); /* the login job took its own copy */
	q->body = NULL;
	q->body_len = 0;
	return rc < 0 ? -1 : 0;
}

/* Refuse @q before reading its body: the framing is lost or unknown,
 * so the connection closes after the answer. */
static int refuse(struct http_req *q, unsigned status, int err,
		  const char *message)
{
	q->routed = q->close = true;
	return http_respond_error(q, status, err, message, NULL) ? -1 : 0;
}

/* A strict Content-Length: digits only, at most RELAY_BODY_MAX (a larger
 * one is reported as RELAY_BODY_MAX + 1). -1 when malformed. */
static long content_length(const char *s)
{
	long n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (n <= RELAY_BODY_MAX)
			n = n * 10 + (*s - '0');
	}
	return n > RELAY_BODY_MAX ? RELAY_BODY_MAX + 1 : n;
}

/* LWS_CALLBACK_HTTP: a new request's path and headers. Dispatch it now
 * when it has no body, else wait for the body. */
static int request_start(struct relay *r, struct http_req *q, struct lws *wsi,
			 const char *path)
{
	char *te, *cl;
	long clen = -1;
	bool bad;

	req_reset(q);
	q->wsi = wsi;
	q->method = method_of(wsi);
	ident_peer_addr(wsi, q->addr, sizeof(q->addr));
	if (strlen(path) >= sizeof(q->path))
		return refuse(q, 414, LC_ETOOBIG, "path over 2 KiB");
	snprintf(q->path, sizeof(q->path), "%s", path);
	if (hdr_any_too_long(wsi))
		return refuse(q, 431, LC_ETOOBIG,
			      "a request header is over 8 KiB");
	te = hdr_dup(wsi, WSI_TOKEN_HTTP_TRANSFER_ENCODING);
	cl = hdr_dup(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH);
	q->chunked = te && strcasecmp(te, "chunked") == 0;
	bad = (te && !q->chunked) || (te && cl);
	if (cl)
		clen = content_length(cl);
	free(te);
	free(cl);
	/* Both framings at once is how requests are smuggled (RFC 9112
	 * 6.1): never guess. */
	if (bad)
		return refuse(q, 400, LC_EINVAL,
			      "Transfer-Encoding: chunked alone, or "
			      "Content-Length");
	if (lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH) &&
	    clen < 0)
		return refuse(q, 400, LC_EINVAL, "bad Content-Length");
	if (clen > RELAY_BODY_MAX)
		return refuse(q, 413, LC_ETOOBIG, "request body over 8 KiB");
	if (q->chunked) {
		/* lws reads it as a body only for POST, PUT and PATCH: the
		 * others are answered now (405), and closed. */
		chunked_init(&q->ck);
		q->close = true;
		return q->method == M_POST ? 0 : dispatch(r, q);
	}
	/* lws waits for a body of unknown length after a POST, PUT or
	 * PATCH that has no Content-Length; such a request has none (RFC
	 * 9112 6.3), but the connection cannot be reused. */
	if (clen < 0 &&
	    (q->method == M_POST || q->method == M_PUT || q->method == M_PATCH))
		q->close = true;
	/* With a Content-Length, even 0, lws ends the body with
	 * HTTP_BODY_COMPLETION (at once for 0): dispatch there. */
	if (clen >= 0 && q->method == M_POST)
		return 0;
	return dispatch(r, q);
}

/* LWS_CALLBACK_HTTP_BODY: a piece of the body. */
static int request_body(struct relay *r, struct http_req *q,
			const unsigned char *in, size_t len)
{
	size_t n = len, used;
	int rc;

	if (q->routed || !in || !len)
		return 0;
	q->body = xrealloc(q->body, q->body_len + len + 1);
	if (q->chunked) {
		rc = chunked_feed(&q->ck, in, len, q->body + q->body_len, &n,
				  &used);
		if (rc < 0)
			return refuse(q, 400, LC_EINVAL, "bad chunked body");
	} else {
		memcpy(q->body + q->body_len, in, len);
		rc = 0;
	}
	q->body_len += n;
	if (q->body_len > RELAY_BODY_MAX)
		return refuse(q, 413, LC_ETOOBIG, "request body over 8 KiB");
	/* lws never ends a chunked body: its last chunk does. */
	return rc == 1 ? dispatch(r, q) : 0;
}

static int callback_http(struct lws *wsi, enum lws_callback_reasons reason,
			 void *user, void *in, size_t len)
{
	struct relay *r = lws_context_user(lws_get_context(wsi));
	struct http_req *q = user;
	int rc;

	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		if ((rc = wsgate_check_upgrade(wsi)))
			return rc; /* RFC 6455 handshake rules */
		return confirm_upgrade(r, wsi);
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return -1; /* a WebSocket on the HTTP protocol: never */
	case LWS_CALLBACK_HTTP:
		return request_start(r, q, wsi, in);
	case LWS_CALLBACK_HTTP_BODY:
		return request_body(r, q, in, len);
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		return dispatch(r, q);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (!q || !q->resp)
			return 0;
		rc = lws_write(wsi, q->resp + LWS_PRE, q->resp_len,
			       LWS_WRITE_HTTP_FINAL);
		free(q->resp);
		q->resp = NULL;
		if (rc < (int)q->resp_len || q->close)
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	case LWS_CALLBACK_HTTP_FILE_COMPLETION:
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	case LWS_CALLBACK_CLOSED_HTTP:
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
		/* Either may come last, depending on how the socket ends;
		 * both detach a pending login job from this request. */
		if (q)
			req_reset(q);
		return 0;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (r)
			login_collect(r);
		return 0;
	default:
		return lws_callback_http_dummy(wsi, reason, user, in, len);
	}
}

const struct lws_protocols http_protocol = {
	.name = "lucarne-http",
	.callback = callback_http,
	.per_session_data_size = sizeof(struct http_req),
};
