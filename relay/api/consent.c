/* The consent register of the HTTP API (docs/api.md): the director reads
 * and records it, marks it complete; a parent or teacher reads and
 * withdraws their own authorization or consent. Every change is audited and applied to live sockets at
 * once: a parent whose consent is no longer given is cut within the
 * request (conn_recheck), not at the next database poll.
 */
#define LOG_TAG "http"
#include "common/err.h"
#include "common/log.h"
#include "relay/api/http.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct reg_ctx {
	json_t *entries, *missing, *withdrawn;
};

static int add_entry(void *ctx, const struct store_consent_row *c)
{
	struct reg_ctx *g = ctx;
	json_t *o = json_pack("{s:s,s:s,s:s}", "user", c->user, "role",
			      store_role_name(c->role), "status",
			      store_consent_name(c->status));

	if (c->ts) {
		json_object_set_new(o, "recorded_by",
				    json_string(c->recorded_by));
		json_object_set_new(o, "ts", json_integer(c->ts));
	}
	json_array_append_new(g->entries, o);
	if (c->status == CONSENT_NONE)
		json_array_append_new(g->missing, json_string(c->user));
	else if (c->status == CONSENT_WITHDRAWN)
		json_array_append_new(g->withdrawn, json_string(c->user));
	return 0;
}

/* The register as GET and POST answer it, or NULL on a database error. */
static json_t *register_json(struct relay *r, const char *name)
{
	struct reg_ctx g = { json_array(), json_array(), json_array() };
	struct store_room sr;
	char missing[256];
	int ready;

	if (store_room_get(relay_store(r), name, &sr) < 0 ||
	    store_consent_list(relay_store(r), name, add_entry, &g) < 0 ||
	    (ready = store_consent_staff_ready(relay_store(r), name, missing,
					       sizeof(missing))) == LC_EDB) {
		json_decref(g.entries);
		json_decref(g.missing);
		json_decref(g.withdrawn);
		return NULL;
	}
	return json_pack("{s:s,s:b,s:b,s:b,s:o,s:o,s:o}", "room", name,
			 "complete", sr.consent, "broadcast", sr.broadcast,
			 "staff_ready", ready == 0, "entries", g.entries,
			 "missing", g.missing, "withdrawn", g.withdrawn);
}

/* Re-check the live sockets of account @user_id now (a withdrawal). */
static void recheck_user(struct relay *r, int64_t user_id)
{
	ws_hub_recheck(relay_ws_hub(r), user_id, true);
}

/* Apply a register change to the loaded room and the account's sockets. */
static void apply(struct relay *r, const char *name, int64_t user_id)
{
	struct room *room = rooms_get(relay_rooms(r), name);

	if (room)
		room_refresh(room);
	if (user_id)
		recheck_user(r, user_id);
}

static int respond_register(struct relay *r, struct http_req *q,
			    const char *name)
{
	json_t *v = register_json(r, name);

	if (!v)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	return http_respond_json(q, 200, v, NULL);
}

/* {"complete": true|false}: the director's declaration, refused while a
 * linked teacher has not given consent. */
