/* Who is this request or socket: a session ("lcs_") or device ("lcd_")
 * token, from the session cookie or an "Authorization: Bearer" header,
 * resolved against the store; the peer's address; and whether a
 * browser's Origin is the relay's own. Used by the HTTP API
 * (relay/api/) and the WebSocket sessions (ws.c) alike.
 *
 * common/auth.c is the layer below (token generation and hashing,
 * password hashes); this module reads headers at their real length
 * (hdr.c), so that a long Cookie header never hides a credential nor
 * skips the Origin check.
 */
#ifndef LUCARNE_RELAY_IDENT_H
#define LUCARNE_RELAY_IDENT_H

#include <libwebsockets.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/proto.h"
#include "store/store.h"

#define IDENT_COOKIE "lucarne_session" /* the session cookie's name */

/* Who a WebSocket (or an HTTP request) authenticated as. */
enum ident_kind { ID_NONE = 0, ID_USER, ID_DEVICE };

struct ident {
	enum ident_kind kind;
	int64_t id; /* user or device id */
	int64_t session_id; /* users: the session row */
	int64_t expires; /* users: session expiry, Unix seconds */
	enum store_role role;
	enum store_kind dkind;
	char name[PROTO_NAME_MAX + 1];
	char room[PROTO_NAME_MAX + 1]; /* devices: their room */
	char token_hash[65]; /* devices: to re-check revocation */
};

/* The origins a browser may send credentials from besides the relay's
 * own (--allow-origin), and whether the relay speaks TLS (its own
 * origin is https://HOST then). The caller owns the strings. */
struct ident_origins {
	bool tls;
	char *const *extra;
	size_t n_extra;
};

/* Address of @wsi's peer for logs, audit and rate limits into @buf
 * ("unknown" when lws cannot tell). */
void ident_peer_addr(struct lws *wsi, char *buf, size_t len);
/* Whether @addr (as ident_peer_addr wrote it) is a loopback address. */
bool ident_peer_is_loopback(const char *addr);
/* Whether @origin may use a cookie: the relay's own origin (scheme of
 * @o, host from @host) or one of @o's extra origins. */
bool ident_origin_allowed(const struct ident_origins *o, const char *origin,
			  const char *host);
/* The same for @wsi's request: its Origin header against its Host.
 * *@sent says whether it had an Origin at all (false: not allowed). */
bool ident_request_origin_ok(struct lws *wsi, const struct ident_origins *o,
			     bool *sent);
/* Value of cookie @name in @wsi's Cookie header into @out (@outlen
 * bytes with the NUL). false when absent or longer than that. */
bool ident_cookie(struct lws *wsi, const char *name, char *out, size_t outlen);
/* Resolve a "lcs_" session or "lcd_" device token. Returns 0 with @who
 * filled, LC_EAUTH (unknown, expired, revoked) or LC_EDB. */
int ident_from_token(struct store *st, const char *token, struct ident *who);
/* Credentials of an HTTP request or upgrade: the session cookie, else a
 * Bearer token. Returns 0, LC_EAUTH (none or invalid) or LC_EDB;
 * *@by_cookie says where they came from. */
int ident_from_request(struct store *st, struct lws *wsi, struct ident *who,
		       bool *by_cookie);

#endif
