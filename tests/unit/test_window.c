/* Viewing windows: the parser, the canonical text, open/next change in
 * Europe/Paris across DST changes and the Sunday-to-Monday wrap, and the
 * quota's day boundaries. Instants are written in UTC (timegm) with the
 * Paris offset spelled out, so the expectations do not come from the
 * code under test.
 */
#define _DEFAULT_SOURCE
#include "common/window.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Unix time of a UTC date and time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900,
			 .tm_mon = mo - 1,
			 .tm_mday = d,
			 .tm_hour = h,
			 .tm_min = mi };

	return (int64_t)timegm(&tm);
}

static struct window must(const char *text)
{
	struct window w;
	char err[200];

	if (window_parse(text, &w, err, sizeof(err)) < 0)
		diag("unexpected: %s", err);
	return w;
}

static void test_parse(void)
{
	static const struct {
		const char *text, *why, *needle;
	} bad[] = {
		{ "", "empty", "empty" },
		{ "mon-fri", "days without hours", "blank then hours" },
		{ "mon-fri 8h30-11:30", "bad time", "HH:MM" },
		{ "mon-fri 08:30", "no end time", "\"-\"" },
		{ "mon-fri 08:30-", "end missing", "end time" },
		{ "lun-ven 08:30-11:30", "unknown day", "\"lun-ven\"" },
		{ "mon-xyz 08:30-11:30", "unknown end day", "after \"-\"" },
		{ "mon 11:30-08:30", "range backwards", "11:30-08:30" },
		{ "mon 10:00-10:00", "empty range", "does not end" },
		{ "mon 24:30-25:00", "hour over 24", "HH:MM" },
		{ "mon 08:60-09:00", "minute 60", "HH:MM" },
		{ "mon 08:00-09:000", "three-digit minutes", "HH:MM" },
		{ "mon 08:00-09:00 tue", "trailing word", "\";\"" },
		{ "mon 08:00-09:00;", "empty group", "expected a day" },
		{ "always sometimes", "word after always", "follow" },
	};
	struct window w;
	char err[200], text[WINDOW_TEXT_MAX + 1];

	w = must("mon-fri 08:30-11:30,13:30-16:00");
	ok(!w.always && w.n == 2 && w.span[0].days == 0x1f &&
		   w.span[0].start == 510 && w.span[0].end == 690 &&
		   w.span[1].days == 0x1f && w.span[1].start == 810 &&
		   w.span[1].end == 960,
	   "two ranges on weekdays");
	w = must(" Mon-Thu 08:30-11:30 ;fri 08:30-10:00 , 14:00-24:00 ");
	ok(w.n == 3 && w.span[0].days == 0x0f && w.span[1].days == 0x10 &&
		   w.span[2].end == 1440,
	   "groups with ';', blanks and capitals, 24:00");
	w = must("fri-mon 09:00-10:00");
	is_int(w.span[0].days, 0x71, "a day range wraps over the weekend");
	w = must("mon,wed,sat-sun 9:00-10:00");
	is_int(w.span[0].days, 0x65, "day lists, one-digit hour");
	w = must("always");
	ok(w.always, "always");
	w = must("NONE");
	ok(!w.always && w.n == 0, "none");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = window_parse(bad[i].text, &w, err, sizeof(err));

		ok(rc == LC_EINVAL && strstr(err, bad[i].needle) &&
			   strncmp(err, "window: ", 8) == 0,
		   "refused, %s: %s", bad[i].why, err);
	}
	memset(text, 0, sizeof(text));
	for (int i = 0; i < WINDOW_SPANS_MAX + 1; i++)
		strcat(text, i ? ",00:00-01:00" : "mon 00:00-01:00");
	ok(window_parse(text, &w, err, sizeof(err)) == LC_EINVAL &&
		   strstr(err, "too many"),
	   "more than %d ranges refused: %s", WINDOW_SPANS_MAX, err);
}

static void test_format(void)
{
	static const char *const texts[] = {
		"mon-fri 08:30-11:30,13:30-16:00",
		"mon-thu 08:30-11:30; fri 08:30-10:00",
		"mon,wed,sat-sun 09:00-10:00",
		"always",
		"none",
	};
	char out[WINDOW_TEXT_MAX + 1], small[8];
	struct window w, back;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		w = must(texts[i]);
		ok(window_format(&w, out, sizeof(out)) > 0 &&
			   strcmp(out, texts[i]) == 0,
		   "canonical text: %s", out);
		back = must(out);
		ok(memcmp(&w, &back, sizeof(w)) == 0, "reads back the same");
	}
	w = must("fri-mon 9:00-10:00");
	window_format(&w, out, sizeof(out));
	is_str(out, "mon,fri-sun 09:00-10:00", "wrapped days in week order");
	w = must("mon-fri 08:30-11:30");
	is_int(window_format(&w, small, sizeof(small)), LC_ETOOBIG,
	       "small buffer refused");
}

