/* Camera controls and presets of a room (docs/api.md, "Camera"): the
 * room's teachers and director read the controls the camera reported
 * (kept in RAM, gone with the camera), change them, and recall presets;
 * the director saves and deletes presets. Every value is checked against
 * the camera's own list before anything is sent; every change is
 * audited.
 *
 * A change is sent to the camera as set_controls and answered 202: the
 * camera applies it on its capture thread and reports the values the
 * device kept in a new controls message, which the next GET shows.
 */
#define LOG_TAG "camera"
#include "relay/api/http.h"
#include "common/err.h"
#include "relay/camera.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The camera's direction and zoom: set by the director alone (CNIL, see
 * PRIVACY.md) unless the director lets the room's teachers set them too
 * (the room's teacher_ptz setting, off by default); teachers change the
 * picture, and may recall the presets the director saved. */
static const char *const director_only[] = { "pan", "tilt", "zoom" };

static bool is_director_only(const char *name)
{
	for (size_t i = 0; i < sizeof(director_only) / sizeof(*director_only);
	     i++)
		if (strcmp(name, director_only[i]) == 0)
			return true;
	return false;
}

/* Whether the director let the room's teachers move and zoom the camera;
 * false when it cannot be read (fail closed). */
static bool teachers_move(struct relay *r, const char *name)
{
	struct store_room sr;

	return store_room_get(relay_store(r), name, &sr) == 0 && sr.teacher_ptz;
}

/* The room's camera controls, or NULL when no camera reports any. */
static const struct camctl_list *camera_of(struct room *room)
{
	return room ? camera_list(room_camera(room)) : NULL;
}

/* "brightness=140 contrast=90" for the audit and the log. */
static void values_text(const struct camctl_list *set, const char *prefix,
			char *out, size_t outlen)
{
	size_t n = (size_t)snprintf(out, outlen, "%s", prefix);

	for (int i = 0; i < set->n && n < outlen; i++)
		n += (size_t)snprintf(out + n, outlen - n, "%s%s=%d",
				      n ? " " : "", set->c[i].name,
				      set->c[i].value);
}

static int add_preset(void *ctx, const char *name, const char *controls)
{
	json_t *v = json_loads(controls, JSON_REJECT_DUPLICATES, NULL);

	json_array_append_new(ctx,
			      json_pack("{s:s,s:o}", "name", name, "values",
					v ? v : json_object()));
	return 0;
}

static int camera_get(struct relay *r, struct http_req *q, const char *name)
{
	struct room *room = rooms_get(relay_rooms(r), name);
	const struct camctl_list *cam = camera_of(room);
	json_t *ctls = json_array(), *presets = json_array(), *v;
	bool ptz = teachers_move(r, name);
	size_t i;

	if (cam) {
		json_decref(ctls);
		/* The list passed the protocol's parser: it formats. */
		ctls = camctl_list_to_json(cam);
		if (!ctls)
			ctls = json_array();
		json_array_foreach(ctls, i, v)
		{
			const char *n =
				json_string_value(json_object_get(v, "name"));

			if (!ptz && is_director_only(n))
				json_object_set_new(v, "director_only",
						    json_true());
		}
	}
	if (store_preset_list(relay_store(r), name, add_preset, presets) < 0) {
		json_decref(ctls);
		json_decref(presets);
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	}
	return http_respond_json(
		q, 200,
		json_pack(
			"{s:s,s:b,s:I,s:b,s:o,s:o}", "room", name, "online",
			cam != NULL, "updated",
			(json_int_t)(room ? camera_generation(room_camera(room))
					  : 0),
			"teacher_ptz", ptz, "controls", ctls, "presets",
			presets),
		NULL);
}

/* Check @set against the room's camera and send it; answers the request.
 * @who may only touch director-only controls if a director, if the
 * director allowed the room's teachers to, or through a preset (@preset
 * non-NULL), which a director saved. */
static int camera_send(struct relay *r, struct http_req *q, const char *name,
		       const struct ident *who, const struct camctl_list *set,
		       const char *preset)
{
	struct room *room = rooms_get(relay_rooms(r), name);
	const struct camctl_list *cam = camera_of(room);
	char why[300], detail[600], prefix[80];
	json_t *ans;

	if (!cam)
		return http_respond_error(q, 409, LC_ESTATE,
					  "the camera is offline", NULL);
	if (camctl_check_set(cam, set, why, sizeof(why)) < 0) {
		if (preset) {
			snprintf(detail, sizeof(detail), "preset %s: %s",
				 preset, why);
			return http_respond_error(q, 400, LC_EINVAL, detail,
						  NULL);
		}
		return http_respond_error(q, 400, LC_EINVAL, why, NULL);
	}
	for (int i = 0; !preset && who->role != ROLE_DIRECTOR && i < set->n;
	     i++) {
		if (!is_director_only(set->c[i].name))
			continue;
		if (teachers_move(r, name))
			break;
		snprintf(why, sizeof(why),
			 "%s: the director has not allowed teachers to move "
			 "or zoom the camera in this room",
			 set->c[i].name);
		return http_respond_error(q, 403, LC_EPERM, why, NULL);
	}
	room_send_controls(room, set);
	snprintf(prefix, sizeof(prefix), "%s%s", preset ? "preset=" : "",
		 preset ? preset : "");
	values_text(set, prefix, detail, sizeof(detail));
	if (store_audit_add(relay_store(r),
			    preset ? "camera_preset_recall" : "camera",
			    who->name, name, q->addr, detail) < 0)
		log_warn("audit: cannot record a camera change in %s", name);
	log_info("%s: %s by %s", name, detail, who->name);
	ans = json_pack("{s:s,s:o}", "room", name, "sent",
			camctl_values_to_json(set));
	if (preset)
		json_object_set_new(ans, "preset", json_string(preset));
	return http_respond_json(q, 202, ans, NULL);
}

static int camera_post(struct relay *r, struct http_req *q, const char *name,
		       const struct ident *who)
{
	json_t *body = http_body_object(q);
	struct camctl_list *set = XNEW(struct camctl_list);
	char why[300];
	int rc;

	if (!body || json_object_size(body) != 1 ||
	    camctl_values_from_json(json_object_get(body, "values"), true, set,
				    why, sizeof(why)) < 0) {
		if (!body || json_object_size(body) != 1 ||
		    !json_object_get(body, "values"))
			snprintf(why, sizeof(why),
				 "expected {\"values\": {\"brightness\": 140, "
				 "...}}");
		json_decref(body);
		free(set);
		return http_respond_error(q, 400, LC_EINVAL, why, NULL);
	}
	json_decref(body);
	rc = camera_send(r, q, name, who, set, NULL);
	free(set);
	return rc;
}

int api_camera(struct relay *r, struct http_req *q, const char *name,
	       const char *arg)
{
	struct ident who;
	int rc;

	(void)arg;
	if ((rc = api_room_gate(r, q, name, ROLES_STAFF, q->method == M_POST,
				"camera", &who)))
		return rc < 0 ? -1 : 0;
	if (q->method == M_GET)
		return camera_get(r, q, name);
	return camera_post(r, q, name, &who);
}

/* POST .../camera/presets/NAME: the director saves the camera's values. */
static int preset_save(struct relay *r, struct http_req *q, const char *name,
		       const struct ident *who, const char *preset)
{
	const struct camctl_list *cam =
		camera_of(rooms_get(relay_rooms(r), name));
	char detail[600], prefix[80], *text;
	json_t *vals;
	int rc;

	if (!cam)
		return http_respond_error(q, 409, LC_ESTATE,
					  "the camera is offline", NULL);
	vals = camctl_values_to_json(cam);
	text = json_dumps(vals, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = store_preset_save(relay_store(r), name, preset, text);
	free(text);
	if (rc < 0) {
		json_decref(vals);
		if (rc == LC_ETOOBIG) {
			snprintf(detail, sizeof(detail),
				 "at most %d presets per room: delete one "
				 "first",
				 STORE_PRESETS_MAX);
			return http_respond_error(q, 409, rc, detail, NULL);
		}
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	}
	snprintf(prefix, sizeof(prefix), "preset=%s", preset);
	values_text(cam, prefix, detail, sizeof(detail));
	if (store_audit_add(relay_store(r), "camera_preset_save", who->name,
			    name, q->addr, detail) < 0)
		log_warn("audit: cannot record a preset of %s", name);
	return http_respond_json(q, 200,
				 json_pack("{s:s,s:s,s:o}", "room", name,
					   "preset", preset, "values", vals),
				 NULL);
}

static int preset_recall(struct relay *r, struct http_req *q, const char *name,
			 const struct ident *who, const char *preset)
{
	char text[STORE_PRESET_TEXT_MAX + 1], why[300];
	struct camctl_list *set;
	json_t *v;
	int rc = store_preset_get(relay_store(r), name, preset, text,
				  sizeof(text));

	if (rc == LC_ENOENT)
		return http_respond_error(q, 404, rc, "no such preset", NULL);
	if (rc < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	set = XNEW(struct camctl_list);
	v = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	rc = camctl_values_from_json(v, false, set, why, sizeof(why));
	json_decref(v);
	if (rc < 0) {
		free(set);
		log_error("preset %s of %s is unreadable: %s", preset, name,
			  why);
		return http_respond_error(q, 500, LC_EDB,
					  "the preset is unreadable", NULL);
	}
	rc = camera_send(r, q, name, who, set, preset);
	free(set);
	return rc;
}

static int preset_delete(struct relay *r, struct http_req *q, const char *name,
			 const struct ident *who, const char *preset)
{
	char detail[100];
	int rc = store_preset_delete(relay_store(r), name, preset);

	if (rc == LC_ENOENT)
		return http_respond_error(q, 404, rc, "no such preset", NULL);
	if (rc < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	snprintf(detail, sizeof(detail), "preset=%s", preset);
	if (store_audit_add(relay_store(r), "camera_preset_delete", who->name,
			    name, q->addr, detail) < 0)
		log_warn("audit: cannot record a preset of %s", name);
	return http_respond_json(q, 200,
				 json_pack("{s:s,s:s,s:b}", "room", name,
					   "preset", preset, "deleted", 1),
				 NULL);
}

int api_camera_preset(struct relay *r, struct http_req *q, const char *name,
		      const char *arg)
{
	char preset[PROTO_NAME_MAX + 1];
	const char *slash = strchr(arg, '/'), *action = slash ? slash + 1 : "";
	size_t n = slash ? (size_t)(slash - arg) : strlen(arg);
	bool recall = strcmp(action, "recall") == 0,
	     del = strcmp(action, "delete") == 0;
	struct ident who;
	int rc;

	if (n > PROTO_NAME_MAX || (slash && !recall && !del))
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	memcpy(preset, arg, n);
	preset[n] = '\0';
	if ((rc = api_room_gate(r, q, name,
				recall ? ROLES_STAFF : ROLE_BIT(ROLE_DIRECTOR),
				true, "camera preset", &who)))
		return rc < 0 ? -1 : 0;
	if (!proto_name_valid(preset))
		return http_respond_error(
			q, 400, LC_EINVAL,
			"a preset name is 1 to 64 of A-Z a-z 0-9 . _ - "
			"(not starting with . or -)",
			NULL);
	if (recall)
		return preset_recall(r, q, name, &who, preset);
	if (del)
		return preset_delete(r, q, name, &who, preset);
	return preset_save(r, q, name, &who, preset);
}
