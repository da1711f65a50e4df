/* The SQLite store: schema, rooms, users, links, devices, sessions, audit,
 * and change detection across two connections. */
#include "store/store.h"
#include "common/err.h"
#include "tests/tap.h"

#include <sqlite3.h>
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

/* Everything `room list` shows of room @name, as one line. */
static const char *room_line(struct store *st, const char *name)
{
	static char line[1024];
	char mtext[MASKS_TEXT_MAX], err[128];
	struct store_room r;
	struct masks m;

	if (store_room_get(st, name, &r) < 0 ||
	    store_room_get_masks(st, name, &m, err, sizeof(err)) < 0)
		return "?";
	masks_format(&m, mtext, sizeof(mtext));
	snprintf(line, sizeof(line), "%s|%d|%d|%s|%d|%s|%d|%d", r.title,
		 r.broadcast, r.consent, r.window, r.quota_min, mtext,
		 r.teacher_ptz, r.paused);
	return line;
}

/* store_room_update: all the settings in one transaction, none when one
 * fails, whichever step fails. */
static void test_room_update(struct store *st, const char *dir)
{
	struct store_room_change all = STORE_ROOM_CHANGE_NONE;
	struct store_room_change ch = STORE_ROOM_CHANGE_NONE;
	char before[1024], missing[64], title[STORE_TITLE_MAX + 2], err[128];
	char *path = NULL, *msg = NULL;
	struct masks m;
	sqlite3 *raw = NULL;

	is_int(store_room_add(st, "upd", "Avant"), 0, "update: a room");
	ok(masks_parse("0,0,0.5,1", &m, err, sizeof(err)) == 0, "masks");
	all.title = "Après";
	all.broadcast = 1;
	all.window = "mon-fri 08:30-11:30";
	all.quota_min = 30;
	all.masks = &m;
	all.teacher_ptz = 1;
	is_int(store_room_update(st, "upd", &all, missing, sizeof(missing)), 0,
	       "update: every setting at once");
	is_str(room_line(st, "upd"),
	       "Après|1|0|mon-fri 08:30-11:30|30|0,0,0.5,1|1|0",
	       "update: all of them applied");
	is_int(store_room_update(st, "nosuch", &all, missing, sizeof(missing)),
	       LC_ENOENT, "update: unknown room");

	/* A value the store refuses after others were applied. */
	snprintf(before, sizeof(before), "%s", room_line(st, "upd"));
	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	ch.broadcast = 0;
	ch.title = title;
	is_int(store_room_update(st, "upd", &ch, missing, sizeof(missing)),
	       LC_EINVAL, "update: a title one byte too long refused");
	is_str(room_line(st, "upd"), before,
	       "update: and the broadcast change before it undone");

	/* The last step fails in the database itself: a trigger refuses
	 * teacher_ptz. */
	path = sqlite3_mprintf("%s/lucarne.db", dir);
	ok(sqlite3_open(path, &raw) == SQLITE_OK &&
		   sqlite3_exec(raw,
				"CREATE TRIGGER refuse_ptz BEFORE UPDATE OF "
				"teacher_ptz ON rooms BEGIN SELECT "
				"RAISE(ABORT, 'refused by the test'); END",
				NULL, NULL, &msg) == SQLITE_OK,
	   "a trigger that refuses teacher_ptz: %s", msg ? msg : "");
	all.title = "Encore";
	all.broadcast = 0;
	all.consent = 0;
	all.window = "none";
	all.quota_min = 0;
	all.masks = &(struct masks){ 0 };
	all.teacher_ptz = 0;
	is_int(store_room_update(st, "upd", &all, missing, sizeof(missing)),
	       LC_EDB, "update: the last step fails in the database");
	is_str(room_line(st, "upd"), before,
	       "update: the room is exactly as before");
	sqlite3_exec(raw, "DROP TRIGGER refuse_ptz", NULL, NULL, NULL);

	/* Staff consent missing: checked in the same transaction. */
	store_user_add(st, "tina", ROLE_TEACHER, "$h",
		       (const char *[]){ "upd" }, 1);
	ch = (struct store_room_change)STORE_ROOM_CHANGE_NONE;
	ch.title = "Complet";
	ch.consent = 1;
	is_int(store_room_update(st, "upd", &ch, missing, sizeof(missing)),
	       LC_ESTATE, "update: complete refused without staff consent");
	ok(strcmp(missing, "tina") == 0 &&
		   strcmp(room_line(st, "upd"), before) == 0,
	   "update: the missing teacher named (%s), nothing changed", missing);
	store_consent_set(st, "upd", "tina", CONSENT_GIVEN, "dora");
	ok(store_room_update(st, "upd", &ch, missing, sizeof(missing)) == 0 &&
		   strncmp(room_line(st, "upd"), "Complet|1|1|", 12) == 0,
	   "update: complete once she has consented: %s", room_line(st, "upd"));
	sqlite3_free(msg);
	sqlite3_free(path);
	sqlite3_close(raw);
	store_user_remove(st, "tina");
	store_room_remove(st, "upd");
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
	test_room_update(st, dir);
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