static void test_open(void)
{
	struct window w = must("mon-fri 08:30-11:30,13:30-16:00");
	int64_t ch;

	/* Wednesday 25 November 2026: Paris is UTC+1. */
	ok(window_is_open(&w, utc(2026, 11, 25, 8, 0), &ch) &&
		   ch == utc(2026, 11, 25, 10, 30),
	   "Wed 09:00: open, closes at 11:30");
	ok(!window_is_open(&w, utc(2026, 11, 25, 11, 0), &ch) &&
		   ch == utc(2026, 11, 25, 12, 30),
	   "Wed 12:00: closed, opens at 13:30");
	ok(!window_is_open(&w, utc(2026, 11, 25, 10, 30), &ch) &&
		   ch == utc(2026, 11, 25, 12, 30),
	   "the end of a range is closed");
	ok(window_is_open(&w, utc(2026, 11, 25, 7, 30), &ch),
	   "the start of a range is open");
	ok(!window_is_open(&w, utc(2026, 11, 27, 15, 0), &ch) &&
		   ch == utc(2026, 11, 30, 7, 30),
	   "Fri 16:00: closed until Mon 08:30");
	ok(window_next_open(&w, utc(2026, 11, 29, 22, 59)) ==
		   utc(2026, 11, 30, 7, 30),
	   "Sun 23:59: next opening Mon 08:30 (week wrap)");
	ok(window_next_open(&w, utc(2026, 11, 25, 8, 0)) ==
		   utc(2026, 11, 25, 8, 0),
	   "next opening of an open window is now");

	w = must("sun 22:00-24:00; mon 00:00-02:00");
	ok(window_is_open(&w, utc(2026, 11, 29, 22, 0), &ch) &&
		   ch == utc(2026, 11, 30, 1, 0),
	   "ranges that meet at midnight merge: open until Mon 02:00");

	/* Spring forward, Sunday 29 March 2026: 02:00 CET -> 03:00 CEST. */
	w = must("sun 01:00-04:00");
	ok(window_is_open(&w, utc(2026, 3, 29, 0, 30), &ch) &&
		   ch == utc(2026, 3, 29, 2, 0),
	   "DST start: 01:00-04:00 lasts 2 h (closes 02:00 UTC)");
	w = must("mon-fri 08:30-11:30");
	ok(!window_is_open(&w, utc(2026, 3, 27, 16, 0), &ch) &&
		   ch == utc(2026, 3, 30, 6, 30),
	   "Fri CET to Mon CEST: opens at 08:30 local = 06:30 UTC");
	/* Fall back, Sunday 25 October 2026: 03:00 CEST -> 02:00 CET. */
	w = must("sun 01:00-04:00");
	ok(window_is_open(&w, utc(2026, 10, 25, 0, 30), &ch) &&
		   ch == utc(2026, 10, 25, 3, 0),
	   "DST end: 01:00-04:00 lasts 4 h (opened 23:00 UTC, closes "
	   "03:00 UTC)");
	ok(window_next_open(&w, utc(2026, 10, 24, 22, 0)) ==
		   utc(2026, 10, 24, 23, 0),
	   "DST end: opens at 01:00 CEST = 23:00 UTC the day before");

	w = must("always");
	ok(window_is_open(&w, 0, &ch) && ch == 0, "always: open, no change");
	w = must("none");
	ok(!window_is_open(&w, 0, &ch) && ch == 0 &&
		   window_next_open(&w, 12345) == 0,
	   "none: closed, never opens");
	w = must("mon-sun 00:00-24:00");
	ok(window_is_open(&w, utc(2026, 11, 25, 8, 0), &ch) &&
		   ch > utc(2026, 12, 2, 0, 0),
	   "open all week: change only past the horizon");
}

static void test_days(void)
{
	is_int(window_day_key(utc(2026, 11, 25, 22, 59)), 20261125,
	       "23:59 Paris is still the 25th");
	is_int(window_day_key(utc(2026, 11, 25, 23, 0)), 20261126,
	       "midnight Paris (23:00 UTC) is the 26th");
	ok(window_next_midnight(utc(2026, 11, 25, 8, 0)) ==
		   utc(2026, 11, 25, 23, 0),
	   "next midnight in winter");
	ok(window_next_midnight(utc(2026, 3, 28, 23, 30)) ==
		   utc(2026, 3, 29, 22, 0),
	   "the DST-start day lasts 23 h");
	ok(window_next_midnight(utc(2026, 10, 24, 22, 30)) ==
		   utc(2026, 10, 25, 23, 0),
	   "the DST-end day lasts 25 h");
	is_int(window_day_key(utc(2026, 10, 25, 22, 59)), 20261025,
	       "the 25-hour day is one quota day");
}

int main(void)
{
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	test_parse();
	test_format();
	test_open();
	test_days();
	return done();
}
