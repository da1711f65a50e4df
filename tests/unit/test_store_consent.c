/* The store's consent register, audit reading and retention purge, and
 * the audit log's CSV cells (auditcsv.c). */
#include "common/err.h"
#include "store/auditcsv.h"
#include "store/store.h"
#include "tests/tap.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct reg {
	int n;
	char line[512];
};

static int reg_cb(void *ctx, const struct store_consent_row *c)
{
	struct reg *g = ctx;
	size_t len = strlen(g->line);

	g->n++;
	snprintf(g->line + len, sizeof(g->line) - len, "%s%s:%s:%s",
		 len ? " " : "", c->user, store_role_name(c->role),
		 store_consent_name(c->status));
	return 0;
}

static int rows_cb(void *ctx, const struct store_audit_row *row)
{
	struct reg *g = ctx;
	size_t len = strlen(g->line);

	g->n++;
	snprintf(g->line + len, sizeof(g->line) - len, "%s%s/%s",
		 len ? " " : "", row->event, row->actor);
	return 0;
}

static const char *reg_of(struct store *st, const char *room)
{
	static struct reg g;

	memset(&g, 0, sizeof(g));
	if (store_consent_list(st, room, reg_cb, &g) < 0)
		return "error";
	return g.line;
}

static const char *audit_of(struct store *st, struct store_audit_filter f)
{
	static struct reg g;

	memset(&g, 0, sizeof(g));
	if (store_audit_query(st, &f, rows_cb, &g) < 0)
		return "error";
	return g.line;
}

/* Age every audit row of @event by @days through a second connection, as
 * if it had been written then. */
