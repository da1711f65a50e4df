/* What the HTTP API's files share (http.c: the protocol callback, login,
 * session endpoints, static files and routing; api_room.c: the rooms list
 * and each room's staff endpoints). Private to relay/, like relay.h.
 */
#ifndef LUCARNE_RELAY_HTTP_H
#define LUCARNE_RELAY_HTTP_H

#include <jansson.h>
#include <libwebsockets.h>
#include <stdbool.h>

#include "common/window.h"
#include "relay/metrics.h"
#include "relay/relay.h"
#include "relay/room.h"
#include "relay/ws.h"

/* The protocol, for the vhost's table (handed to relay_new). */
extern const struct lws_protocols http_protocol;

enum method { M_OTHER = 0, M_GET, M_HEAD, M_POST };

/* Per-connection state (lws per-session data of the HTTP protocol); one
 * request at a time, reset at each new request on a kept-alive socket. */
struct http_req {
	struct lws *wsi;
	enum method method;
	char path[256];
	char addr[64];
	unsigned char *body;
	size_t body_len;
	bool body_big;
	unsigned char *resp; /* LWS_PRE headroom, then resp_len bytes */
	size_t resp_len;
	struct pwjob *job; /* login waiting for the password thread */
	bool want_token; /* login: put the token in the JSON answer */
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
/* Authenticate a request; cookie-borne state changes also need an allowed
 * Origin (when the browser sends one). Returns 0 or an error already
 * answered (-1: close, 1: answered). */
int http_need_user(struct relay *r, struct http_req *q, struct ident *who,
		   bool state_change);
/* The request body as a JSON object, or NULL (not JSON, not an object,
 * duplicate keys). */
json_t *http_body_object(const struct http_req *q);

/* ---- api_room.c ---- */
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
int api_rooms(struct relay *r, struct http_req *q);
/* /api/rooms/NAME/REST (@rest after the name's slash, e.g. "pause" or
 * "camera/presets/day"). Returns like a route: 0 answered, -1 close. */
int api_room_route(struct relay *r, struct http_req *q, const char *name,
		   const char *rest);

/* ---- api_camera.c ---- */
/* GET or POST /api/rooms/NAME/camera (@arg unused). */
int api_camera(struct relay *r, struct http_req *q, const char *name,
	       const char *arg);
/* POST /api/rooms/NAME/camera/presets/@arg: PRESET, PRESET/recall or
 * PRESET/delete. */
int api_camera_preset(struct relay *r, struct http_req *q, const char *name,
		      const char *arg);

/* ---- api_consent.c ---- */
/* GET (the register) or POST (record a consent, mark the register
 * complete or incomplete) /api/rooms/NAME/consent: the room's director.
 * Routes of room_routes[]: 0 answered, -1 close. */
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

/* ---- api_audit.c ---- */
/* GET /api/rooms/NAME/audit[?from=&to=&before=&limit=&format=csv]: the
 * room's audit rows, for its director. */
int api_audit_route(struct relay *r, struct http_req *q, const char *name,
		    const char *arg);
/* GET /api/me/history[?...]: the signed-in account's own rows. */
int api_me_history(struct relay *r, struct http_req *q);

/* ---- api_masks.c ---- */
/* GET or POST /api/rooms/NAME/masks: the director's privacy masks. */
int api_room_masks(struct relay *r, struct http_req *q, const char *name);

#endif