static int set_complete(struct relay *r, struct http_req *q, const char *name,
			const struct ident *who, bool complete)
{
	char missing[256], msg[320];
	int rc;

	if (complete) {
		rc = store_consent_staff_ready(relay_store(r), name, missing,
					       sizeof(missing));
		if (rc == LC_ESTATE) {
			snprintf(msg, sizeof(msg),
				 "staff consent missing for: %s", missing);
			return http_respond_error(q, 409, LC_ESTATE, msg, NULL);
		}
		if (rc < 0)
			return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	}
	if (store_room_set(relay_store(r), name, -1, complete) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	if (store_audit_add(relay_store(r), "consent_register", who->name, name,
			    q->addr, complete ? "complete" : "incomplete") < 0)
		log_warn("audit: cannot record the register of %s", name);
	log_info("consent register of %s marked %s by %s", name,
		 complete ? "complete" : "incomplete", who->name);
	apply(r, name, 0);
	return respond_register(r, q, name);
}

/* {"user": NAME, "status": "given"|"withdrawn"}. */
static int set_one(struct relay *r, struct http_req *q, const char *name,
		   const struct ident *who, const char *user,
		   enum store_consent status)
{
	struct store_user u;
	int rc = store_consent_set(relay_store(r), name, user, status,
				   who->name);

	/* The same answer for an unknown account and one of another room:
	 * the register shows whom this room has. */
	if (rc == LC_ENOENT || rc == LC_EINVAL)
		return http_respond_error(
			q, 400, LC_EINVAL,
			"user: not a parent or teacher of this room", NULL);
	if (rc < 0 || store_user_get(relay_store(r), user, &u) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	if (store_audit_add_about(relay_store(r), "consent", who->name, user,
				  name, q->addr,
				  store_consent_name(status)) < 0)
		log_warn("audit: cannot record the consent of %s", user);
	log_info("consent of %s for %s recorded %s by %s", user, name,
		 store_consent_name(status), who->name);
	apply(r, name, u.id);
	return respond_register(r, q, name);
}

int api_consent_route(struct relay *r, struct http_req *q, const char *name,
		      const char *arg)
{
	json_t *v, *ju, *js, *jc;
	struct ident who;
	char user[PROTO_NAME_MAX + 1];
	int rc, status;

	(void)arg;
	if ((rc = api_room_gate(r, q, name, ROLE_BIT(ROLE_DIRECTOR),
				q->method == M_POST, "consent", &who)))
		return rc < 0 ? -1 : 0;
	if (q->method == M_GET)
		return respond_register(r, q, name);
	v = http_body_object(q);
	ju = json_object_get(v, "user");
	js = json_object_get(v, "status");
	jc = json_object_get(v, "complete");
	if (v && jc && json_object_size(v) == 1 && json_is_boolean(jc)) {
		bool complete = json_is_true(jc);

		json_decref(v);
		return set_complete(r, q, name, &who, complete);
	}
	if (!v || json_object_size(v) != 2 || !json_is_string(ju) ||
	    !json_is_string(js) ||
	    (status = store_consent_parse(json_string_value(js))) < 0 ||
	    strlen(json_string_value(ju)) > PROTO_NAME_MAX) {
		json_decref(v);
		return http_respond_error(
			q, 400, LC_EINVAL,
			"expected {\"user\": NAME, \"status\": \"given\" or "
			"\"withdrawn\"} or {\"complete\": true or false}",
			NULL);
	}
	snprintf(user, sizeof(user), "%s", json_string_value(ju));
	json_decref(v);
	return set_one(r, q, name, &who, user, (enum store_consent)status);
}

int api_consent_mine_route(struct relay *r, struct http_req *q,
			   const char *name, const char *arg)
{
	struct store_consent_row c;
	struct ident who;
	json_t *o;
	int rc;

	(void)arg;
	if ((rc = api_room_gate(r, q, name,
				ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_TEACHER),
				false, "own consent", &who)))
		return rc < 0 ? -1 : 0;
	if (store_consent_get_row(relay_store(r), who.id, name, &c) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	o = json_pack("{s:s,s:s,s:s,s:s}", "room", name, "user", who.name,
		      "role", store_role_name(who.role), "status",
		      store_consent_name(c.status));
	if (c.status != CONSENT_NONE) {
		json_object_set_new(o, "recorded_by",
				    json_string(c.recorded_by));
		json_object_set_new(o, "ts", json_integer(c.ts));
	}
	return http_respond_json(q, 200, o, NULL);
}

int api_withdraw_route(struct relay *r, struct http_req *q, const char *name,
		       const char *arg)
{
	struct ident who;
	int rc;

	(void)arg;
	if ((rc = api_room_gate(r, q, name,
				ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_TEACHER),
				true, "withdraw", &who)))
		return rc < 0 ? -1 : 0;
	if (store_consent_set(relay_store(r), name, who.name, CONSENT_WITHDRAWN,
			      who.name) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	if (store_audit_add_about(relay_store(r), "consent", who.name, who.name,
				  name, q->addr, "withdrawn") < 0)
		log_warn("audit: cannot record the withdrawal of %s", who.name);
	log_info("%s withdrew their consent for %s", who.name, name);
	apply(r, name, who.id);
	return http_respond_json(
		q, 200,
		json_pack("{s:s,s:s}", "room", name, "consent", "withdrawn"),
		NULL);
}
