/* GET /api/me: the signed-in account, its role, its rooms and when its
 * session ends (docs/api.md). */
#define LOG_TAG "http"
#include "relay/api/http.h"

#include <jansson.h>

static int add_room_name(void *ctx, const struct store_room *sr)
{
	json_array_append_new(ctx, json_string(sr->name));
	return 0;
}

int api_me(struct relay *r, struct http_req *q, const char *name,
	   const char *arg)
{
	struct ident who;
	json_t *rooms;
	int rc;

	(void)name;
	(void)arg;
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
