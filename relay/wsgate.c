/* RFC 6455 checks wired to lws (see wsgate.h). */
#define LOG_TAG "ws"
#include "relay/wsgate.h"
#include "common/log.h"
#include "relay/wsspec.h"

#include <string.h>

/* Headers the rules need, copied out of lws; longer values than these
 * buffers are invalid anyway (a key is 24 characters). */
struct hdrs {
	char http[16], key[64], version[32];
};

static const char *method_name(struct lws *wsi)
{
	static const struct {
		enum lws_token_indexes tok;
		const char *name;
	} methods[] = {
		{ WSI_TOKEN_GET_URI, "GET" },
		{ WSI_TOKEN_POST_URI, "POST" },
		{ WSI_TOKEN_OPTIONS_URI, "OPTIONS" },
		{ WSI_TOKEN_PUT_URI, "PUT" },
		{ WSI_TOKEN_PATCH_URI, "PATCH" },
		{ WSI_TOKEN_DELETE_URI, "DELETE" },
		{ WSI_TOKEN_HEAD_URI, "HEAD" },
		{ WSI_TOKEN_CONNECT, "CONNECT" },
	};

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (lws_hdr_total_length(wsi, methods[i].tok))
			return methods[i].name;
	return NULL;
}

static const char *hdr(struct lws *wsi, enum lws_token_indexes tok, char *buf,
		       size_t len)
{
	int n = lws_hdr_total_length(wsi, tok);

	if (n <= 0)
		return NULL;
	if ((size_t)n >= len) /* too long to be valid: say so */
		return "(too long)";
	if (lws_hdr_copy(wsi, buf, (int)len, tok) < 0)
		return NULL;
	return buf;
}

/* Write the refusal: status, a one-line reason, and for 426 the version
 * the relay speaks (RFC 6455 4.4). Like lws_return_http_status, all in
 * one write on HTTP/1. */
static int refuse(struct lws *wsi, unsigned status, const char *why)
{
	uint8_t buf[LWS_PRE + 1024], *start = buf + LWS_PRE, *p = start,
				     *end = buf + sizeof(buf) - 1;
	char body[160], clen[16];
	int n = snprintf(body, sizeof(body), "%s\n", why);

	snprintf(clen, sizeof(clen), "%d", n);
	if (lws_add_http_header_status(wsi, status, &p, end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE,
					 (const uint8_t *)"text/plain", 10, &p,
					 end) ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH,
					 (const uint8_t *)clen,
					 (int)strlen(clen), &p, end) ||
	    (status == 426 &&
	     lws_add_http_header_by_name(
		     wsi, (const uint8_t *)"sec-websocket-version:",
		     (const uint8_t *)WSSPEC_VERSION, 2, &p, end)) ||
	    lws_finalize_http_header(wsi, &p, end) || end - p < n)
		return -1;
	memcpy(p, body, (size_t)n);
	p += n;
	if (lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP) !=
	    (int)(p - start))
		return -1;
	return 1;
}

int wsgate_check_upgrade(struct lws *wsi)
{
	struct hdrs h;
	struct wsspec_upgrade u = {
		.method = method_name(wsi),
		.http_version =
			hdr(wsi, WSI_TOKEN_HTTP, h.http, sizeof(h.http)),
		.key = hdr(wsi, WSI_TOKEN_KEY, h.key, sizeof(h.key)),
		.version = hdr(wsi, WSI_TOKEN_VERSION, h.version,
			       sizeof(h.version)),
	};
	const char *why;
	unsigned status = wsspec_check_upgrade(&u, &why);

	if (!status)
		return 0;
	log_info("upgrade refused (%u): %s", status, why);
	return refuse(wsi, status, why);
}

int wsgate_check_close(struct lws *wsi, const void *in, size_t len)
{
	if (wsspec_close_payload_valid(in, len))
		return 0;
	log_info("invalid close frame (%zu bytes): closing with 1002", len);
	lws_close_reason(wsi, LWS_CLOSE_STATUS_PROTOCOL_ERR, NULL, 0);
	return -1;
}
