/* HTTP on the relay's port: the JSON API (docs/api.md), /healthz,
 * /metrics, the web app's static files, and the gate in front of the
 * WebSocket upgrade (path, subprotocol, Origin).
 *
 * Every response carries the vhost's security headers (relay.c). API
 * answers are never cached. Request bodies are capped at RELAY_BODY_MAX
 * (413 beyond). Passwords are checked on the pwpool thread so that a
 * login never stalls the media loop.
 */
#define LOG_TAG "http"
#include "relay/http.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "common/auth.h"
#include "relay/pwpool.h"
#include "relay/ratelimit.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

static void req_reset(struct http_req *q)
{
	free(q->body);
	free(q->resp);
	q->body = q->resp = NULL;
	q->body_len = q->resp_len = 0;
	q->body_big = false;
	q->want_token = false;
	if (q->job)
		q->job->owner = NULL; /* the pool frees it */
	q->job = NULL;
}

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
	for (; extra && extra[0]; extra += 2)
		if (lws_add_http_header_by_name(wsi, (const uint8_t *)extra[0],
						(const uint8_t *)extra[1],
						(int)strlen(extra[1]), &p, end))
			return -1;
	if (lws_finalize_write_http_header(wsi, start, &p, end))
		return -1;
	if (!len || q->method == M_HEAD)
		return lws_http_transaction_completed(wsi) ? -1 : 0;
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

/* ---- login ------------------------------------------------------------ */

static void login_finish(struct relay *r, struct http_req *q, struct pwjob *j)
{
	char tok[AUTH_TOKEN_LEN + 1], hash[AUTH_TOKEN_HASH_LEN + 1],
		cookie[160], key[RATELIMIT_KEY_MAX];
	int64_t now = (int64_t)time(NULL), expires = now + RELAY_SESSION_S;
	int64_t now_ms = clock_mono_ms();
	const char *extra[] = { "set-cookie:", cookie, NULL };
	bool known = j->user.id != 0;
	json_t *v;

	if (j->result != 0 || !known) {
		snprintf(key, sizeof(key), "u:%s", j->user.name);
		ratelimit_fail(relay_ratelimit(r), key, now_ms);
		snprintf(key, sizeof(key), "a:%s", q->addr);
		ratelimit_fail(relay_ratelimit(r), key, now_ms);
		relay_metrics(r)->logins_refused++;
		store_audit_add(relay_store(r), "login_failed",
				j->user.name[0] ? j->user.name : NULL, NULL,
				q->addr, NULL);
		log_info("login refused for %s from %s",
			 j->user.name[0] ? j->user.name : "?", q->addr);
		/* The same answer whether the account exists or not. */
		if (http_respond_error(q, 401, LC_EAUTH,
				       "wrong user name or password", NULL) < 0)
			lws_set_timeout(q->wsi, PENDING_TIMEOUT_USER_OK,
					LWS_TO_KILL_ASYNC);
		return;
	}
	if (j->rehashed &&
	    store_user_set_password(relay_store(r), j->user.id, j->newhash,
				    false) < 0)
		log_warn("could not store the rehashed password");
	auth_token_new(AUTH_TOKEN_SESSION, tok);
	auth_token_hash(tok, hash);
	if (store_session_add(relay_store(r), hash, j->user.id, expires, NULL) <
	    0) {
		http_respond_error(q, 500, LC_EDB, NULL, NULL);
		return;
	}
	snprintf(key, sizeof(key), "u:%s", j->user.name);
	ratelimit_reset(relay_ratelimit(r), key);
	relay_metrics(r)->logins_ok++;
	store_audit_add(relay_store(r), "login", j->user.name, NULL, q->addr,
			NULL);
	log_info("login %s from %s", j->user.name, q->addr);
	snprintf(cookie, sizeof(cookie),
		 RELAY_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; "
			      "SameSite=Strict%s",
		 tok, RELAY_SESSION_S, relay_tls(r) ? "; Secure" : "");
	v = json_pack("{s:s,s:s,s:I}", "user", j->user.name, "role",
		      store_role_name(j->user.role), "expires",
		      (json_int_t)expires);
	if (q->want_token)
		json_object_set_new(v, "token", json_string(tok));
	if (http_respond_json(q, 200, v, extra) < 0)
		lws_set_timeout(q->wsi, PENDING_TIMEOUT_USER_OK,
				LWS_TO_KILL_ASYNC);
}

