/* Who is this request or socket (see ident.h). */
#include "relay/ident.h"
#include "common/auth.h"
#include "common/err.h"
#include "relay/hdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void ident_peer_addr(struct lws *wsi, char *buf, size_t len)
{
	buf[0] = '\0';
	lws_get_peer_simple(wsi, buf, len);
	if (!buf[0])
		snprintf(buf, len, "unknown");
}

bool ident_peer_is_loopback(const char *a)
{
	return strncmp(a, "127.", 4) == 0 || strcmp(a, "::1") == 0 ||
		strncmp(a, "::ffff:127.", 11) == 0;
}

bool ident_origin_allowed(const struct ident_origins *o, const char *origin,
			  const char *host)
{
	const char *scheme = o->tls ? "https://" : "http://";
	size_t sl = strlen(scheme);

	if (!origin || !*origin)
		return false;
	if (host && *host && strncasecmp(origin, scheme, sl) == 0 &&
	    strcasecmp(origin + sl, host) == 0)
		return true;
	for (size_t i = 0; i < o->n_extra; i++)
		if (strcasecmp(origin, o->extra[i]) == 0)
			return true;
	return false;
}

bool ident_request_origin_ok(struct lws *wsi, const struct ident_origins *o,
			     bool *sent)
{
	char *origin = hdr_dup(wsi, WSI_TOKEN_ORIGIN),
	     *host = hdr_dup(wsi, WSI_TOKEN_HOST);
	bool ok;

	/* A header too long to copy counts as sent: it is refused (431)
	 * before this, but never taken for an absent one. */
	*sent = origin || lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) > 0;
	ok = origin && ident_origin_allowed(o, origin, host);
	free(origin);
	free(host);
	return ok;
}

/* Value of cookie @name in the Cookie header text @hdr, into @out. */
static bool cookie_find(const char *hdr, const char *name, char *out,
			size_t outlen)
{
	size_t nl = strlen(name);

	while (hdr && *hdr) {
		while (*hdr == ' ' || *hdr == ';')
			hdr++;
		if (strncmp(hdr, name, nl) == 0 && hdr[nl] == '=') {
			const char *v = hdr + nl + 1;
			size_t n = strcspn(v, ";");

			while (n && v[n - 1] == ' ')
				n--;
			if (n >= outlen)
				return false;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
		hdr = strchr(hdr, ';');
	}
	return false;
}

bool ident_cookie(struct lws *wsi, const char *name, char *out, size_t outlen)
{
	char *hdr = hdr_dup(wsi, WSI_TOKEN_HTTP_COOKIE);
	bool found = hdr && cookie_find(hdr, name, out, outlen);

	free(hdr);
	return found;
}

int ident_from_token(struct store *st, const char *token, struct ident *who)
{
	struct store_session s;
	struct store_device d;
	char hash[AUTH_TOKEN_HASH_LEN + 1];
	int rc;

	memset(who, 0, sizeof(*who));
	switch (auth_token_kind(token)) {
	case AUTH_TOKEN_SESSION:
		auth_token_hash(token, hash);
		rc = store_session_get(st, hash, (int64_t)time(NULL), &s);
		if (rc < 0)
			return rc == LC_ENOENT ? LC_EAUTH : rc;
		who->kind = ID_USER;
		who->id = s.user.id;
		who->session_id = s.id;
		who->expires = s.expires;
		who->role = s.user.role;
		snprintf(who->name, sizeof(who->name), "%s", s.user.name);
		break;
	case AUTH_TOKEN_DEVICE:
		auth_token_hash(token, hash);
		rc = store_device_by_token(st, hash, &d);
		if (rc < 0)
			return rc == LC_ENOENT ? LC_EAUTH : rc;
		who->kind = ID_DEVICE;
		who->id = d.id;
		who->dkind = d.kind;
		snprintf(who->name, sizeof(who->name), "%s", d.name);
		snprintf(who->room, sizeof(who->room), "%s", d.room);
		break;
	default:
		return LC_EAUTH;
	}
	memcpy(who->token_hash, hash, sizeof(who->token_hash));
	return 0;
}

int ident_from_request(struct store *st, struct lws *wsi, struct ident *who,
		       bool *by_cookie)
{
	char tok[AUTH_TOKEN_LEN + 2], *hdr;
	int rc = LC_EAUTH;

	memset(who, 0, sizeof(*who));
	*by_cookie = false;
	if (ident_cookie(wsi, IDENT_COOKIE, tok, sizeof(tok))) {
		*by_cookie = true;
		return ident_from_token(st, tok, who);
	}
	hdr = hdr_dup(wsi, WSI_TOKEN_HTTP_AUTHORIZATION);
	if (hdr && strncasecmp(hdr, "Bearer ", 7) == 0) {
		const char *t = hdr + 7;

		while (*t == ' ')
			t++;
		rc = ident_from_token(st, t, who);
	}
	free(hdr);
	return rc;
}
