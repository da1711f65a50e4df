/* Store: the consent register (see store.h). One row per room and
 * account: a parent's authorization or a teacher's consent, given or
 * withdrawn, with who recorded it and when. No row means no consent.
 */
#define LOG_TAG "store"
#include "common/err.h"
#include "common/log.h"
#include "store/store.h"
#include "store/store_private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static const char *const consent_names[] = { "none", "given", "withdrawn" };

const char *store_consent_name(enum store_consent c)
{
	return (unsigned)c <= CONSENT_WITHDRAWN ? consent_names[c] : "none";
}

int store_consent_parse(const char *s)
{
	if (s && strcmp(s, "given") == 0)
		return CONSENT_GIVEN;
	if (s && strcmp(s, "withdrawn") == 0)
		return CONSENT_WITHDRAWN;
	return LC_EINVAL;
}

static enum store_consent consent_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int c = store_consent_parse((const char *)t);

	return c < 0 ? CONSENT_NONE : (enum store_consent)c;
}

int store_consent_set(struct store *st, const char *room, const char *user,
		      enum store_consent status, const char *recorded_by)
{
	struct store_user u;
	struct store_room r;
	sqlite3_stmt *s;
	int rc;

	if (status != CONSENT_GIVEN && status != CONSENT_WITHDRAWN)
		return LC_EINVAL;
	if ((rc = store_user_get(st, user, &u)) < 0 ||
	    (rc = store_room_get(st, room, &r)) < 0)
		return rc;
	if (u.role != ROLE_PARENT && u.role != ROLE_TEACHER)
		return LC_EINVAL;
	if ((rc = store_link_exists(st, u.id, room)) <= 0)
		return rc < 0 ? rc : LC_EINVAL;
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		return LC_EDB;
	if ((rc = store_prep(st,
			     "INSERT INTO consent (room_id, user_id, status, "
			     "recorded_by, ts) VALUES (?, ?, ?, ?, ?) "
			     "ON CONFLICT (room_id, user_id) DO UPDATE SET "
			     "status = excluded.status, "
			     "recorded_by = excluded.recorded_by, "
			     "ts = excluded.ts",
			     &s)) < 0)
		goto fail;
	sqlite3_bind_int64(s, 1, r.id);
	sqlite3_bind_int64(s, 2, u.id);
	sqlite3_bind_text(s, 3, store_consent_name(status), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, recorded_by ? recorded_by : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, store_now_s());
	if ((rc = store_step_done(st, s)) < 0)
		goto fail;
	/* Staff consent is a condition of broadcasting: without it the
	 * room goes dark until the director completes the register again. */
	if (u.role == ROLE_TEACHER && status == CONSENT_WITHDRAWN &&
	    (rc = store_room_set(st, room, -1, 0)) < 0)
		goto fail;
	return store_exec(st, "COMMIT");
fail:
	store_exec(st, "ROLLBACK");
	return rc;
}

int store_consent_get(struct store *st, int64_t user_id, const char *room,
		      enum store_consent *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = CONSENT_NONE;
	if (store_prepb(st, &s,
			"SELECT consent.status FROM consent JOIN rooms "
			"ON consent.room_id = rooms.id "
			"WHERE consent.user_id = ? AND rooms.name = ?",
			"It", user_id, room) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = consent_col(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_consent_get_row(struct store *st, int64_t user_id, const char *room,
			  struct store_consent_row *out)
{
	sqlite3_stmt *s;
	int rc;

	out->status = CONSENT_NONE;
	out->recorded_by[0] = '\0';
	out->ts = 0;
	if (store_prepb(
		    st, &s,
		    "SELECT consent.status, consent.recorded_by, consent.ts "
		    "FROM consent JOIN rooms ON consent.room_id = rooms.id "
		    "WHERE consent.user_id = ? AND rooms.name = ?",
		    "It", user_id, room) < 0)
		return LC_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->status = consent_col(s, 0);
		store_col_text(s, 1, out->recorded_by,
			       sizeof(out->recorded_by));
		out->ts = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

int store_consent_list(struct store *st, const char *room,
		       int (*cb)(void *ctx, const struct store_consent_row *c),
		       void *ctx)
{
	struct store_consent_row c;
	sqlite3_stmt *s;
	char role[16];
	int rc;

	if (store_prepb(st, &s,
			"SELECT users.name, users.role, consent.status, "
			"consent.recorded_by, coalesce(consent.ts, 0) "
			"FROM rooms JOIN user_rooms "
			"ON user_rooms.room_id = rooms.id JOIN users "
			"ON users.id = user_rooms.user_id LEFT JOIN consent "
			"ON consent.room_id = rooms.id "
			"AND consent.user_id = users.id WHERE rooms.name = ? "
			"AND users.role IN ('teacher', 'parent') "
			"ORDER BY users.role = 'parent', users.name",
			"t", room) < 0)
		return LC_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_text(s, 0, c.user, sizeof(c.user));
		store_col_text(s, 1, role, sizeof(role));
		c.role = (enum store_role)store_role_parse(role);
		c.status = consent_col(s, 2);
		store_col_text(s, 3, c.recorded_by, sizeof(c.recorded_by));
		c.ts = sqlite3_column_int64(s, 4);
		if (cb(ctx, &c))
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : LC_EDB;
}

struct missing_ctx {
	char *buf;
	size_t size, len;
	int n;
};

static int add_missing(void *ctx, const struct store_consent_row *c)
{
	struct missing_ctx *m = ctx;
	int w;

	if (c->role != ROLE_TEACHER || c->status == CONSENT_GIVEN)
		return 0;
	m->n++;
	if (m->len < m->size) {
		w = snprintf(m->buf + m->len, m->size - m->len, "%s%s",
			     m->n > 1 ? ", " : "", c->user);
		m->len += w > 0 ? (size_t)w : 0;
	}
	return 0;
}

int store_consent_staff_ready(struct store *st, const char *room, char *missing,
			      size_t size)
{
	struct missing_ctx m = { missing, size, 0, 0 };

	if (size)
		missing[0] = '\0';
	if (store_consent_list(st, room, add_missing, &m) < 0)
		return LC_EDB;
	return m.n ? LC_ESTATE : 0;
}