static int api_login(struct relay *r, struct http_req *q)
{
	const char *user = NULL, *pw = NULL;
	char key[RATELIMIT_KEY_MAX], retry[24];
	const char *extra[] = { "retry-after:", retry, NULL };
	int64_t wait, w2, now_ms = clock_mono_ms();
	int bearer = 0;
	struct pwjob *j;
	json_error_t jerr;
	json_t *v;

	if (q->method != M_POST)
		return http_respond_error(q, 405, LC_EINVAL, "use POST", NULL);
	v = json_loadb((const char *)q->body, q->body_len,
		       JSON_REJECT_DUPLICATES, &jerr);
	if (!v ||
	    json_unpack(v, "{s:s,s:s,s?b}", "user", &user, "password", &pw,
			"bearer", &bearer) < 0) {
		json_decref(v);
		return http_respond_error(
			q, 400, LC_EINVAL,
			"expected {\"user\": ..., \"password\": "
			"...}",
			NULL);
	}
	j = pwjob_new();
	/* Limit on the name as typed, whether or not it exists, so a 429
	 * tells nothing about accounts. */
	snprintf(j->user.name, sizeof(j->user.name), "%s",
		 proto_name_valid(user) ? user : "");
	snprintf(key, sizeof(key), "u:%s", j->user.name);
	wait = ratelimit_check(relay_ratelimit(r), key, now_ms);
	snprintf(key, sizeof(key), "a:%s", q->addr);
	w2 = ratelimit_check(relay_ratelimit(r), key, now_ms);
	if (w2 > wait)
		wait = w2;
	if (wait > 0) {
		json_decref(v);
		pwjob_free(j);
		relay_metrics(r)->logins_rate_limited++;
		snprintf(retry, sizeof(retry), "%lld",
			 (long long)((wait + 999) / 1000));
		return http_respond_error(
			q, 429, LC_ERATE,
			"too many failed logins, wait a moment", extra);
	}
	if (j->user.name[0] &&
	    store_user_get(relay_store(r), j->user.name, &j->user) == 0)
		snprintf(j->hash, sizeof(j->hash), "%s", j->user.pwhash);
	else
		j->user.id = 0; /* unknown: the dummy hash takes its place */
	snprintf(j->password, sizeof(j->password), "%s", pw);
	json_decref(v);
	j->owner = q;
	q->want_token = bearer;
	if (pwpool_submit(relay_pwpool(r), j) < 0) {
		pwjob_free(j);
		snprintf(retry, sizeof(retry), "1");
		return http_respond_error(q, 503, LC_EAGAIN, NULL, extra);
	}
	q->job = j;
	return 0; /* answered when the password thread is done */
}

/* Finished password checks: answer the requests still waiting. */
static void collect_jobs(struct relay *r)
{
	struct pwjob *j;

	while (relay_pwpool(r) && (j = pwpool_take(relay_pwpool(r)))) {
		struct http_req *q = j->owner;

		if (q) {
			q->job = NULL;
			login_finish(r, q, j);
		}
		pwjob_free(j);
	}
}

/* ---- session endpoints ------------------------------------------------- */

