/* SQLite store: schema, migrations, rooms, users, devices and sessions
 * (store_audit.c has quotas and the audit log). Every query is a prepared statement with bound
 * parameters; nothing user-supplied is ever pasted into SQL.
 */
#define LOG_TAG "store"
#include "store/store.h"
#include "store/store_private.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const role_names[ROLE_COUNT] = {
	"admin", "director", "teacher", "parent", "trainer", "senior",
};
static const char *const kind_names[KIND_COUNT] = { "camera", "kiosk" };

/* One entry per schema version: migrations[i] takes version i to i + 1.
 * Later issues append entries (viewing windows, quotas, pause, masks);
 * never edit a released one. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE rooms ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL DEFAULT '',"
	"  broadcast INTEGER NOT NULL DEFAULT 0," /* privacy by default */
	"  consent INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','director','teacher',"
	"    'parent','trainer','senior')),"
	"  pwhash TEXT NOT NULL,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE user_rooms ("
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (user_id, room_id)) WITHOUT ROWID;"
	"CREATE TABLE devices ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('camera','kiosk')),"
	"  room_id INTEGER NOT NULL REFERENCES rooms(id),"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL);"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  ts INTEGER NOT NULL,"
	"  event TEXT NOT NULL,"
	"  actor TEXT,"
	"  room TEXT,"
	"  addr TEXT,"
	"  detail TEXT,"
	"  end_ts INTEGER,"
	"  bytes INTEGER);"
	"CREATE INDEX audit_room_ts ON audit(room, ts);",
	/* 1 -> 2: viewing windows, daily quotas, teacher pause (issue 5).
	 * A room's window defaults to "always": broadcast off and consent
	 * incomplete already keep a new room dark. Quota use is kept per
	 * account, room name and local day, so that a relay restart does
	 * not give the time back. */
	"ALTER TABLE rooms ADD COLUMN view_window TEXT NOT NULL "
	"  DEFAULT 'always';"
	"ALTER TABLE rooms ADD COLUMN quota_min INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE rooms ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE quota_use ("
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  room TEXT NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  seconds INTEGER NOT NULL,"
	"  PRIMARY KEY (user_id, room, day)) WITHOUT ROWID;",
	/* 2 -> 3: consent register, privacy masks, camera presets (issue 5).
	 * One consent row per account and room: the parent's authorization
	 * or the staff member's consent, given or withdrawn, with who
	 * recorded it and when. Masks are the room's rectangles as text
	 * (common/masks.h, "" for none); presets are named sets of camera control values
	 * (JSON). The audit indexes serve a parent's own history and the
	 * retention purge. */
	"CREATE TABLE consent ("
	"  room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  status TEXT NOT NULL CHECK (status IN ('given','withdrawn')),"
	"  recorded_by TEXT NOT NULL,"
	"  ts INTEGER NOT NULL,"
	"  PRIMARY KEY (room_id, user_id)) WITHOUT ROWID;"
	"ALTER TABLE rooms ADD COLUMN masks TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE camera_presets ("
	"  room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  controls TEXT NOT NULL,"
	"  PRIMARY KEY (room_id, name)) WITHOUT ROWID;"
	"CREATE INDEX audit_actor_ts ON audit(actor, ts);"
	"CREATE INDEX audit_ts ON audit(ts);"
	/* The account an audit row is about when it is not the actor's
	 * own (a director records a parent's consent): that parent's
	 * history shows it too. */
	"ALTER TABLE audit ADD COLUMN subject TEXT;"
	"CREATE INDEX audit_subject_ts ON audit(subject, ts) "
	"  WHERE subject IS NOT NULL;"
	/* The consent recorded for a room goes with the account's link to
	 * it, however the link goes: linked again later, the account needs
	 * a new authorization. */
	"CREATE TRIGGER user_rooms_consent AFTER DELETE ON user_rooms BEGIN"
	"  DELETE FROM consent WHERE user_id = old.user_id"
	"    AND room_id = old.room_id;"
	"  END;"
	/* Whether the room's teachers may move and zoom the camera: the
	 * director's choice, off by default (PRIVACY.md). */
	"ALTER TABLE rooms ADD COLUMN teacher_ptz INTEGER NOT NULL DEFAULT 0;",
};
#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

int64_t store_now_s(void)
{
	return (int64_t)time(NULL);
}

const char *store_role_name(enum store_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "unknown";
}

int store_role_parse(const char *s)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (s && strcmp(s, role_names[i]) == 0)
			return i;
	return LC_EINVAL;
}

const char *store_kind_name(enum store_kind k)
{
	return (unsigned)k < KIND_COUNT ? kind_names[k] : "unknown";
}

