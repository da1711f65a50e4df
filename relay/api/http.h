/* What the HTTP API's files share: api/http.c (the protocol callback and
 * each request's reading), api/respond.c (responses and the sign-in
 * check, below every handler), api/route.c (the route table: each path's
 * methods and handler), api/login.c (login, logout), api/me.c, api/ops.c
 * (/healthz, /metrics), api/static.c (the web app's files), and each
 * family of room endpoints (api/rooms.c, camera.c, consent.c, audit.c,
 * masks.c). Private to relay/, like relay.h.
 */
#ifndef LUCARNE_RELAY_HTTP_H
#define LUCARNE_RELAY_HTTP_H

#include <jansson.h>
#include <libwebsockets.h>
#include <stdbool.h>

#include "relay/api/chunked.h"
#include "relay/ratelimit.h"
#include "common/window.h"
#include "relay/metrics.h"
#include "relay/relay.h"
#include "relay/room.h"
#include "relay/ws.h"

/* The protocol, for the vhost's table (handed to relay_new). */
extern const struct lws_protocols http_protocol;

#define HTTP_PATH_MAX 2048 /* bytes of a request's path; 414 beyond */

/* The methods lws parses (each has a WSI_TOKEN_*_URI); M_OTHER is any
 * other (CONNECT). */
enum method {
	M_OTHER = 0,
	M_GET,
	M_HEAD,
	M_POST,
	M_PUT,
	M_PATCH,
	M_DELETE,
	M_OPTIONS,
};
#define METHOD_BIT(m) (1u << (m))

/* Per-connection state (lws per-session data of the HTTP protocol); one
 * request at a time, reset at each new request on a kept-alive socket. */
struct http_req {
	struct lws *wsi;
	/* The method a handler sees: HEAD is given as GET (head_only set)
	 * to the routes that allow GET. */
	enum method method;
	bool head_only; /* answer without a body */
	bool routed; /* handled: a request is dispatched once at most */
	bool close; /* close after the answer (framing lost or unknown) */
	bool chunked; /* the body comes chunked (decoded into body) */
	struct chunked ck;
	char path[HTTP_PATH_MAX];
	char addr[64];
	unsigned char *body;
	size_t body_len;
	unsigned char *resp; /* LWS_PRE headroom, then resp_len bytes */
	size_t resp_len;
	struct pwjob *job; /* login waiting for the password thread */
	bool want_token; /* login: put the token in the JSON answer */
	/* login: the rate-limit key the attempt was counted against, given
	 * back when it succeeds; and the address key, likewise */
	char rl_key[RATELIMIT_KEY_MAX], rl_addr[RATELIMIT_KEY_MAX];
};

/* Write status and headers now, the body in HTTP_WRITEABLE. @extra holds
 * "name:", "value" pairs, NULL-terminated. Returns 0 or -1 (close). */
int http_respond(struct http_req *q, unsigned status, const char *ctype,
		 const char *body, size_t len, const char *const *extra);
/* Answer with a JSON value (consumed). */
int http_respond_json(struct http_req *q, unsigned status, json_t *v,
		      const char *const *extra);
/* {"error": lc_err_name(@err), "message": @message or its default}. */
int http_respond_error(struct http_req *q, unsigned status, int err,
		       const char *message, const char *const *extra);
/* The relay's own origin and its --allow-origin ones, for ident.h. */
struct ident_origins http_origins(const struct relay *r);
/* Authenticate a request; cookie-borne state changes also need an allowed
 * Origin (when the browser sends one). Returns 0 or an error already
 * answered (-1: close, 1: answered). */
int http_need_user(struct relay *r, struct http_req *q, struct ident *who,
		   bool state_change);
/* The request body as a JSON object, or NULL (not JSON, not an object,
 * duplicate keys). */
json_t *http_body_object(const struct http_req *q);

/* ---- route.c ---- */
/* Answer @q: the route table's handler for its path and method, 405 with
 * an Allow header for another method, 404 for no such API path, the web
 * app's files otherwise. Returns 0 or -1 (close). */
int route_dispatch(struct relay *r, struct http_req *q);