int http_need_user(struct relay *r, struct http_req *q, struct ident *who,
		   bool state_change)
{
	char origin[256], host[256];
	bool by_cookie;
	int rc = relay_auth_request(r, q->wsi, who, &by_cookie);

	if (rc == 0 && by_cookie && state_change &&
	    lws_hdr_copy(q->wsi, origin, sizeof(origin), WSI_TOKEN_ORIGIN) >
		    0) {
		if (lws_hdr_copy(q->wsi, host, sizeof(host), WSI_TOKEN_HOST) <=
		    0)
			host[0] = '\0';
		if (!relay_origin_allowed(r, origin, host))
			return http_respond_error(q, 403, LC_EPERM,
						  "origin not allowed", NULL)
				? -1
				: 1;
	}
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

static int api_logout(struct relay *r, struct http_req *q)
{
	static const char *const extra[] = {
		"set-cookie:",
		RELAY_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
		NULL
	};
	struct ident who;
	int rc;

	if (q->method != M_POST)
		return http_respond_error(q, 405, LC_EINVAL, "use POST", NULL);
	if ((rc = http_need_user(r, q, &who, true)))
		return rc < 0 ? -1 : 0;
	store_session_remove(relay_store(r), who.token_hash);
	relay_revoke_session(r, who.session_id);
	store_audit_add(relay_store(r), "logout", who.name, NULL, q->addr,
			NULL);
	log_info("logout %s", who.name);
	return http_respond_json(q, 200, json_pack("{s:b}", "ok", 1), extra);
}

static int add_room_name(void *ctx, const struct store_room *sr)
{
	json_array_append_new(ctx, json_string(sr->name));
	return 0;
}

static int api_me(struct relay *r, struct http_req *q)
{
	struct ident who;
	json_t *rooms;
	int rc;

	if ((rc = http_need_user(r, q, &who, false)))
		return rc < 0 ? -1 : 0;
	rooms = json_array();
	store_user_rooms(relay_store(r), who.id, add_room_name, rooms);
	return http_respond_json(
		q, 200,
		json_pack("{s:s,s:s,s:o,s:I}", "user", who.name, "role",
			  store_role_name(who.role), "rooms", rooms, "expires",
			  (json_int_t)who.expires),
		NULL);
}

static int serve_metrics(struct relay *r, struct http_req *q)
{
	struct metrics_src src;
	struct ident who;
	bool by_cookie;
	unsigned char *buf;
	size_t len;
	int rc;

	/* Operators only: a local scraper, or an admin's session. */
	if (!relay_peer_is_loopback(q->addr) &&
	    !(relay_auth_request(r, q->wsi, &who, &by_cookie) == 0 &&
	      who.kind == ID_USER && who.role == ROLE_ADMIN))
		return http_respond_error(q, 403, LC_EPERM,
					  "metrics are for loopback or admins",
					  NULL);
	relay_metrics_src(r, &src);
	buf = metrics_render(&src, &len);
	rc = http_respond(q, 200, "text/plain; version=0.0.4; charset=utf-8",
			  (const char *)buf + LWS_PRE, len, NULL);
	free(buf);
	return rc;
}

/* ---- static files ---------------------------------------------------- */

static const char *mime_of(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".webmanifest", "application/manifest+json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".wasm", "application/wasm" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

static int serve_file(struct relay *r, struct http_req *q)
{
	static const char cc[] = "cache-control: no-cache\r\n";
	char rel[300], *real;
	size_t rootlen;
	struct stat sb;
	int rc;

	if (q->method != M_GET && q->method != M_HEAD)
		return http_respond_error(q, 405, LC_EINVAL, NULL, NULL);
	/* No "..", no hidden files, no backslashes: then resolve and check
	 * that the result is still inside the folder (symlinks). */
	if (!relay_www(r) || q->path[0] != '/' || strstr(q->path, "/.") ||
	    strchr(q->path, '\\'))
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	snprintf(rel, sizeof(rel), "%s%s%s", relay_www(r), q->path,
		 q->path[strlen(q->path) - 1] == '/' ? "index.html" : "");
	real = realpath(rel, NULL);
	rootlen = strlen(relay_www(r));
	if (!real || strncmp(real, relay_www(r), rootlen) != 0 ||
	    real[rootlen] != '/' || stat(real, &sb) < 0 ||
	    !S_ISREG(sb.st_mode)) {
		free(real);
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	}
	rc = lws_serve_http_file(q->wsi, real, mime_of(real), cc,
				 (int)sizeof(cc) - 1);
	free(real);
	if (rc < 0)
		return -1;
	return 0;
}

/* ---- routing ------------------------------------------------------------ */

static int route(struct relay *r, struct http_req *q)
{
	if (strcmp(q->path, "/healthz") == 0)
		return http_respond(q, 200, "text/plain; charset=utf-8", "ok\n",
				    3, NULL);
	if (strcmp(q->path, "/metrics") == 0)
		return serve_metrics(r, q);
	if (strcmp(q->path, "/api/login") == 0)
		return api_login(r, q);
	if (strcmp(q->path, "/api/logout") == 0)
		return api_logout(r, q);
	if (strcmp(q->path, "/api/me") == 0)
		return api_me(r, q);
	if (strcmp(q->path, "/api/me/history") == 0)
		return api_me_history(r, q);
	if (strcmp(q->path, "/api/rooms") == 0)
		return api_rooms(r, q);
	if (strncmp(q->path, "/api/rooms/", 11) == 0) {
		char name[PROTO_NAME_MAX + 1];
		const char *n = q->path + 11, *slash = strchr(n, '/');
		size_t len = slash ? (size_t)(slash - n) : 0;

		if (slash && len <= PROTO_NAME_MAX) {
			memcpy(name, n, len);
			name[len] = '\0';
			return api_room_route(r, q, name, slash + 1);
		}
	}
	if (strncmp(q->path, "/api/", 5) == 0 || strcmp(q->path, "/ws") == 0)
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	return serve_file(r, q);
}

static enum method method_of(struct lws *wsi)
{
	if (lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI))
		return M_GET;
	if (lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI))
		return M_POST;
	if (lws_hdr_total_length(wsi, WSI_TOKEN_HEAD_URI))
		return M_HEAD;
	return M_OTHER;
}

