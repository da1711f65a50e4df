/* The route table of the HTTP API (docs/api.md): each path with the
 * methods it answers and its handler, so that the method check, the 405
 * and its Allow header live here alone. HEAD is answered wherever GET
 * is (as GET, without the body). A path under /api/ that is not in the
 * table is 404 whatever the method; everything else is the web app's
 * files (GET and HEAD).
 *
 * In a pattern, "*" is one path segment (a room name, passed to the
 * handler as sent, however long: the room gate refuses the names the
 * rules forbid with the same 403 as any other room), and a final "**"
 * the rest of the path, not empty (passed as @arg).
 */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"

#include <stdio.h>
#include <string.h>

#define GET METHOD_BIT(M_GET)
#define POST METHOD_BIT(M_POST)

typedef int (*route_fn)(struct relay *r, struct http_req *q, const char *name,
			const char *arg);

static const struct route {
	const char *pattern;
	unsigned methods;
	route_fn fn;
} routes[] = {
	{ "/healthz", GET, api_healthz },
	{ "/metrics", GET, api_metrics },
	{ "/api/login", POST, api_login },
	{ "/api/logout", POST, api_logout },
	{ "/api/me", GET, api_me },
	{ "/api/me/history", GET, api_me_history },
	{ "/api/rooms", GET, api_rooms },
	{ "/api/rooms/*/pause", POST, api_room_pause },
	{ "/api/rooms/*/resume", POST, api_room_resume },
	{ "/api/rooms/*/settings", GET | POST, api_room_settings },
	{ "/api/rooms/*/camera", GET | POST, api_camera },
	{ "/api/rooms/*/camera/presets/**", POST, api_camera_preset },
	{ "/api/rooms/*/consent", GET | POST, api_consent_route },
	{ "/api/rooms/*/consent/mine", GET, api_consent_mine_route },
	{ "/api/rooms/*/withdraw", POST, api_withdraw_route },
	{ "/api/rooms/*/audit", GET, api_audit_route },
	{ "/api/rooms/*/masks", GET | POST, api_room_masks },
};

/* Whether @path matches @pattern; the "*" segment goes to @name (room
 * for HTTP_PATH_MAX bytes), the "**" rest to *@arg. */
static bool match(const char *pattern, const char *path, char *name,
		  const char **arg)
{
	*arg = "";
	while (*pattern) {
		if (strcmp(pattern, "**") == 0) {
			if (!*path)
				return false;
			*arg = path;
			return true;
		}
		if (*pattern == '*') {
			size_t n = strcspn(path, "/");

			if (!n)
				return false;
			memcpy(name, path, n);
			name[n] = '\0';
			path += n;
			pattern++;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return !*path;
}

/* "GET, HEAD, POST" for the methods of @mask. */
static void allow_text(unsigned mask, char *out, size_t outlen)
{
	size_t n = 0;

	out[0] = '\0';
	if (mask & GET)
		n += (size_t)snprintf(out + n, outlen - n, "GET, HEAD");
	if (mask & POST)
		snprintf(out + n, outlen - n, "%sPOST", n ? ", " : "");
}

static int not_allowed(struct http_req *q, unsigned mask)
{
	char allow[32];
	const char *extra[] = { "allow:", allow, NULL };

	allow_text(mask, allow, sizeof(allow));
	return http_respond_error(q, 405, LC_EINVAL, NULL, extra);
}

int route_dispatch(struct relay *r, struct http_req *q)
{
	char name[HTTP_PATH_MAX];
	const char *arg;
	unsigned want;

	name[0] = '\0';
	if (q->method == M_HEAD) {
		q->head_only = true;
		want = GET;
	} else {
		want = METHOD_BIT(q->method);
	}
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const struct route *rt = &routes[i];

		if (!match(rt->pattern, q->path, name, &arg))
			continue;
		if (!(rt->methods & want))
			return not_allowed(q, rt->methods);
		if (q->head_only)
			q->method = M_GET;
		return rt->fn(r, q, name, arg);
	}
	if (strncmp(q->path, "/api/", 5) == 0 || strcmp(q->path, "/ws") == 0)
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	if (!(want & GET))
		return not_allowed(q, GET);
	return static_serve(r, q);
}
