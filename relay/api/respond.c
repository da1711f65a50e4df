/* The answers of the HTTP API (api/http.h): status, headers and body of
 * a response, the JSON error shape every endpoint shares, the request
 * body as JSON, and the sign-in check in front of the endpoints. Below
 * every handler and the protocol callback (api/http.c), which call it;
 * it calls none of them.
 */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int http_respond(struct http_req *q, unsigned status, const char *ctype,
		 const char *body, size_t len, const char *const *extra)
{
	uint8_t buf[LWS_PRE + 2048], *start = buf + LWS_PRE, *p = start,
				     *end = buf + sizeof(buf) - 1;
	struct lws *wsi = q->wsi;

	if (lws_add_http_common_headers(wsi, status, ctype, len, &p, end) ||
	    lws_add_http_header_by_name(wsi, (const uint8_t *)"cache-control:",
					(const uint8_t *)"no-store", 8, &p,
					end))
		return -1;
	if (q->close &&
	    lws_add_http_header_by_name(wsi, (const uint8_t *)"connection:",
					(const uint8_t *)"close", 5, &p, end))
		return -1;
	for (; extra && extra[0]; extra += 2)
		if (lws_add_http_header_by_name(wsi, (const uint8_t *)extra[0],
						(const uint8_t *)extra[1],
						(int)strlen(extra[1]), &p, end))
			return -1;
	if (lws_finalize_write_http_header(wsi, start, &p, end))
		return -1;
	if (!len || q->head_only || q->method == M_HEAD) {
		if (q->close)
			return -1;
		return lws_http_transaction_completed(wsi) ? -1 : 0;
	}
	free(q->resp);
	q->resp = xmalloc(LWS_PRE + len);
	memcpy(q->resp + LWS_PRE, body, len);
	q->resp_len = len;
	lws_callback_on_writable(wsi);
	return 0;
}

int http_respond_json(struct http_req *q, unsigned status, json_t *v,
		      const char *const *extra)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	int rc;

	json_decref(v);
	rc = http_respond(q, status, "application/json", s, strlen(s), extra);
	free(s);
	return rc;
}

int http_respond_error(struct http_req *q, unsigned status, int err,
		       const char *message, const char *const *extra)
{
	return http_respond_json(
		q, status,
		json_pack("{s:s,s:s}", "error", lc_err_name(err), "message",
			  message ? message : lc_strerror(err)),
		extra);
}

json_t *http_body_object(const struct http_req *q)
{
	json_error_t jerr;
	json_t *v = json_loadb((const char *)q->body, q->body_len,
			       JSON_REJECT_DUPLICATES, &jerr);

	if (!json_is_object(v)) {
		json_decref(v);
		return NULL;
	}
	return v;
}

/* ---- session endpoints ------------------------------------------------- */

struct ident_origins http_origins(const struct relay *r)
{
	struct ident_origins o;

	relay_origins(r, &o);
	return o;
}

int http_need_user(struct relay *r, struct http_req *q, struct ident *who,
		   bool state_change)
{
	struct ident_origins o = http_origins(r);
	bool by_cookie, sent;
	int rc = ident_from_request(relay_store(r), q->wsi, who, &by_cookie);

	/* A browser sends Origin with every POST; a script or curl
	 * without one carries no ambient cookie of a victim's. */
	if (rc == 0 && by_cookie && state_change &&
	    !ident_request_origin_ok(q->wsi, &o, &sent) && sent)
		return http_respond_error(q, 403, LC_EPERM,
					  "origin not allowed", NULL)
			? -1
			: 1;
	if (rc == 0 && who->kind == ID_USER)
		return 0;
	if (rc == 0)
		return http_respond_error(q, 403, LC_EPERM,
					  "devices have no account", NULL)
			? -1
			: 1;
	return http_respond_error(q, 401, rc == LC_EDB ? LC_EDB : LC_EAUTH,
				  NULL, NULL)
		? -1
		: 1;
}
