/* Reading the audit log over HTTP (docs/api.md): a room's rows for its
 * director, as JSON pages or a CSV file, and each account's own history.
 *
 * Dates are local days (the relay's --timezone); rows come newest first,
 * at most AUDIT_JSON_MAX (JSON) or AUDIT_CSV_MAX (CSV) per request, the
 * next page from "before" (the last id seen). The CSV is auditcsv.h's.
 */
#define LOG_TAG "http"
#include "common/err.h"
#include "common/log.h"
#include "store/auditcsv.h"
#include "relay/api/http.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_JSON_DEFAULT 200
#define AUDIT_JSON_MAX 1000
#define AUDIT_CSV_MAX 10000

struct audit_req {
	struct store_audit_filter f;
	bool csv;
	char from[11], to[11];
};

/* A local calendar day "YYYY-MM-DD" to the Unix time of its midnight
 * (@next: of the day after). Returns 0 or LC_EINVAL. */
static int parse_day(const char *s, bool next, int64_t *out)
{
	struct tm tm = { 0 };
	int y, m, d, n = 0;
	time_t t;

	if (strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || y < 1970 || y > 9999 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return LC_EINVAL;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + (next ? 1 : 0);
	tm.tm_hour = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* mktime normalises 31 February into March: refuse it. */
	if (t == (time_t)-1 || (!next && tm.tm_mday != d))
		return LC_EINVAL;
	*out = (int64_t)t;
	return 0;
}

/* An optional query argument into @buf ("" when absent). */
static const char *arg(struct http_req *q, const char *name, char *buf,
		       int size)
{
	const char *v = lws_get_urlarg_by_name(q->wsi, name, buf, size);

	return v ? v : "";
}

/* Whole number 1..@max, or -1. */
static long parse_count(const char *s, long max)
{
	char *end;
	long v;

	if (!*s || strlen(s) > 12)
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < 1 || v > max ? -1 : v;
}

/* Read the query string. Returns 0, or 1 after answering 400 with
 * *@answered -1 (close) or 1. */
static int parse_query(struct http_req *q, struct audit_req *a, int *answered)
{
	char buf[96];
	const char *v;
	long n;

	memset(a, 0, sizeof(*a));
	*answered = 0;
	v = arg(q, "format=", buf, sizeof(buf));
	if (*v && strcmp(v, "csv") != 0 && strcmp(v, "json") != 0)
		goto bad_format;
	a->csv = strcmp(v, "csv") == 0;
	a->f.limit = a->csv ? AUDIT_CSV_MAX : AUDIT_JSON_DEFAULT;
	v = arg(q, "from=", buf, sizeof(buf));
	if (*v && parse_day(v, false, &a->f.from) < 0)
		goto bad_date;
	snprintf(a->from, sizeof(a->from), "%.10s", v);
	v = arg(q, "to=", buf, sizeof(buf));
	if (*v && parse_day(v, true, &a->f.to) < 0)
		goto bad_date;
	snprintf(a->to, sizeof(a->to), "%.10s", v);
	if (a->f.from && a->f.to && a->f.from >= a->f.to) {
		*answered = http_respond_error(q, 400, LC_EINVAL,
					       "from: after to", NULL)
			? -1
			: 1;
		return 1;
	}
	v = arg(q, "before=", buf, sizeof(buf));
	if (*v) {
		if ((n = parse_count(v, 0x7fffffffL)) < 0)
			goto bad_number;
		a->f.before = n;
	}
	v = arg(q, "limit=", buf, sizeof(buf));
	if (*v) {
		if ((n = parse_count(
			     v, a->csv ? AUDIT_CSV_MAX : AUDIT_JSON_MAX)) < 0)
			goto bad_number;
		a->f.limit = (int)n;
	}
	return 0;
bad_format:
	*answered = http_respond_error(q, 400, LC_EINVAL, "format: json or csv",
				       NULL)
		? -1
		: 1;
	return 1;
bad_date:
	*answered = http_respond_error(q, 400, LC_EINVAL,
				       "from, to: a date YYYY-MM-DD", NULL)
		? -1
		: 1;
	return 1;
bad_number:
	snprintf(buf, sizeof(buf),
		 "before: a row id; limit: 1 to %d (JSON) or %d (CSV)",
		 AUDIT_JSON_MAX, AUDIT_CSV_MAX);
	*answered = http_respond_error(q, 400, LC_EINVAL, buf, NULL) ? -1 : 1;
	return 1;
}

/* ---- JSON -------------------------------------------------------------- */

struct rows_ctx {
	json_t *rows;
	struct auditcsv csv;
	int64_t last_id;
	int n;
};

static int add_json(void *ctx, const struct store_audit_row *w)
{
	struct rows_ctx *g = ctx;
	json_t *o = json_pack("{s:I,s:I,s:s}", "id", (json_int_t)w->id, "ts",
			      (json_int_t)w->ts, "event", w->event);

	if (w->actor[0])
		json_object_set_new(o, "actor", json_string(w->actor));
	if (w->subject[0])
		json_object_set_new(o, "subject", json_string(w->subject));
	if (w->room[0])
		json_object_set_new(o, "room", json_string(w->room));
	if (w->addr[0])
		json_object_set_new(o, "addr", json_string(w->addr));
	if (w->detail[0])
		json_object_set_new(o, "detail", json_string(w->detail));
	if (w->end_ts)
		json_object_set_new(o, "end", json_integer(w->end_ts));
	if (w->bytes >= 0)
		json_object_set_new(o, "bytes", json_integer(w->bytes));
	json_array_append_new(g->rows, o);
	g->last_id = w->id;
	g->n++;
	return 0;
}

/* ---- CSV --------------------------------------------------------------- */

static int add_csv(void *ctx, const struct store_audit_row *w)
{
	struct rows_ctx *g = ctx;

	auditcsv_add_row(&g->csv, w);
	g->last_id = w->id;
	g->n++;
	return 0;
}

/* Answer the rows of @a as JSON or CSV; @label names the CSV file. */
static int answer(struct relay *r, struct http_req *q, struct audit_req *a,
		  const char *label)
{
	struct rows_ctx g = { 0 };
	char disp[160], next[24];
	const char *extra[5] = { NULL };
	int rc;

	if (!a->csv) {
		g.rows = json_array();
		if (store_audit_query(relay_store(r), &a->f, add_json, &g) <
		    0) {
			json_decref(g.rows);
			return http_respond_error(q, 500, LC_EDB, NULL, NULL);
		}
		return http_respond_json(
			q, 200,
			json_pack("{s:o,s:o}", "rows", g.rows, "next",
				  g.n == a->f.limit ? json_integer(g.last_id)
						    : json_null()),
			NULL);
	}
	auditcsv_add_header(&g.csv);
	if (store_audit_query(relay_store(r), &a->f, add_csv, &g) < 0) {
		free(g.csv.data);
		return http_respond_error(q, 500, LC_EDB, NULL, NULL);
	}
	snprintf(disp, sizeof(disp),
		 "attachment; filename=\"lucarne-audit-%s%s%s%s%s.csv\"", label,
		 a->from[0] ? "-from-" : "", a->from, a->to[0] ? "-to-" : "",
		 a->to);
	extra[0] = "content-disposition:";
	extra[1] = disp;
	if (g.n == a->f.limit) {
		/* More rows: the next request passes before=ID. */
		snprintf(next, sizeof(next), "%" PRId64, g.last_id);
		extra[2] = "x-lucarne-next-before:";
		extra[3] = next;
	}
	rc = http_respond(q, 200, "text/csv; charset=utf-8", g.csv.data,
			  g.csv.len, extra);
	free(g.csv.data);
	return rc;
}

int api_audit_route(struct relay *r, struct http_req *q, const char *name,
		    const char *arg_)
{
	struct audit_req a;
	struct ident who;
	int rc;

	(void)arg_;
	if ((rc = api_room_gate(r, q, name, ROLE_BIT(ROLE_DIRECTOR), false,
				"audit", &who)))
		return rc < 0 ? -1 : 0;
	if (parse_query(q, &a, &rc))
		return rc < 0 ? -1 : 0;
	a.f.room = name;
	/* Reading the log is an action on it too. */
	if (store_audit_add(relay_store(r), "audit_read", who.name, name,
			    q->addr, a.csv ? "csv" : "json") < 0)
		log_warn("audit: cannot record the reading of %s", name);
	return answer(r, q, &a, name);
}

int api_me_history(struct relay *r, struct http_req *q, const char *name,
		   const char *arg)
{
	struct audit_req a;
	struct ident who;
	int rc;

	(void)name;
	(void)arg;
	if ((rc = http_need_user(r, q, &who, false)))
		return rc < 0 ? -1 : 0;
	if (parse_query(q, &a, &rc))
		return rc < 0 ? -1 : 0;
	a.f.user = who.name;
	return answer(r, q, &a, who.name);
}
