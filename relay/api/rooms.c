/* The rooms of the HTTP API (docs/api.md): the list an account sees, and
 * each room's endpoints for its staff, behind one gate (api_room_gate).
 */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"
#include "common/log.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct rooms_ctx {
	struct relay *r;
	const struct ident *who;
	json_t *list;
};

bool api_is_staff(enum store_role role)
{
	return role == ROLE_TEACHER || role == ROLE_DIRECTOR;
}

/* Names of the accounts other than staff watching @room now, each once
 * (for the room's staff only). */
static json_t *watchers(const struct room *room)
{
	const char *names[PROTO_MAX_NAMES] = { 0 };
	int n = room ? room_watchers(room, names, PROTO_MAX_NAMES) : 0;
	json_t *arr = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_string(names[i]));
	return arr;
}

/* A room's director settings, as GET and POST .../settings answer. */
static json_t *settings_json(const struct store_room *sr)
{
	return json_pack("{s:s,s:i,s:b,s:b,s:b,s:b}", "window", sr->window,
			 "quota_min", sr->quota_min, "broadcast", sr->broadcast,
			 "consent", sr->consent, "paused", sr->paused,
			 "teacher_ptz", sr->teacher_ptz);
}

static int add_room(void *ctx, const struct store_room *sr)
{
	struct rooms_ctx *rc = ctx;
	struct room *room = rooms_get(relay_rooms(rc->r), sr->name);
	struct proto_msg_state m = { .state = PROTO_ST_OFF, .quota_left = -1 };
	enum store_consent mine = CONSENT_NONE;
	json_t *o;

	/* A parent watches only with their consent recorded as given: say
	 * so first, it is the one thing they can change themselves. */
	if (rc->who->role == ROLE_PARENT &&
	    store_consent_get(relay_store(rc->r), rc->who->id, sr->name,
			      &mine) < 0)
		mine = CONSENT_NONE;
	/* Flags from the database row just read: the loaded room may lag
	 * behind lucarne-admin by a poll interval. */
	if (rc->who->role == ROLE_PARENT && mine != CONSENT_GIVEN) {
		snprintf(m.reason, sizeof(m.reason), "consent");
	} else if (room && sr->broadcast && sr->consent) {
		room_view(room, rc->who->id, rc->who->role, &m);
		if (m.state == PROTO_ST_OFF) {
			m.state = PROTO_ST_OFFLINE;
			m.reason[0] = '\0';
		}
	} else {
		snprintf(m.reason, sizeof(m.reason), "director");
	}
	o = json_pack("{s:s,s:s,s:s,s:i}", "name", sr->name, "title", sr->title,
		      "state", proto_state_name(m.state), "viewers",
		      m.state == PROTO_ST_OFF ? 0 : m.viewers);
	if (m.reason[0])
		json_object_set_new(o, "reason", json_string(m.reason));
	if (m.until)
		json_object_set_new(o, "until", json_integer(m.until));
	if (m.quota_left >= 0)
		json_object_set_new(o, "quota_left",
				    json_integer(m.quota_left));
	if (rc->who->role == ROLE_PARENT)
		json_object_set_new(o, "consent",
				    json_string(store_consent_name(mine)));
	if (api_is_staff(rc->who->role)) {
		json_object_set_new(o, "watchers", watchers(room));
		json_object_set_new(o, "paused", json_boolean(sr->paused));
	}
	if (rc->who->role == ROLE_DIRECTOR)
		json_object_set_new(o, "settings", settings_json(sr));
	json_array_append_new(rc->list, o);
	return 0;
}

/* POST /api/rooms/ROOM/pause or /resume: a teacher or director linked to
 * the room. */
