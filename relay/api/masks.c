/* GET and POST /api/rooms/ROOM/masks (docs/api.md): the director of a room
 * reads or replaces its privacy masks. A change is checked whole, stored,
 * audited and pushed to the room's camera at once (room_refresh). */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"
#include "common/log.h"
#include "common/masks.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* {"room": ..., "masks": [{"x":..,"y":..,"w":..,"h":..}, ...]} */
static json_t *masks_json(const char *name, const struct masks *m)
{
	json_t *a = json_array();

	for (int i = 0; i < m->n; i++)
		json_array_append_new(a,
				      json_pack("{s:f,s:f,s:f,s:f}", "x",
						masks_frac(m->r[i].x), "y",
						masks_frac(m->r[i].y), "w",
						masks_frac(m->r[i].w), "h",
						masks_frac(m->r[i].h)));
	return json_pack("{s:s,s:o}", "room", name, "masks", a);
}

/* The body's "masks" into @m; 0 or an error sentence in @err. */
static int read_body(const struct http_req *q, struct masks *m, char *err,
		     size_t errlen)
{
	static const char *const keys[4] = { "x", "y", "w", "h" };
	json_t *v = http_body_object(q), *a, *e;
	size_t i;
	int rc = LC_EINVAL;

	memset(m, 0, sizeof(*m));
	snprintf(err, errlen,
		 "expected {\"masks\": [{\"x\": 0.25, \"y\": 0.1, \"w\": 0.5, "
		 "\"h\": 0.3}, ...]} with fractions of the picture");
	a = json_object_get(v, "masks");
	if (!json_is_array(a) || json_object_size(v) != 1)
		goto out;
	if (json_array_size(a) > MASKS_MAX) {
		snprintf(err, errlen, "at most %d masks", MASKS_MAX);
		goto out;
	}
	json_array_foreach(a, i, e)
	{
		double d[4];

		if (!json_is_object(e) || json_object_size(e) != 4) {
			snprintf(err, errlen,
				 "mask %zu: expected {\"x\", \"y\", \"w\", "
				 "\"h\"}",
				 i + 1);
			goto out;
		}
		for (int k = 0; k < 4; k++) {
			json_t *n = json_object_get(e, keys[k]);

			if (!json_is_number(n)) {
				snprintf(err, errlen,
					 "mask %zu: %s must be a number from "
					 "0 to 1",
					 i + 1, keys[k]);
				goto out;
			}
			d[k] = json_number_value(n);
		}
		if (masks_add(m, d[0], d[1], d[2], d[3], err, errlen) < 0)
			goto out;
	}
	rc = 0;
out:
	json_decref(v);
	return rc;
}

int api_room_masks(struct relay *r, struct http_req *q, const char *name,
		   const char *arg)
{
	char err[160], text[MASKS_TEXT_MAX];
	struct masks m;
	struct ident who;
	struct room *room;
	int rc;

	(void)arg;
	if ((rc = api_room_gate(r, q, name, ROLE_BIT(ROLE_DIRECTOR),
				q->method == M_POST, "masks", &who)))
		return rc < 0 ? -1 : 0;
	if (q->method == M_GET) {
		rc = store_room_get_masks(relay_store(r), name, &m, err,
					  sizeof(err));
		if (rc == LC_EINVAL) /* shown as the camera gets it */
			masks_set_all(&m);
		else if (rc < 0)
			return http_respond_error(q, 500, LC_EDB, NULL, NULL);
		return http_respond_json(q, 200, masks_json(name, &m), NULL);
	}
	if (read_body(q, &m, err, sizeof(err)) < 0)
		return http_respond_error(q, 400, LC_EINVAL, err, NULL);
	if (store_room_set_masks(relay_store(r), name, &m) < 0)
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	masks_format(&m, text, sizeof(text));
	if (store_audit_add(relay_store(r), "masks", who.name, name, q->addr,
			    m.n ? text : "none") < 0)
		log_warn("audit: cannot record the masks of %s", name);
	log_info("masks of %s set by %s: %s", name, who.name,
		 m.n ? text : "none");
	/* Push them to the camera now rather than at the next poll. */
	if ((room = rooms_get(relay_rooms(r), name)))
		room_refresh(room);
	return http_respond_json(q, 200, masks_json(name, &m), NULL);
}