/* ---- login.c ---- */
/* POST /api/login and POST /api/logout (@name, @arg unused). */
int api_login(struct relay *r, struct http_req *q, const char *name,
	      const char *arg);
int api_logout(struct relay *r, struct http_req *q, const char *name,
	       const char *arg);
/* Answer the logins whose password check finished (loop thread, after
 * lws_cancel_service). */
void login_collect(struct relay *r);

/* ---- me.c, ops.c, static.c ---- */
/* GET /api/me. */
int api_me(struct relay *r, struct http_req *q, const char *name,
	   const char *arg);
/* GET /healthz and GET /metrics. */
int api_healthz(struct relay *r, struct http_req *q, const char *name,
		const char *arg);
int api_metrics(struct relay *r, struct http_req *q, const char *name,
		const char *arg);
/* GET or HEAD of a file of the web app (--www); 404 for anything not
 * inside it. */
int static_serve(struct relay *r, struct http_req *q);

/* ---- rooms.c, camera.c, consent.c, audit.c, masks.c ----
 * Handlers of route.c's table: @name is the room (the path segment as
 * sent, checked by api_room_gate), @arg the rest of the path after a
 * prefix route ("" otherwise). Each returns 0 (answered) or -1 (close). */
/* Bit of a role in a mask of allowed roles. */
#define ROLE_BIT(role) (1u << (role))
#define ROLES_STAFF (ROLE_BIT(ROLE_TEACHER) | ROLE_BIT(ROLE_DIRECTOR))

bool api_is_staff(enum store_role role);
/* The gate in front of every room endpoint: a signed-in account whose
 * role is in @roles and who is linked to room @name. Everyone else gets
 * the same 403 whatever the reason (no such room, another family's, a
 * parent on a staff page), so nothing leaks; @what names the action in
 * the log. Returns 0 (allowed, @who filled) or an answered error (-1:
 * close, 1: answered). */
int api_room_gate(struct relay *r, struct http_req *q, const char *name,
		  unsigned roles, bool state_change, const char *what,
		  struct ident *who);
/* GET /api/rooms. */
int api_rooms(struct relay *r, struct http_req *q, const char *name,
	      const char *arg);
/* POST /api/rooms/NAME/pause and /resume. */
int api_room_pause(struct relay *r, struct http_req *q, const char *name,
		   const char *arg);
int api_room_resume(struct relay *r, struct http_req *q, const char *name,
		    const char *arg);
/* GET or POST /api/rooms/NAME/settings. */
int api_room_settings(struct relay *r, struct http_req *q, const char *name,
		      const char *arg);

/* GET or POST /api/rooms/NAME/camera (@arg unused). */
int api_camera(struct relay *r, struct http_req *q, const char *name,
	       const char *arg);
/* POST /api/rooms/NAME/camera/presets/@arg: PRESET, PRESET/recall or
 * PRESET/delete. */
int api_camera_preset(struct relay *r, struct http_req *q, const char *name,
		      const char *arg);

/* GET (the register) or POST (record a consent, mark the register
 * complete or incomplete) /api/rooms/NAME/consent: the room's director. */
int api_consent_route(struct relay *r, struct http_req *q, const char *name,
		      const char *arg);
/* POST /api/rooms/NAME/withdraw: a parent withdraws their own
 * authorization for the room; their open streams close at once. */
int api_withdraw_route(struct relay *r, struct http_req *q, const char *name,
		       const char *arg);
/* GET /api/rooms/NAME/consent/mine: a parent's or teacher's own consent
 * for the room, with who recorded it and when. */
int api_consent_mine_route(struct relay *r, struct http_req *q,
			   const char *name, const char *arg);

/* GET /api/rooms/NAME/audit[?from=&to=&before=&limit=&format=csv]: the
 * room's audit rows, for its director. */
int api_audit_route(struct relay *r, struct http_req *q, const char *name,
		    const char *arg);
/* GET /api/me/history[?...]: the signed-in account's own rows. */
int api_me_history(struct relay *r, struct http_req *q, const char *name,
		   const char *arg);

/* GET or POST /api/rooms/NAME/masks: the director's privacy masks. */
int api_room_masks(struct relay *r, struct http_req *q, const char *name,
		   const char *arg);

#endif
