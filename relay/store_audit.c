/* Store: daily quota use and the audit log (see store.h). */
#define LOG_TAG "store"
#include "relay/store.h"
#include "common/err.h"
#include "common/log.h"
#include "relay/store_private.h"

#include <sqlite3.h>
#include <string.h>

/* ---- quotas --------------------------------------------------------- */

int store_quota_get(struct store *st, int64_t user_id, const char *room,
		    int day, int64_t *seconds)
{
	sqlite3_stmt *s;
	int rc;

	*seconds = 0;
	if (store_prep(st,
		       "SELECT seconds FROM quota_use WHERE user_id = ? AND "
		       "room = ? AND day = ?",
		       &s) < 0)
		return LC_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_text(s, 2, room, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, day);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*seconds = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_quota_set(struct store *st, int64_t user_id, const char *room,
		    int day, int64_t seconds)
{
	sqlite3_stmt *s;

	if (store_prep(st,
		       "INSERT INTO quota_use (user_id, room, day, seconds) "
		       "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, room, day) "
		       "DO UPDATE SET seconds = excluded.seconds",
		       &s) < 0)
		return LC_EDB;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_text(s, 2, room, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, day);
	sqlite3_bind_int64(s, 4, seconds);
	return store_step_done(st, s);
}

/* ---- audit ---------------------------------------------------------- */

int store_audit_add(struct store *st, const char *event, const char *actor,
		    const char *room, const char *addr, const char *detail)
{
	sqlite3_stmt *s;

	if (store_prep(
		    st,
		    "INSERT INTO audit (ts, event, actor, room, addr, detail) "
		    "VALUES (?, ?, ?, ?, ?, ?)",
		    &s) < 0)
		return LC_EDB;
	sqlite3_bind_int64(s, 1, store_now_s());
	sqlite3_bind_text(s, 2, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, room, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, detail, -1, SQLITE_STATIC);
	return store_step_done(st, s);
}

int store_audit_view_start(struct store *st, const char *actor,
			   const char *room, const char *addr, int64_t *id)
{
	int rc = store_audit_add(st, "view", actor, room, addr, NULL);

	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_audit_view_end(struct store *st, int64_t id, uint64_t bytes)
{
	sqlite3_stmt *s;

	if (store_prep(st,
		       "UPDATE audit SET end_ts = ?, bytes = ? WHERE id = ?",
		       &s) < 0)
		return LC_EDB;
	sqlite3_bind_int64(s, 1, store_now_s());
	sqlite3_bind_int64(s, 2, (int64_t)bytes);
	sqlite3_bind_int64(s, 3, id);
	return store_step_done(st, s);
}

int store_audit_count(struct store *st, const char *event)
{
	return store_count_query(
		st, "SELECT count(*) FROM audit WHERE event = ?", event);
}