static void age_rows(const char *dir, const char *event, int days)
{
	char path[300], sql[200];
	sqlite3 *db;

	snprintf(path, sizeof(path), "%s/lucarne.db", dir);
	snprintf(sql, sizeof(sql),
		 "UPDATE audit SET ts = ts - %d * 86400 WHERE event = '%s'",
		 days, event);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		diag("cannot age rows: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

int main(void)
{
	char dir[] = "/tmp/lucarne-consent-XXXXXX", err[256] = "", cmd[300],
	     missing[64];
	const char *pommes[] = { "pommes" };
	struct store *st;
	struct store_user u;
	struct store_room r;
	enum store_consent c;

	if (!mkdtemp(dir))
		return 1;
	ok(store_open(dir, &st, err, sizeof(err)) == 0, "open: %s", err);
	store_room_add(st, "pommes", NULL);
	store_room_add(st, "poires", NULL);
	store_user_add(st, "alice", ROLE_PARENT, "$h", pommes, 1);
	store_user_add(st, "tina", ROLE_TEACHER, "$h", pommes, 1);
	store_user_add(st, "dora", ROLE_DIRECTOR, "$h", pommes, 1);
	store_user_add(st, "bob", ROLE_PARENT, "$h", NULL, 0);
	store_user_get(st, "alice", &u);

	/* ---- consent ---- */
	ok(store_consent_get(st, u.id, "pommes", &c) == 0 && c == CONSENT_NONE,
	   "no record: none");
	is_str(reg_of(st, "pommes"), "tina:teacher:none alice:parent:none",
	       "register: linked teacher then parent, directors left out");
	is_int(store_consent_staff_ready(st, "pommes", missing,
					 sizeof(missing)),
	       LC_ESTATE, "teacher without consent: not ready");
	is_str(missing, "tina", "the missing teacher is named");
	is_int(store_consent_set(st, "pommes", "alice", CONSENT_GIVEN, "dora"),
	       0, "record alice's authorization");
	ok(store_consent_get(st, u.id, "pommes", &c) == 0 && c == CONSENT_GIVEN,
	   "alice: given");
	ok(store_consent_get(st, u.id, "poires", &c) == 0 && c == CONSENT_NONE,
	   "given for one room only");
	{
		struct store_consent_row row;

		ok(store_consent_get_row(st, u.id, "pommes", &row) == 0 &&
			   row.status == CONSENT_GIVEN &&
			   strcmp(row.recorded_by, "dora") == 0 && row.ts > 0,
		   "alice's row: given, recorded by dora, with a time");
		ok(store_consent_get_row(st, u.id, "poires", &row) == 0 &&
			   row.status == CONSENT_NONE &&
			   row.recorded_by[0] == '\0' && row.ts == 0,
		   "no row: none, nobody, no time");
	}
	is_int(store_consent_set(st, "pommes", "bob", CONSENT_GIVEN, "dora"),
	       LC_EINVAL, "an account not linked to the room has none");
	is_int(store_consent_set(st, "pommes", "dora", CONSENT_GIVEN, "dora"),
	       LC_EINVAL, "a director has none");
	is_int(store_consent_set(st, "pommes", "nobody", CONSENT_GIVEN, "d"),
	       LC_ENOENT, "unknown account");
	is_int(store_consent_set(st, "nope", "alice", CONSENT_GIVEN, "d"),
	       LC_ENOENT, "unknown room");
	is_int(store_consent_set(st, "pommes", "alice", CONSENT_NONE, "d"),
	       LC_EINVAL, "none is not a value to record");
	is_int(store_consent_set(st, "pommes", "tina", CONSENT_GIVEN, "dora"),
	       0, "record tina's consent");
	is_int(store_consent_staff_ready(st, "pommes", missing,
					 sizeof(missing)),
	       0, "every teacher consents: ready");
	store_room_set(st, "pommes", 1, 1);
	is_int(store_consent_set(st, "pommes", "alice", CONSENT_WITHDRAWN,
				 "alice"),
	       0, "alice withdraws");
	ok(store_room_get(st, "pommes", &r) == 0 && r.consent,
	   "a parent's withdrawal leaves the register complete");
	is_int(store_consent_set(st, "pommes", "tina", CONSENT_WITHDRAWN,
				 "tina"),
	       0, "tina withdraws");
	ok(store_room_get(st, "pommes", &r) == 0 && !r.consent && r.broadcast,
	   "a teacher's withdrawal makes the register incomplete");
	is_str(reg_of(st, "pommes"),
	       "tina:teacher:withdrawn alice:parent:withdrawn",
	       "register shows both withdrawals");
	ok(store_consent_parse("given") == CONSENT_GIVEN &&
		   store_consent_parse("withdrawn") == CONSENT_WITHDRAWN &&
		   store_consent_parse("none") == LC_EINVAL &&
		   store_consent_parse(NULL) == LC_EINVAL,
	   "consent parse");

	store_consent_set(st, "pommes", "alice", CONSENT_GIVEN, "dora");
	ok(store_link_remove(st, "alice", "pommes") == 0 &&
		   store_link_add(st, "alice", "pommes") == 0 &&
		   store_consent_get(st, u.id, "pommes", &c) == 0 &&
		   c == CONSENT_NONE,
	   "unlinked and linked again: the consent must be recorded anew");

	/* ---- audit reading ---- */
	store_audit_add(st, "login", "alice", NULL, "::1", NULL);
	store_audit_add(st, "login_failed", "bob", NULL, "::1", NULL);
	store_audit_add(st, "pause", "tina", "pommes", "::1", NULL);
	store_audit_add(st, "pause", "tom", "poires", "::1", NULL);
	store_audit_add_about(st, "consent", "dora", "alice", "pommes", "::1",
			      "given");
	is_str(audit_of(st, (struct store_audit_filter){ .room = "pommes" }),
	       "consent/dora pause/tina login/alice",
	       "a room: its rows and its accounts' logins, newest first");
	is_str(audit_of(st, (struct store_audit_filter){ .user = "alice" }),
	       "consent/dora login/alice",
	       "an account: its own rows and those about it");
	is_str(audit_of(st,
			(struct store_audit_filter){ .room = "pommes",
						     .limit = 1 }),
	       "consent/dora", "limit");
	is_str(audit_of(st, (struct store_audit_filter){ .to = 1000 }), "",
	       "date range");

	/* ---- retention ---- */
	age_rows(dir, "pause", 400);
	is_int(store_audit_purge(st, (int64_t)time(NULL) - 365 * 86400), 2,
	       "purge removes the two rows older than a year");
	is_str(audit_of(st, (struct store_audit_filter){ .room = "pommes" }),
	       "consent/dora login/alice", "newer rows are kept");
	is_int(store_audit_purge(st, (int64_t)time(NULL) - 365 * 86400), 0,
	       "nothing more to purge");

	/* ---- CSV cells ---- */
	{
		static const char *const cells[][2] = {
			{ "plain", "plain," },
			{ "", "," },
			{ "a,b", "\"a,b\"," },
			{ "say \"hi\"", "\"say \"\"hi\"\"\"," },
			{ "two\nlines", "\"two\nlines\"," },
			{ "=1+2", "'=1+2," },
			{ "+cmd", "'+cmd," },
			{ "-1", "'-1," },
			{ "@SUM(A1)", "'@SUM(A1)," },
			{ "\tx", "'\tx," },
			{ "=HYPERLINK(\"u\",\"x\")",
			  "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"," },
		};
		struct auditcsv b = { 0 };

		for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
			b.len = 0;
			auditcsv_add_cell(&b, cells[i][0], false);
			is_str(b.data, cells[i][1], "CSV cell");
		}
		b.len = 0;
		auditcsv_add_cell(&b, "end", true);
		is_str(b.data, "end\r\n", "last cell ends the row with CRLF");
		b.len = 0;
		auditcsv_add_header(&b);
		is_str(b.data,
		       "id,time,event,actor,subject,room,address,detail,end,"
		       "bytes\r\n",
		       "CSV header");
		free(b.data);
	}

	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done();
}
