/* The SQLite store: schema, rooms, users, links, devices, sessions, audit,
 * and change detection across two connections. */
#include "store/store.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int count_cb(void *ctx, const struct store_room *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int count_dev(void *ctx, const struct store_device *d)
{
	(void)d;
	(*(int *)ctx)++;
	return 0;
}

static int count_preset(void *ctx, const char *name, const char *controls)
{
	(void)name;
	(void)controls;
	(*(int *)ctx)++;
	return 0;
}

/* Camera presets: save, replace, read, list, delete, and the cap. */
static void test_presets(struct store *st)
{
	char text[64], name[16];
	int n = 0, rc = 0;

	is_int(store_preset_save(st, "poires", "matin", "{\"brightness\":140}"),
	       0, "preset saved");
	is_int(store_preset_save(st, "poires", "matin", "{\"brightness\":150}"),
	       0, "saved again under the same name");
	ok(store_preset_get(st, "poires", "matin", text, sizeof(text)) == 0 &&
		   strcmp(text, "{\"brightness\":150}") == 0,
	   "it replaced the first: %s", text);
	is_int(store_preset_get(st, "pommes", "matin", text, sizeof(text)),
	       LC_ENOENT, "presets belong to their room");
	is_int(store_preset_save(st, "nosuch", "x", "{}"), LC_ENOENT,
	       "no room, no preset");
	for (int i = 1; i < STORE_PRESETS_MAX; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		rc |= store_preset_save(st, "poires", name, "{}");
	}
	is_int(rc, 0, "up to STORE_PRESETS_MAX presets");
	is_int(store_preset_save(st, "poires", "one-more", "{}"), LC_ETOOBIG,
	       "one more is refused");
	is_int(store_preset_save(st, "poires", "p3", "{\"gain\":1}"), 0,
	       "replacing one at the cap is fine");
	store_preset_list(st, "poires", count_preset, &n);
	is_int(n, STORE_PRESETS_MAX, "listed");
	is_int(store_preset_delete(st, "poires", "matin"), 0, "deleted");
	is_int(store_preset_delete(st, "poires", "matin"), LC_ENOENT,
	       "deleting again: not found");
}

