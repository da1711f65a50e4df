/* Viewing windows (see window.h for the grammar). Times are turned into
 * Unix seconds day by day with mktime(), so that a DST change (a 23 or
 * 25 hour day) moves the instants, never the local hours the director
 * typed.
 */
#include "common/window.h"
#include "common/err.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define DAY_MIN 1440
#define HORIZON_DAYS 9 /* today and the next 8 days */
#define MAX_IVALS (HORIZON_DAYS * WINDOW_SPANS_MAX)

static const char *const day_names[7] = { "mon", "tue", "wed", "thu",
					  "fri", "sat", "sun" };

static void skip_blanks(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

static int parse_day(const char **p)
{
	for (int i = 0; i < 7; i++) {
		if (strncasecmp(*p, day_names[i], 3) == 0 &&
		    !isalpha((unsigned char)(*p)[3])) {
			*p += 3;
			return i;
		}
	}
	return -1;
}

/* HH:MM (H or HH), 00:00 to 24:00; minutes or -1. */
static int parse_time(const char **p)
{
	const char *s = *p;
	int h = 0, m, nd = 0;

	while (isdigit((unsigned char)*s) && nd < 2) {
		h = h * 10 + (*s++ - '0');
		nd++;
	}
	if (!nd || *s != ':' || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]) || isdigit((unsigned char)s[3]))
		return -1;
	m = (s[1] - '0') * 10 + (s[2] - '0');
	if (h > 24 || m > 59 || (h == 24 && m))
		return -1;
	*p = s + 3;
	return h * 60 + m;
}

/* The word at @p, for messages. */
static void word_at(const char *p, char *out, size_t outlen)
{
	size_t n = strcspn(p, " \t,;");

	if (n == 0)
		n = *p ? 1 : 0;
	snprintf(out, outlen, "%.*s", (int)(n > 24 ? 24 : n), p);
}

static int bad(char *err, size_t errlen, const char *what, const char *at)
{
	char w[32];

	word_at(at, w, sizeof(w));
	if (*at)
		snprintf(err, errlen, "window: %s at \"%s\"", what, w);
	else
		snprintf(err, errlen, "window: %s at the end", what);
	return LC_EINVAL;
}

static int parse_group(const char **p, struct window *w, char *err,
		       size_t errlen)
{
	uint8_t days = 0;
	int a, b, start, end;

	for (;;) {
		skip_blanks(p);
		if ((a = parse_day(p)) < 0)
			return bad(err, errlen,
				   "expected a day (mon, tue, wed, thu, fri, "
				   "sat, sun)",
				   *p);
		b = a;
		if (**p == '-') {
			(*p)++;
			if ((b = parse_day(p)) < 0)
				return bad(err, errlen,
					   "expected a day after \"-\"", *p);
		}
		for (int i = a;; i = (i + 1) % 7) {
			days |= (uint8_t)(1u << i);
			if (i == b)
				break;
		}
		if (**p != ',')
			break;
		(*p)++;
	}
	if (**p != ' ' && **p != '\t')
		return bad(err, errlen,
			   "expected a blank then hours (e.g. \"mon-fri "
			   "08:30-11:30\")",
			   *p);
	for (;;) {
		skip_blanks(p);
		if ((start = parse_time(p)) < 0)
			return bad(err, errlen,
				   "expected a time HH:MM (00:00 to 24:00)",
				   *p);
		if (**p != '-')
			return bad(err, errlen,
				   "expected \"-\" and an end time", *p);
		(*p)++;
		if ((end = parse_time(p)) < 0)
			return bad(err, errlen,
				   "expected an end time HH:MM (00:00 to "
				   "24:00)",
				   *p);
		if (end <= start) {
			snprintf(err, errlen,
				 "window: the range %02d:%02d-%02d:%02d does "
				 "not end after it starts (a range stays "
				 "within one day; use 24:00 for midnight)",
				 start / 60, start % 60, end / 60, end % 60);
			return LC_EINVAL;
		}
		if (w->n == WINDOW_SPANS_MAX) {
			snprintf(err, errlen,
				 "window: too many ranges (at most %d)",
				 WINDOW_SPANS_MAX);
			return LC_EINVAL;
		}
		w->span[w->n++] = (struct window_span){ days, (uint16_t)start,
							(uint16_t)end };
		skip_blanks(p);
		if (**p != ',')
			break;
		(*p)++;
	}
	skip_blanks(p);
	return 0;
}

