/* The audit log as CSV (see auditcsv.h). */
#include "store/auditcsv.h"
#include "common/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void put(struct auditcsv *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void auditcsv_add_cell(struct auditcsv *b, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		put(b, "\"", 1);
	/* A formula start becomes text: the apostrophe is what spreadsheets
	 * themselves use to mark a cell as text. */
	if (s[0] && strchr("=+-@\t\r", s[0]))
		put(b, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put(b, "\"", 1);
		put(b, p, 1);
	}
	if (quote)
		put(b, "\"", 1);
	put(b, last ? "\r\n" : ",", last ? 2 : 1);
}

void auditcsv_add_header(struct auditcsv *b)
{
	static const char header[] =
		"id,time,event,actor,subject,room,address,detail,end,bytes\r\n";

	put(b, header, sizeof(header) - 1);
}

static void local_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t || !localtime_r(&tt, &tm) ||
	    !strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm))
		buf[0] = '\0';
}

void auditcsv_add_row(struct auditcsv *b, const struct store_audit_row *w)
{
	char id[24], ts[40], end[40], bytes[24];

	snprintf(id, sizeof(id), "%" PRId64, w->id);
	local_time(w->ts, ts, sizeof(ts));
	local_time(w->end_ts, end, sizeof(end));
	if (w->bytes >= 0)
		snprintf(bytes, sizeof(bytes), "%" PRId64, w->bytes);
	else
		bytes[0] = '\0';
	auditcsv_add_cell(b, id, false);
	auditcsv_add_cell(b, ts, false);
	auditcsv_add_cell(b, w->event, false);
	auditcsv_add_cell(b, w->actor, false);
	auditcsv_add_cell(b, w->subject, false);
	auditcsv_add_cell(b, w->room, false);
	auditcsv_add_cell(b, w->addr, false);
	auditcsv_add_cell(b, w->detail, false);
	auditcsv_add_cell(b, end, false);
	auditcsv_add_cell(b, bytes, true);
}