int main(void)
{
	char dir[] = "/tmp/lucarne-store-XXXXXX", err[256], cmd[300];
	const char *rooms[] = { "pommes", "poires" };
	struct store *st, *st2;
	struct store_room r;
	struct store_user u;
	struct store_device d;
	struct store_session s;
	int64_t sid, dv;
	int n;

	if (!mkdtemp(dir))
		return 1;
	ok(store_open(dir, &st, err, sizeof(err)) == 0, "open creates: %s",
	   err);
	is_int(store_schema_version(st), 3, "schema version 3");

	is_int(store_room_add(st, "pommes", "Les pommes"), 0, "room add");
	is_int(store_room_add(st, "pommes", NULL), LC_EEXIST, "duplicate room");
	is_int(store_room_add(st, ".bad", NULL), LC_EINVAL, "bad room name");
	is_int(store_room_add(st, "poires", NULL), 0, "second room");
	ok(store_room_get(st, "pommes", &r) == 0 && !r.broadcast &&
		   !r.consent && strcmp(r.title, "Les pommes") == 0,
	   "new room: broadcast off, consent incomplete");
	is_int(store_room_set(st, "pommes", 1, -1), 0, "broadcast on");
	ok(store_room_get(st, "pommes", &r) == 0 && r.broadcast && !r.consent,
	   "only broadcast changed");
	is_int(store_room_set(st, "nope", 1, 1), LC_ENOENT, "set unknown room");
	ok(store_room_get(st, "poires", &r) == 0 &&
		   strcmp(r.window, "always") == 0 && r.quota_min == 0 &&
		   !r.paused,
	   "new room: window always, no quota, not paused");
	ok(store_room_set_window(st, "poires", "mon-fri 08:30-11:30") == 0 &&
		   store_room_set_quota(st, "poires", 10) == 0 &&
		   store_room_set_paused(st, "poires", true) == 0 &&
		   store_room_get(st, "poires", &r) == 0 &&
		   strcmp(r.window, "mon-fri 08:30-11:30") == 0 &&
		   r.quota_min == 10 && r.paused,
	   "window, quota and pause stored");
	ok(store_room_set_quota(st, "poires", -1) == LC_EINVAL &&
		   store_room_set_quota(st, "poires", 1441) == LC_EINVAL &&
		   store_room_set_paused(st, "nope", true) == LC_ENOENT &&
		   store_room_set_window(st, "nope", "none") == LC_ENOENT,
	   "bad quota, unknown rooms refused");
	ok(store_room_get(st, "poires", &r) == 0 && !r.teacher_ptz,
	   "new room: teachers may not move the camera");
	ok(store_room_set_teacher_ptz(st, "poires", true) == 0 &&
		   store_room_get(st, "poires", &r) == 0 && r.teacher_ptz &&
		   store_room_get(st, "pommes", &r) == 0 && !r.teacher_ptz,
	   "teacher_ptz on for one room only");
	ok(store_room_set_teacher_ptz(st, "poires", false) == 0 &&
		   store_room_get(st, "poires", &r) == 0 && !r.teacher_ptz,
	   "teacher_ptz off again");
	is_int(store_room_set_teacher_ptz(st, "nope", true), LC_ENOENT,
	       "teacher_ptz of an unknown room");
	n = 0;
	store_room_list(st, count_cb, &n);
	is_int(n, 2, "two rooms listed");

	is_int(store_user_add(st, "alice", ROLE_PARENT, "$h", rooms, 1), 0,
	       "user add with a room");
	is_int(store_user_add(st, "alice", ROLE_PARENT, "$h", NULL, 0),
	       LC_EEXIST, "duplicate user");
	is_int(store_user_add(st, "bob", ROLE_PARENT, "$h",
			      (const char *[]){ "nope" }, 1),
	       LC_ENOENT, "unknown room refused");
	is_int(store_user_get(st, "bob", &u), LC_ENOENT,
	       "and nothing was added");
	ok(store_user_get(st, "alice", &u) == 0 && u.role == ROLE_PARENT,
	   "user get");
	is_int(store_link_exists(st, u.id, "pommes"), 1, "linked room");
	is_int(store_link_exists(st, u.id, "poires"), 0, "other room");
	is_int(store_link_add(st, "alice", "poires"), 0, "link add");
	n = 0;
	store_user_rooms(st, u.id, count_cb, &n);
	is_int(n, 2, "two linked rooms");
	is_int(store_link_remove(st, "alice", "poires"), 0, "link remove");

	is_int(store_device_add(st, "cam1", KIND_CAMERA, "pommes", "hash1"), 0,
	       "device add");
	is_int(store_device_add(st, "cam2", KIND_CAMERA, "nope", "hash2"),
	       LC_ENOENT, "device in unknown room");
	ok(store_device_by_token(st, "hash1", &d) == 0 &&
		   strcmp(d.room, "pommes") == 0 && d.kind == KIND_CAMERA,
	   "device by token hash");
	is_int(store_device_by_token(st, "hashX", &d), LC_ENOENT,
	       "unknown token");
	n = 0;
	store_device_list(st, count_dev, &n);
	is_int(n, 1, "one device");
	is_int(store_room_remove(st, "pommes"), LC_EBUSY,
	       "room with a device cannot be removed");

	is_int(store_session_add(st, "sh1", u.id, 2000, &sid), 0,
	       "session add");
	ok(store_session_get(st, "sh1", 1000, &s) == 0 && s.id == sid &&
		   strcmp(s.user.name, "alice") == 0,
	   "session get");
	is_int(store_session_get(st, "sh1", 2000, &s), LC_ENOENT,
	       "expired session is not found");
	is_int(store_session_alive(st, sid, 1000), 1, "alive");
	is_int(store_session_purge(st, 3000), 1, "purge removes expired");
	store_session_add(st, "sh2", u.id, 5000, &sid);
	is_int(store_user_set_password(st, u.id, "$h2", true), 0,
	       "password change");
	is_int(store_session_count(st, "alice"), 0,
	       "password change revokes sessions");
	store_session_add(st, "sh3", u.id, 5000, &sid);
	is_int(store_session_remove(st, "sh3"), 0, "logout");
	is_int(store_session_remove(st, "sh3"), LC_ENOENT, "logout twice");

	/* Another connection (lucarne-admin) changes something: the
	 * relay's connection sees data_version move. */
	ok(store_open(dir, &st2, err, sizeof(err)) == 0, "second connection");
	dv = store_data_version(st);
	store_device_remove(st2, "cam1");
	ok(store_data_version(st) != dv, "data_version changes on commit");
	is_int(store_device_by_token(st, "hash1", &d), LC_ENOENT,
	       "removed device is gone for the relay");

	store_session_add(st, "sh4", u.id, 5000, &sid);
	is_int(store_user_remove(st2, "alice"), 0, "user remove");
	is_int(store_session_alive(st, sid, 1000), 0,
	       "removing a user removes their sessions");
	is_int(store_room_remove(st, "pommes"), 0, "room remove");

	is_int(store_audit_add(st, "login", "alice", NULL, "127.0.0.1", NULL),
	       0, "audit add");
	ok(store_audit_view_start(st, "alice", "poires", "::1", &sid) == 0 &&
		   store_audit_view_end(st, sid, 1234) == 0,
	   "audit viewing session");
	is_int(store_audit_count(st, "view"), 1, "audit count");
	{
		int64_t secs = -1;

		ok(store_user_add(st, "carol", ROLE_PARENT, "$h", NULL, 0) ==
				   0 &&
			   store_user_get(st, "carol", &u) == 0 &&
			   store_quota_get(st, u.id, "pommes", 20261125,
					   &secs) == 0 &&
			   secs == 0,
		   "no quota use recorded: 0 s");
		ok(store_quota_set(st, u.id, "pommes", 20261125, 40) == 0 &&
			   store_quota_set(st, u.id, "pommes", 20261125, 70) ==
				   0 &&
			   store_quota_get(st, u.id, "pommes", 20261125,
					   &secs) == 0 &&
			   secs == 70,
		   "quota use updated in place");
		ok(store_quota_get(st, u.id, "pommes", 20261126, &secs) == 0 &&
			   secs == 0,
		   "another day starts at 0");
	}
	test_presets(st);
	store_close(st2);
	store_close(st);
	store_close(NULL);

	ok(store_open(dir, &st, err, sizeof(err)) == 0 &&
		   store_schema_version(st) == 3,
	   "reopen keeps the schema");
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done();
}