int window_parse(const char *text, struct window *w, char *err, size_t errlen)
{
	const char *p = text ? text : "";
	int rc;

	memset(w, 0, sizeof(*w));
	skip_blanks(&p);
	if (strlen(p) > WINDOW_TEXT_MAX) {
		snprintf(err, errlen, "window: longer than %d characters",
			 WINDOW_TEXT_MAX);
		return LC_EINVAL;
	}
	if (!*p) {
		snprintf(err, errlen,
			 "window: empty (give days and hours, \"always\" "
			 "or \"none\")");
		return LC_EINVAL;
	}
	for (const char *kw = "always"; kw; kw = kw[0] == 'a' ? "none" : NULL) {
		size_t n = strlen(kw);
		const char *q = p + n;

		if (strncasecmp(p, kw, n) != 0)
			continue;
		skip_blanks(&q);
		if (*q)
			return bad(err, errlen,
				   "nothing may follow \"always\" or \"none\"",
				   q);
		w->always = kw[0] == 'a';
		return 0;
	}
	for (;;) {
		if ((rc = parse_group(&p, w, err, errlen)) < 0)
			return rc;
		if (!*p)
			return 0;
		if (*p != ';')
			return bad(err, errlen, "expected \";\" or the end", p);
		p++;
	}
}

static int append(char *out, size_t outlen, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n >= outlen)
		return LC_ETOOBIG;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return 0;
}

static void format_days(uint8_t days, char *out, size_t outlen)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < 7;) {
		int j = i;

		if (!(days & (1u << i))) {
			i++;
			continue;
		}
		while (j + 1 < 7 && (days & (1u << (j + 1))))
			j++;
		len += (size_t)snprintf(out + len, outlen - len, "%s%s%s%s",
					len ? "," : "", day_names[i],
					j > i ? "-" : "",
					j > i ? day_names[j] : "");
		i = j + 1;
	}
}

int window_format(const struct window *w, char *out, size_t outlen)
{
	char buf[48];
	size_t len = 0;

	if (outlen)
		out[0] = '\0';
	if (w->always || w->n == 0)
		return append(out, outlen, &len, w->always ? "always" : "none")
			? LC_ETOOBIG
			: (int)len;
	for (int i = 0; i < w->n; i++) {
		const struct window_span *s = &w->span[i];
		bool same = i && w->span[i - 1].days == s->days;

		if (!same) {
			if (i && append(out, outlen, &len, "; "))
				return LC_ETOOBIG;
			format_days(s->days, buf, sizeof(buf));
			if (append(out, outlen, &len, buf) ||
			    append(out, outlen, &len, " "))
				return LC_ETOOBIG;
		} else if (append(out, outlen, &len, ",")) {
			return LC_ETOOBIG;
		}
		snprintf(buf, sizeof(buf), "%02d:%02d-%02d:%02d", s->start / 60,
			 s->start % 60, s->end / 60, s->end % 60);
		if (append(out, outlen, &len, buf))
			return LC_ETOOBIG;
	}
	return (int)len;
}

struct ival {
	int64_t from, to;
};

static int cmp_ival(const void *a, const void *b)
{
	const struct ival *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* Unix time of local @min minutes after the midnight of day @base
 * (a normalised tm at midnight) shifted by @d days. */
static int64_t local_instant(const struct tm *base, int d, int min)
{
	struct tm tm = *base;

	tm.tm_mday += d;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* The window's open intervals from the local midnight of @t's day over
 * the horizon, sorted and merged. Returns how many. */
static int intervals(const struct window *w, int64_t t, struct ival *iv)
{
	time_t tt = (time_t)t;
	struct tm base, day;
	int n = 0, m = 0;

	localtime_r(&tt, &base);
	base.tm_hour = base.tm_min = base.tm_sec = 0;
	for (int d = 0; d < HORIZON_DAYS; d++) {
		time_t mid = (time_t)local_instant(&base, d, 0);
		int wd;

		localtime_r(&mid, &day);
		wd = (day.tm_wday + 6) % 7; /* Monday = 0 */
		for (int i = 0; i < w->n; i++) {
			if (!(w->span[i].days & (1u << wd)))
				continue;
			iv[n].from = local_instant(&base, d, w->span[i].start);
			iv[n].to = local_instant(&base, d, w->span[i].end);
			if (iv[n].to > iv[n].from)
				n++;
		}
	}
	qsort(iv, (size_t)n, sizeof(*iv), cmp_ival);
	for (int i = 0; i < n; i++) {
		if (m && iv[i].from <= iv[m - 1].to) {
			if (iv[i].to > iv[m - 1].to)
				iv[m - 1].to = iv[i].to;
		} else {
			iv[m++] = iv[i];
		}
	}
	return m;
}

bool window_is_open(const struct window *w, int64_t t, int64_t *change)
{
	struct ival iv[MAX_IVALS];
	int n;

	if (change)
		*change = 0;
	if (w->always || w->n == 0)
		return w->always;
	n = intervals(w, t, iv);
	for (int i = 0; i < n; i++) {
		if (t < iv[i].from) {
			if (change)
				*change = iv[i].from;
			return false;
		}
		if (t < iv[i].to) {
			if (change)
				*change = iv[i].to;
			return true;
		}
	}
	return false;
}

int64_t window_next_open(const struct window *w, int64_t t)
{
	int64_t change;

	if (window_is_open(w, t, &change))
		return t;
	return change;
}

int window_day_key(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t window_next_midnight(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	return local_instant(&tm, 1, 0);
}
