/* Request headers at their real length. lws keeps every header of a
 * request in one buffer per connection (the context's
 * max_http_header_data, RELAY_HEADERS_MAX in relay.c); these helpers
 * copy one out whole, so that no check is skipped because a header did
 * not fit a fixed buffer, and find the ones over the per-header cap the
 * relay answers 431 to.
 */
#ifndef LUCARNE_RELAY_HDR_H
#define LUCARNE_RELAY_HDR_H

#include <libwebsockets.h>
#include <stdbool.h>

#define HDR_MAX 8192 /* bytes of one request header; 431 beyond */

/* A NUL-terminated copy of header @h of @wsi's request, which the caller
 * frees; NULL when the request has no such header (or an empty one), or
 * one longer than HDR_MAX (refused before any handler runs). */
char *hdr_dup(struct lws *wsi, enum lws_token_indexes h);
/* Whether any header lws parsed for @wsi's request is longer than
 * HDR_MAX. */
bool hdr_any_too_long(struct lws *wsi);

#endif
