/* Store: daily quota use and the audit log (see store.h). */
#define LOG_TAG "store"
#include "store/store.h"
#include "common/err.h"
#include "common/log.h"
#include "store/store_private.h"

#include <sqlite3.h>
#include <string.h>

/* ---- quotas --------------------------------------------------------- */

int store_quota_get(struct store *st, int64_t user_id, const char *room,
		    int day, int64_t *seconds)
{
	sqlite3_stmt *s;
	int rc;

	*seconds = 0;
	if (store_prepb(st, &s,
			"SELECT seconds FROM quota_use WHERE user_id = ? AND "
			"room = ? AND day = ?",
			"Iti", user_id, room, day) < 0)
		return LC_EDB;
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

	if (store_prepb(st, &s,
			"INSERT INTO quota_use (user_id, room, day, seconds) "
			"VALUES (?, ?, ?, ?) ON CONFLICT (user_id, room, day) "
			"DO UPDATE SET seconds = excluded.seconds",
			"ItiI", user_id, room, day, seconds) < 0)
		return LC_EDB;
	return store_step_done(st, s);
}

/* ---- audit ---------------------------------------------------------- */

int store_audit_add_about(struct store *st, const char *event,
			  const char *actor, const char *subject,
			  const char *room, const char *addr,
			  const char *detail)
{
	sqlite3_stmt *s;

	if (store_prepb(st, &s,
			"INSERT INTO audit (ts, event, actor, subject, room, "
			"addr, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
			"Itttttt", store_now_s(), event, actor, subject, room,
			addr, detail) < 0)
		return LC_EDB;
	return store_step_done(st, s);
}

int store_audit_add(struct store *st, const char *event, const char *actor,
		    const char *room, const char *addr, const char *detail)
{
	return store_audit_add_about(st, event, actor, NULL, room, addr,
				     detail);
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

	if (store_prepb(st, &s,
			"UPDATE audit SET end_ts = ?, bytes = ? WHERE id = ?",
			"III", store_now_s(), (int64_t)bytes, id) < 0)
		return LC_EDB;
	return store_step_done(st, s);
}

int store_audit_count(struct store *st, const char *event)
{
	return store_count_query(
		st, "SELECT count(*) FROM audit WHERE event = ?", event);
}

/* Every filter is bound (NULL and 0 disable it), so that one statement
 * serves the director's view of a room, a person's own history and the
 * admin's listing. A room's rows include the logins of the accounts
 * linked to it: logins carry no room. */
static const char audit_query_sql[] =
	"SELECT id, ts, coalesce(end_ts, 0), coalesce(bytes, -1), event, "
	"actor, subject, room, addr, detail FROM audit WHERE "
	"(?1 IS NULL OR room = ?1 OR (room IS NULL AND event IN "
	"  ('login', 'login_failed', 'logout') AND actor IN "
	"  (SELECT users.name FROM users JOIN user_rooms "
	"   ON user_rooms.user_id = users.id JOIN rooms "
	"   ON user_rooms.room_id = rooms.id WHERE rooms.name = ?1))) "
	"AND (?2 IS NULL OR actor = ?2 OR subject = ?2) "
	"AND (?3 = 0 OR ts >= ?3) AND (?4 = 0 OR ts < ?4) "
	"AND (?5 = 0 OR id < ?5) ORDER BY id DESC LIMIT ?6";

int store_audit_query(struct store *st, const struct store_audit_filter *f,
		      int (*cb)(void *ctx, const struct store_audit_row *row),
		      void *ctx)
{
	struct store_audit_row row;
	sqlite3_stmt *s;
	int rc, n = 0;

	if (store_prepb(st, &s, audit_query_sql, "ttIIIi", f->room, f->user,
			f->from, f->to, f->before,
			f->limit > 0 ? f->limit : -1) < 0)
		return LC_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(s, 0);
		row.ts = sqlite3_column_int64(s, 1);
		row.end_ts = sqlite3_column_int64(s, 2);
		row.bytes = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, row.event, sizeof(row.event));
		store_col_text(s, 5, row.actor, sizeof(row.actor));
		store_col_text(s, 6, row.subject, sizeof(row.subject));
		store_col_text(s, 7, row.room, sizeof(row.room));
		store_col_text(s, 8, row.addr, sizeof(row.addr));
		store_col_text(s, 9, row.detail, sizeof(row.detail));
		n++;
		if (cb(ctx, &row))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : LC_EDB;
}

int store_audit_purge(struct store *st, int64_t before)
{
	sqlite3_stmt *s;
	int rc;

	/* Open viewing rows too: one left open by a crash would otherwise
	 * stay forever, and closing a purged row later changes nothing. */
	if (store_prepb(st, &s, "DELETE FROM audit WHERE ts < ?", "I", before) <
	    0)
		return LC_EDB;
	rc = store_step_done(st, s);
	return rc < 0 ? rc : sqlite3_changes(st->db);
}