/* Before a WebSocket upgrade: right path, our subprotocol, and for a
 * cookie an allowed Origin. Returns 0 to let it through, 1 when refused
 * with an HTTP answer already written. */
static int confirm_upgrade(struct relay *r, struct lws *wsi)
{
	char uri[64], prot[256], origin[256], host[256], cookie[1024];
	unsigned status = 0;
	const char *why = "";

	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 ||
	    strcmp(uri, "/ws") != 0) {
		status = 404;
		why = "no WebSocket here";
	} else if (lws_hdr_copy(wsi, prot, sizeof(prot), WSI_TOKEN_PROTOCOL) <=
			   0 ||
		   !strstr(prot, PROTO_SUBPROTOCOL)) {
		status = 400;
		why = "subprotocol " PROTO_SUBPROTOCOL " required";
	} else if (lws_hdr_copy(wsi, cookie, sizeof(cookie),
				WSI_TOKEN_HTTP_COOKIE) > 0 &&
		   strstr(cookie, RELAY_COOKIE "=")) {
		if (lws_hdr_copy(wsi, origin, sizeof(origin),
				 WSI_TOKEN_ORIGIN) <= 0)
			origin[0] = '\0';
		if (lws_hdr_copy(wsi, host, sizeof(host), WSI_TOKEN_HOST) <= 0)
			host[0] = '\0';
		if (!relay_origin_allowed(r, origin, host)) {
			relay_metrics(r)->ws_bad_origin++;
			log_info("upgrade with a cookie from origin \"%.100s\" "
				 "(host \"%.100s\") refused",
				 origin, host);
			status = 403;
			why = "origin not allowed";
		}
	}
	if (!status)
		return 0;
	log_info("upgrade refused (%u): %s", status, why);
	lws_return_http_status(wsi, status, NULL);
	return 1;
}

static int callback_http(struct lws *wsi, enum lws_callback_reasons reason,
			 void *user, void *in, size_t len)
{
	struct relay *r = lws_context_user(lws_get_context(wsi));
	struct http_req *q = user;
	char cl[24];
	long clen;
	int rc;

	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return confirm_upgrade(r, wsi);
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return -1; /* a WebSocket on the HTTP protocol: never */
	case LWS_CALLBACK_HTTP:
		req_reset(q);
		q->wsi = wsi;
		q->method = method_of(wsi);
		snprintf(q->path, sizeof(q->path), "%s", (const char *)in);
		relay_peer(wsi, q->addr, sizeof(q->addr));
		if (q->method != M_POST)
			return route(r, q);
		clen = 0;
		if (lws_hdr_copy(wsi, cl, sizeof(cl),
				 WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0)
			clen = strtol(cl, NULL, 10);
		if (clen > RELAY_BODY_MAX) {
			/* Refuse before reading it, and close: the rest of
			 * the body must not be parsed as a request. */
			http_respond_error(q, 413, LC_ETOOBIG,
					   "request body over 8 KiB", NULL);
			return -1;
		}
		if (clen <= 0)
			return route(r, q);
		return 0; /* wait for the body */
	case LWS_CALLBACK_HTTP_BODY:
		if (!in || !len)
			return 0;
		if (q->body_len + len > RELAY_BODY_MAX) {
			q->body_big = true;
			return 0;
		}
		q->body = xrealloc(q->body, q->body_len + len + 1);
		memcpy(q->body + q->body_len, in, len);
		q->body_len += len;
		return 0;
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		if (q->body_big)
			return http_respond_error(q, 413, LC_ETOOBIG,
						  "request body over 8 KiB",
						  NULL)
				? -1
				: 0;
		rc = route(r, q);
		free(q->body); /* the login job took its own copy */
		q->body = NULL;
		q->body_len = 0;
		return rc < 0 ? -1 : 0;
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (!q || !q->resp)
			return 0;
		rc = lws_write(wsi, q->resp + LWS_PRE, q->resp_len,
			       LWS_WRITE_HTTP_FINAL);
		free(q->resp);
		q->resp = NULL;
		if (rc < (int)q->resp_len)
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
			collect_jobs(r);
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