int store_kind_parse(const char *s)
{
	for (int i = 0; i < KIND_COUNT; i++)
		if (s && strcmp(s, kind_names[i]) == 0)
			return i;
	return LC_EINVAL;
}

const char *store_errmsg(struct store *st)
{
	return st && st->db ? sqlite3_errmsg(st->db) : "no database";
}

int store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("%s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return LC_EDB;
	}
	return 0;
}

/* Prepare @sql; logs and returns LC_EDB on failure (a bug or a broken
 * database, never user input). */
int store_prep(struct store *st, const char *sql, sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		log_error("prepare: %s", sqlite3_errmsg(st->db));
		*stmt = NULL;
		return LC_EDB;
	}
	return 0;
}

int store_prepb(struct store *st, sqlite3_stmt **stmt, const char *sql,
		const char *types, ...)
{
	va_list ap;

	if (store_prep(st, sql, stmt) < 0)
		return LC_EDB;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(*stmt, i + 1,
					  va_arg(ap, const char *), -1,
					  SQLITE_STATIC);
		else if (types[i] == 'i')
			sqlite3_bind_int(*stmt, i + 1, va_arg(ap, int));
		else
			sqlite3_bind_int64(*stmt, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	return 0;
}

/* Step a statement that returns no row and finalize it. A UNIQUE
 * violation becomes LC_EEXIST. */
int store_step_done(struct store *st, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_CONSTRAINT)
		return LC_EEXIST;
	log_error("step: %s", sqlite3_errmsg(st->db));
	return LC_EDB;
}

void store_col_text(sqlite3_stmt *s, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int store_schema_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (store_prep(st, "PRAGMA user_version", &s) < 0)
		return LC_EDB;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int64_t store_data_version(struct store *st)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if (store_prep(st, "PRAGMA data_version", &s) < 0)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int migrate(struct store *st, char *err, size_t errlen)
{
	int v = store_schema_version(st);
	char sql[64];

	if (v < 0 || v > N_MIGRATIONS) {
		snprintf(err, errlen,
			 "database schema version %d is newer than this "
			 "program (%d)",
			 v, N_MIGRATIONS);
		return LC_EDB;
	}
	for (; v < N_MIGRATIONS; v++) {
		/* Each step is one transaction: a crash leaves the old
		 * version, never half a migration. */
		if (store_exec(st, "BEGIN IMMEDIATE") < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (store_exec(st, migrations[v]) < 0 ||
		    store_exec(st, sql) < 0) {
			store_exec(st, "ROLLBACK");
			goto fail;
		}
		if (store_exec(st, "COMMIT") < 0)
			goto fail;
		log_debug("database migrated to version %d", v + 1);
	}
	return 0;
fail:
	snprintf(err, errlen, "migration to version %d failed: %s", v + 1,
		 sqlite3_errmsg(st->db));
	return LC_EDB;
}

int store_open(const char *dir, struct store **out, char *err, size_t errlen)
{
	struct store *st = XNEW(struct store);
	char *path = xasprintf("%s/lucarne.db", dir);
	int rc = LC_EDB, fd;

	*out = NULL;
	/* Create the file ourselves, readable by its owner only: SQLite
	 * would make it 0644, and it holds password hashes and the audit
	 * log. SQLite gives its -wal and -shm files the database's mode. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd); /* else SQLite says why, below */
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
			 st->db ? sqlite3_errmsg(st->db) : "cannot open");
		rc = LC_EIO;
		goto fail;
	}
	/* The relay and the admin tool share the file: wait a little for
	 * the other's write lock rather than failing at once. */
	sqlite3_busy_timeout(st->db, 2000);
	if (store_exec(st, "PRAGMA journal_mode = WAL") < 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON") < 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL") < 0) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		goto fail;
	}
	rc = migrate(st, err, errlen);
	if (rc < 0)
		goto fail;
	free(path);
	*out = st;
	return 0;
fail:
	free(path);
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st);
}

/* ---- rooms ---------------------------------------------------------- */

int store_room_add(struct store *st, const char *name, const char *title)
{
	sqlite3_stmt *s;

	if (!proto_name_valid(name) ||
	    (title && strlen(title) > STORE_TITLE_MAX))
		return LC_EINVAL;
	if (store_prep(
		    st,
		    "INSERT INTO rooms (name, title, created) VALUES (?, ?, ?)",
		    &s) < 0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, title ? title : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, store_now_s());
	return store_step_done(st, s);
}

int store_changes_or_enoent(struct store *st, int rc)
{
	if (rc == 0 && sqlite3_changes(st->db) == 0)
		return LC_ENOENT;
	return rc;
}

