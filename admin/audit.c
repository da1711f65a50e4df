/* lucarne-admin audit list and purge. */
#include "admin/admin.h"
#include "store/auditcsv.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* ---- audit list ---- */

static char *list_room, *list_user;
static int list_limit;
static bool list_csv;

static const struct conf_opt list_opts[] = {
	{ "room", CONF_STR, &list_room, NULL, 0, 0, NULL, "ROOM",
	  "The room's rows and the logins of its accounts." },
	{ "user", CONF_STR, &list_user, NULL, 0, 0, NULL, "USER",
	  "The account's own rows and those about it." },
	{ "limit", CONF_INT, &list_limit, "100", 1, 100000, NULL, "N",
	  "At most N rows, newest first." },
	{ "csv", CONF_BOOL, &list_csv, NULL, 0, 0, NULL, NULL,
	  "RFC 4180 CSV with a header, as the relay's export." },
};

static int print_audit(void *ctx, const struct store_audit_row *w)
{
	struct auditcsv *csv = ctx;
	char when[32], end[32] = "";
	time_t t = (time_t)w->ts;
	struct tm tm;

	if (csv) {
		auditcsv_add_row(csv, w);
		fwrite(csv->data, 1, csv->len, stdout);
		csv->len = 0;
		return 0;
	}
	if (!localtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(when, sizeof(when), "%" PRId64, w->ts);
	t = (time_t)w->end_ts;
	if (w->end_ts && localtime_r(&t, &tm))
		strftime(end, sizeof(end), " end=%H:%M:%S", &tm);
	printf("%s %-14s %-16s %-12s %s%s%s%s%s", when, w->event,
	       w->actor[0] ? w->actor : "-", w->room[0] ? w->room : "-",
	       w->subject[0] ? "subject=" : "", w->subject,
	       w->subject[0] ? " " : "", w->detail, end);
	if (w->bytes >= 0)
		printf(" bytes=%" PRId64, w->bytes);
	printf("\n");
	return 0;
}

static int audit_list(const struct admin_cmd *self, struct store *st,
		      char **args)
{
	struct store_audit_filter f = {
		.room = list_room,
		.user = list_user,
		.limit = list_limit,
	};
	struct auditcsv csv = { 0 };
	int rc;

	(void)self;
	(void)args;
	if (list_csv) {
		auditcsv_add_header(&csv);
		fwrite(csv.data, 1, csv.len, stdout);
		csv.len = 0;
	}
	rc = store_audit_query(st, &f, print_audit, list_csv ? &csv : NULL);
	free(csv.data);
	return rc < 0 ? 1 : 0;
}

const struct admin_cmd admin_audit_list = {
	ADMIN_CMD_NAME("audit", "list"),
	.spec.usage = "[--room ROOM] [--user USER] [--limit N] [--csv]",
	.spec.about =
		"Audit rows, newest first (default 100, at most 100000): of\n"
		"a room (with its accounts' logins), of an account (its own\n"
		"and those about it), or all. --csv: RFC 4180 with a header.",
	.spec.opts = list_opts,
	.spec.n_opts = sizeof(list_opts) / sizeof(list_opts[0]),
	.run = audit_list,
};

/* ---- audit purge ---- */

static int purge_days;

static const struct conf_opt purge_opts[] = {
	{ "older-than-days", CONF_INT, &purge_days, "365", 1, 36500, NULL, "N",
	  "Delete the rows older than N days (the relay's default "
	  "--audit-retention-days)." },
};

static int audit_purge(const struct admin_cmd *self, struct store *st,
		       char **args)
{
	char detail[64];
	int rc;

	(void)self;
	(void)args;
	rc = store_audit_purge(st, (int64_t)time(NULL) - purge_days * 86400LL);
	if (rc < 0)
		return admin_fail(rc, "audit", "purge");
	snprintf(detail, sizeof(detail), "older-than-days=%d rows=%d",
		 purge_days, rc);
	admin_audit(st, "audit purge", NULL, detail);
	printf("%d audit rows older than %d days deleted\n", rc, purge_days);
	return 0;
}

const struct admin_cmd admin_audit_purge = {
	ADMIN_CMD_NAME("audit", "purge"),
	.spec.usage = "[--older-than-days N]",
	.spec.about = "Delete audit rows older than N days (default 365, the\n"
		      "relay's default --audit-retention-days).",
	.spec.opts = purge_opts,
	.spec.n_opts = sizeof(purge_opts) / sizeof(purge_opts[0]),
	.run = audit_purge,
};