static int room_pause(struct relay *r, struct http_req *q, const char *name,
		      bool pause)
{
	struct ident who;
	struct room *room;
	int rc;

	if ((rc = api_room_gate(r, q, name, ROLES_STAFF, true,
				pause ? "pause" : "resume", &who)))
		return rc < 0 ? -1 : 0;
	if (store_room_set_paused(relay_store(r), name, pause) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	if (store_audit_add(relay_store(r), pause ? "pause" : "resume",
			    who.name, name, q->addr,
			    store_role_name(who.role)) < 0)
		log_warn("audit: cannot record the %s",
			 pause ? "pause" : "resume");
	/* Apply it now rather than at the next database poll. */
	if ((room = rooms_get(relay_rooms(r), name)))
		room_refresh(room);
	return http_respond_json(
		q, 200, json_pack("{s:s,s:b}", "room", name, "paused", pause),
		NULL);
}

/* GET or POST /api/rooms/ROOM/settings: a director linked to the room
 * reads or changes its viewing window, daily quota, broadcast switch and
 * whether its teachers may move and zoom the camera.
 * Everything in the body is checked before anything changes. */
int api_room_settings(struct relay *r, struct http_req *q, const char *name,
		      const char *arg)
{
	char wtext[WINDOW_TEXT_MAX + 1], werr[200],
		detail[96 + WINDOW_TEXT_MAX], qtext[32];
	json_t *v, *jw, *jq, *jb, *jp;
	struct store_room_change ch = STORE_ROOM_CHANGE_NONE;
	struct store_room sr;
	struct window w;
	struct ident who;
	struct room *room;
	json_error_t jerr;
	int rc, quota = -1, bcast = -1, ptz = -1;
	const char *key;

	(void)arg;
	if ((rc = api_room_gate(r, q, name, ROLE_BIT(ROLE_DIRECTOR),
				q->method == M_POST, "settings", &who)))
		return rc < 0 ? -1 : 0;
	if (q->method == M_GET) {
		if (store_room_get(relay_store(r), name, &sr) < 0)
			return http_respond_error(q, 500, LC_EDB, NULL, NULL);
		v = settings_json(&sr);
		json_object_set_new(v, "room", json_string(name));
		return http_respond_json(q, 200, v, NULL);
	}
	v = json_loadb((const char *)q->body, q->body_len,
		       JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(v) || !json_object_size(v)) {
		json_decref(v);
		return http_respond_error(
			q, 400, LC_EINVAL,
			"expected {\"window\": ..., "
			"\"quota_min\": ..., \"broadcast\": ..., "
			"\"teacher_ptz\": ...}",
			NULL);
	}
	json_object_foreach(v, key, jw) if (strcmp(key, "window") &&
					    strcmp(key, "quota_min") &&
					    strcmp(key, "broadcast") &&
					    strcmp(key, "teacher_ptz"))
	{
		json_decref(v);
		return http_respond_error(q, 400, LC_EINVAL, "unknown setting",
					  NULL);
	}
	jw = json_object_get(v, "window");
	jq = json_object_get(v, "quota_min");
	jb = json_object_get(v, "broadcast");
	jp = json_object_get(v, "teacher_ptz");
	if (jw && !json_is_string(jw))
		snprintf(werr, sizeof(werr), "window: not a text");
	if (jw &&
	    (!json_is_string(jw) ||
	     window_parse(json_string_value(jw), &w, werr, sizeof(werr)) < 0)) {
		json_decref(v);
		return http_respond_error(q, 400, LC_EINVAL, werr, NULL);
	}
	if (jw)
		window_format(&w, wtext, sizeof(wtext));
	if (jq &&
	    (!json_is_integer(jq) || json_integer_value(jq) < 0 ||
	     json_integer_value(jq) > STORE_QUOTA_MAX)) {
		json_decref(v);
		snprintf(werr, sizeof(werr),
			 "quota_min: whole minutes from 0 (unlimited) to %d",
			 STORE_QUOTA_MAX);
		return http_respond_error(q, 400, LC_EINVAL, werr, NULL);
	}
	if (jq)
		quota = (int)json_integer_value(jq);
	if (jb && !json_is_boolean(jb)) {
		json_decref(v);
		return http_respond_error(q, 400, LC_EINVAL,
					  "broadcast: true or false", NULL);
	}
	if (jb)
		bcast = json_is_true(jb);
	if (jp && !json_is_boolean(jp)) {
		json_decref(v);
		return http_respond_error(q, 400, LC_EINVAL,
					  "teacher_ptz: true or false", NULL);
	}
	if (jp)
		ptz = json_is_true(jp);
	json_decref(v);
	/* All or nothing, as lucarne-admin's room set. */
	ch.broadcast = bcast;
	ch.window = jw ? wtext : NULL;
	ch.quota_min = quota;
	ch.teacher_ptz = ptz;
	if (store_room_update(relay_store(r), name, &ch, NULL, 0) < 0 ||
	    store_room_get(relay_store(r), name, &sr) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	if (quota >= 0)
		snprintf(qtext, sizeof(qtext), " quota-min=%d", quota);
	snprintf(detail, sizeof(detail), "%s%s%s%s%s",
		 bcast < 0	 ? ""
			 : bcast ? " broadcast=on"
				 : " broadcast=off",
		 jw ? " window=" : "", jw ? wtext : "", quota < 0 ? "" : qtext,
		 ptz < 0       ? ""
			 : ptz ? " teacher-ptz=on"
			       : " teacher-ptz=off");
	if (store_audit_add(relay_store(r), "settings", who.name, name, q->addr,
			    detail[0] ? detail + 1 : NULL) < 0)
		log_warn("audit: cannot record the settings of %s", name);
	log_info("settings of %s changed by %s:%s", name, who.name, detail);
	/* Apply it now rather than at the next database poll. */
	if ((room = rooms_get(relay_rooms(r), name)))
		room_refresh(room);
	v = settings_json(&sr);
	json_object_set_new(v, "room", json_string(name));
	return http_respond_json(q, 200, v, NULL);
}

int api_rooms(struct relay *r, struct http_req *q, const char *name,
	      const char *arg)
{
	struct ident who;
	struct rooms_ctx ctx = { r, &who, json_array() };
	int rc;

	(void)name;
	(void)arg;
	if ((rc = http_need_user(r, q, &who, false))) {
		json_decref(ctx.list);
		return rc < 0 ? -1 : 0;
	}
	store_user_rooms(relay_store(r), who.id, add_room, &ctx);
	return http_respond_json(q, 200, json_pack("{s:o}", "rooms", ctx.list),
				 NULL);
}

int api_room_gate(struct relay *r, struct http_req *q, const char *name,
		  unsigned roles, bool state_change, const char *what,
		  struct ident *who)
{
	int rc = http_need_user(r, q, who, state_change);

	if (rc)
		return rc;
	if (!(roles & ROLE_BIT(who->role)) || !proto_name_valid(name) ||
	    store_link_exists(relay_store(r), who->id, name) != 1) {
		log_info("%s of %s refused for %s", what,
			 proto_name_valid(name) ? name : "?", who->name);
		return http_respond_error(q, 403, LC_EPERM, "not allowed", NULL)
			? -1
			: 1;
	}
	return 0;
}

int api_room_pause(struct relay *r, struct http_req *q, const char *name,
		   const char *arg)
{
	(void)arg;
	return room_pause(r, q, name, true);
}

int api_room_resume(struct relay *r, struct http_req *q, const char *name,
		    const char *arg)
{
	(void)arg;
	return room_pause(r, q, name, false);
}