int store_room_remove(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s,
			"SELECT count(*) FROM devices JOIN rooms "
			"ON devices.room_id = rooms.id WHERE rooms.name = ?",
			"t", name) < 0)
		return LC_EDB;
	rc = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_finalize(s);
	if (rc < 0)
		return LC_EDB;
	if (rc > 0)
		return LC_EBUSY;
	if (store_prepb(st, &s, "DELETE FROM rooms WHERE name = ?", "t", name) <
	    0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_room_set(struct store *st, const char *name, int broadcast,
		   int consent)
{
	sqlite3_stmt *s;

	if (store_prep(st,
		       "UPDATE rooms SET broadcast = coalesce(?, broadcast), "
		       "consent = coalesce(?, consent) WHERE name = ?",
		       &s) < 0)
		return LC_EDB;
	if (broadcast >= 0)
		sqlite3_bind_int(s, 1, !!broadcast);
	if (consent >= 0)
		sqlite3_bind_int(s, 2, !!consent);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_room_set_title(struct store *st, const char *name, const char *title)
{
	sqlite3_stmt *s;

	if (!title)
		return 0;
	if (strlen(title) > STORE_TITLE_MAX)
		return LC_EINVAL;
	if (store_prepb(st, &s, "UPDATE rooms SET title = ? WHERE name = ?",
			"tt", title, name) < 0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

/* Set one column of a room by name: @sql has the value then the name. */
static int room_set_col(struct store *st, const char *sql, const char *text,
			int64_t num, const char *name)
{
	sqlite3_stmt *s;

	if (store_prep(st, sql, &s) < 0)
		return LC_EDB;
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, num);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_room_set_window(struct store *st, const char *name,
			  const char *window)
{
	if (!window || strlen(window) > STORE_WINDOW_MAX)
		return LC_EINVAL;
	return room_set_col(st,
			    "UPDATE rooms SET view_window = ? WHERE name = ?",
			    window, 0, name);
}

int store_room_set_quota(struct store *st, const char *name, int minutes)
{
	if (minutes < 0 || minutes > STORE_QUOTA_MAX)
		return LC_EINVAL;
	return room_set_col(st, "UPDATE rooms SET quota_min = ? WHERE name = ?",
			    NULL, minutes, name);
}

int store_room_set_paused(struct store *st, const char *name, bool paused)
{
	return room_set_col(st, "UPDATE rooms SET paused = ? WHERE name = ?",
			    NULL, paused, name);
}

int store_room_set_teacher_ptz(struct store *st, const char *name, bool on)
{
	return room_set_col(st,
			    "UPDATE rooms SET teacher_ptz = ? WHERE name = ?",
			    NULL, on, name);
}

#define ROOM_COLS                                                              \
	"rooms.id, rooms.name, rooms.title, rooms.broadcast, "                 \
	"rooms.consent, rooms.view_window, rooms.quota_min, rooms.paused, "    \
	"rooms.teacher_ptz"

static void room_row(sqlite3_stmt *s, struct store_room *r)
{
	r->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, r->name, sizeof(r->name));
	store_col_text(s, 2, r->title, sizeof(r->title));
	r->broadcast = sqlite3_column_int(s, 3);
	r->consent = sqlite3_column_int(s, 4);
	store_col_text(s, 5, r->window, sizeof(r->window));
	r->quota_min = sqlite3_column_int(s, 6);
	r->paused = sqlite3_column_int(s, 7);
	r->teacher_ptz = sqlite3_column_int(s, 8);
}

int store_room_get(struct store *st, const char *name, struct store_room *out)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s,
			"SELECT " ROOM_COLS " FROM rooms WHERE name = ?", "t",
			name) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		room_row(s, out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? LC_ENOENT : LC_EDB;
}

static int room_iter(sqlite3_stmt *s,
		     int (*cb)(void *ctx, const struct store_room *r),
		     void *ctx)
{
	struct store_room r;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		room_row(s, &r);
		if (cb(ctx, &r))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_room_list(struct store *st,
		    int (*cb)(void *ctx, const struct store_room *r), void *ctx)
{
	sqlite3_stmt *s;

	if (store_prep(st, "SELECT " ROOM_COLS " FROM rooms ORDER BY name",
		       &s) < 0)
		return LC_EDB;
	return room_iter(s, cb, ctx);
}

/* ---- users ---------------------------------------------------------- */

int store_user_add(struct store *st, const char *name, enum store_role role,
		   const char *pwhash, const char *const *rooms, size_t n_rooms)
{
	sqlite3_stmt *s;
	int rc;

	if (!proto_name_valid(name) || (unsigned)role >= ROLE_COUNT)
		return LC_EINVAL;
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		return LC_EDB;
	if ((rc = store_prep(st,
			     "INSERT INTO users (name, role, pwhash, created) "
			     "VALUES (?, ?, ?, ?)",
			     &s)) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, role_names[role], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pwhash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, store_now_s());
	if ((rc = store_step_done(st, s)) < 0)
		goto fail;
	for (size_t i = 0; i < n_rooms; i++)
		if ((rc = store_link_add(st, name, rooms[i])) < 0)
			goto fail;
	return store_exec(st, "COMMIT");
fail:
	store_exec(st, "ROLLBACK");
	return rc;
}

int store_user_remove(struct store *st, const char *name)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s, "DELETE FROM users WHERE name = ?", "t", name) <
	    0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_user_set_password(struct store *st, int64_t user_id,
			    const char *pwhash, bool revoke)
{
	sqlite3_stmt *s;
	int rc;

	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		return LC_EDB;
	if ((rc = store_prep(st, "UPDATE users SET pwhash = ? WHERE id = ?",
			     &s)) < 0)
		goto fail;
	sqlite3_bind_text(s, 1, pwhash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	if ((rc = store_changes_or_enoent(st, store_step_done(st, s))) < 0)
		goto fail;
	if (revoke) {
		if ((rc = store_prep(st,
				     "DELETE FROM sessions WHERE user_id = ?",
				     &s)) < 0)
			goto fail;
		sqlite3_bind_int64(s, 1, user_id);
		if ((rc = store_step_done(st, s)) < 0)
			goto fail;
	}
	return store_exec(st, "COMMIT");
fail:
	store_exec(st, "ROLLBACK");
	return rc;
}

static void user_row(sqlite3_stmt *s, int col, struct store_user *u)
{
	char role[16];

	u->id = sqlite3_column_int64(s, col);
	store_col_text(s, col + 1, u->name, sizeof(u->name));
	store_col_text(s, col + 2, role, sizeof(role));
	u->role = (enum store_role)store_role_parse(role);
	store_col_text(s, col + 3, u->pwhash, sizeof(u->pwhash));
}

int store_user_get(struct store *st, const char *name, struct store_user *out)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prep(
		    st,
		    "SELECT id, name, role, pwhash FROM users WHERE name = ?",
		    &s) < 0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		user_row(s, 0, out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? LC_ENOENT : LC_EDB;
}

int store_user_list(struct store *st,
		    int (*cb)(void *ctx, const struct store_user *u), void *ctx)
{
	struct store_user u;
	sqlite3_stmt *s;
	int rc;

	if (store_prep(st, "SELECT id, name, role, '' FROM users ORDER BY name",
		       &s) < 0)
		return LC_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		user_row(s, 0, &u);
		if (cb(ctx, &u))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_link_add(struct store *st, const char *user, const char *room)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s,
			"INSERT OR IGNORE INTO user_rooms (user_id, room_id) "
			"SELECT users.id, rooms.id FROM users, rooms "
			"WHERE users.name = ? AND rooms.name = ?",
			"tt", user, room) < 0)
		return LC_EDB;
	if (store_step_done(st, s) < 0)
		return LC_EDB;
	/* Nothing inserted: the user or the room is missing (or the link
	 * existed, which is fine: check which). */
	if (sqlite3_changes(st->db) == 0) {
		struct store_user u;
		struct store_room r;

		if (store_user_get(st, user, &u) < 0 ||
		    store_room_get(st, room, &r) < 0)
			return LC_ENOENT;
	}
	return 0;
}

int store_link_remove(struct store *st, const char *user, const char *room)
{
	sqlite3_stmt *s;

	/* The consent goes with it (trigger user_rooms_consent). */
	if (store_prepb(st, &s,
			"DELETE FROM user_rooms WHERE "
			"user_id = (SELECT id FROM users WHERE name = ?) AND "
			"room_id = (SELECT id FROM rooms WHERE name = ?)",
			"tt", user, room) < 0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_link_exists(struct store *st, int64_t user_id, const char *room)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s,
			"SELECT 1 FROM user_rooms JOIN rooms "
			"ON user_rooms.room_id = rooms.id "
			"WHERE user_rooms.user_id = ? AND rooms.name = ?",
			"It", user_id, room) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_user_rooms(struct store *st, int64_t user_id,
		     int (*cb)(void *ctx, const struct store_room *r),
		     void *ctx)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s,
			"SELECT " ROOM_COLS " FROM rooms JOIN user_rooms "
			"ON user_rooms.room_id = rooms.id "
			"WHERE user_rooms.user_id = ? ORDER BY rooms.name",
			"I", user_id) < 0)
		return LC_EDB;
	return room_iter(s, cb, ctx);
}

/* ---- devices -------------------------------------------------------- */

int store_device_add(struct store *st, const char *name, enum store_kind kind,
		     const char *room, const char *token_hash)
{
	struct store_room r;
	sqlite3_stmt *s;
	int rc;

	if (!proto_name_valid(name) || (unsigned)kind >= KIND_COUNT)
		return LC_EINVAL;
	if ((rc = store_room_get(st, room, &r)) < 0)
		return rc;
	if (store_prepb(st, &s,
			"INSERT INTO devices (name, kind, room_id, token_hash, "
			"created) VALUES (?, ?, ?, ?, ?)",
			"ttItI", name, kind_names[kind], r.id, token_hash,
			store_now_s()) < 0)
		return LC_EDB;
	return store_step_done(st, s);
}

int store_device_remove(struct store *st, const char *name)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s, "DELETE FROM devices WHERE name = ?", "t",
			name) < 0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

#define DEVICE_SELECT                                                          \
	"SELECT devices.id, devices.name, devices.kind, devices.room_id, "     \
	"rooms.name FROM devices JOIN rooms ON devices.room_id = rooms.id "

static void device_row(sqlite3_stmt *s, struct store_device *d)
{
	char kind[16];

	d->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, d->name, sizeof(d->name));
	store_col_text(s, 2, kind, sizeof(kind));
	d->kind = (enum store_kind)store_kind_parse(kind);
	d->room_id = sqlite3_column_int64(s, 3);
	store_col_text(s, 4, d->room, sizeof(d->room));
}

int store_device_by_token(struct store *st, const char *token_hash,
			  struct store_device *out)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prep(st, DEVICE_SELECT "WHERE devices.token_hash = ?", &s) <
	    0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		device_row(s, out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? LC_ENOENT : LC_EDB;
}

int store_device_list(struct store *st,
		      int (*cb)(void *ctx, const struct store_device *d),
		      void *ctx)
{
	struct store_device d;
	sqlite3_stmt *s;
	int rc;

	if (store_prep(st, DEVICE_SELECT "ORDER BY devices.name", &s) < 0)
		return LC_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		device_row(s, &d);
		if (cb(ctx, &d))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

/* ---- sessions ------------------------------------------------------- */

int store_session_add(struct store *st, const char *token_hash, int64_t user_id,
		      int64_t expires, int64_t *id)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prep(
		    st,
		    "INSERT INTO sessions (token_hash, user_id, created, expires) "
		    "VALUES (?, ?, ?, ?)",
		    &s) < 0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_int64(s, 3, store_now_s());
	sqlite3_bind_int64(s, 4, expires);
	rc = store_step_done(st, s);
	if (rc == 0 && id)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_session_get(struct store *st, const char *token_hash, int64_t now,
		      struct store_session *out)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prep(
		    st,
		    "SELECT sessions.id, sessions.expires, users.id, users.name, "
		    "users.role, '' FROM sessions JOIN users "
		    "ON sessions.user_id = users.id "
		    "WHERE sessions.token_hash = ? AND sessions.expires > ?",
		    &s) < 0)
		return LC_EDB;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->expires = sqlite3_column_int64(s, 1);
		user_row(s, 2, &out->user);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? LC_ENOENT : LC_EDB;
}

int store_session_alive(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s,
			"SELECT 1 FROM sessions WHERE id = ? AND expires > ?",
			"II", id, now) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_session_remove(struct store *st, const char *token_hash)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s, "DELETE FROM sessions WHERE token_hash = ?",
			"t", token_hash) < 0)
		return LC_EDB;
	return store_changes_or_enoent(st, store_step_done(st, s));
}

int store_session_purge(struct store *st, int64_t now)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepb(st, &s, "DELETE FROM sessions WHERE expires <= ?", "I",
			now) < 0)
		return LC_EDB;
	rc = store_step_done(st, s);
	return rc < 0 ? rc : sqlite3_changes(st->db);
}

int store_count_query(struct store *st, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prep(st, sql, &s) < 0)
		return LC_EDB;
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : LC_EDB;
	sqlite3_finalize(s);
	return rc;
}

int store_session_count(struct store *st, const char *user)
{
	if (!user)
		return store_count_query(st, "SELECT count(*) FROM sessions",
					 NULL);
	return store_count_query(
		st,
		"SELECT count(*) FROM sessions JOIN users "
		"ON sessions.user_id = users.id WHERE users.name = ?",
		user);
}
