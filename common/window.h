/* Viewing windows: when a room may be watched, as days of the week and
 * local hours (the process's time zone, TZ: the relay sets it from
 * --timezone, Europe/Paris by default). Pure logic, no I/O: the parser,
 * the canonical text, and "is it open at t, and when does that change".
 *
 * Grammar (docs/admin.md), case-insensitive, blanks allowed around the
 * separators:
 *
 *   window = "always" | "none" | group *( ";" group )
 *   group  = days 1*SP ranges
 *   days   = dayspec *( "," dayspec )
 *   dayspec= day [ "-" day ]          ; "fri-mon" wraps over the weekend
 *   day    = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"
 *   ranges = range *( "," range )
 *   range  = time "-" time            ; start < end, on the same day
 *   time   = HH ":" MM                ; 00:00 to 24:00
 *
 * e.g. "mon-fri 08:30-11:30,13:30-16:00; sat 09:00-10:00". A range's
 * end is exclusive; "24:00" is the next midnight. Ranges that touch or
 * overlap are merged, also across midnight.
 *
 * A struct window is a plain value (copied into each room, no
 * allocation), so unlike most modules it is not opaque.
 */
#ifndef LUCARNE_WINDOW_H
#define LUCARNE_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WINDOW_SPANS_MAX 32 /* day-set x range pairs in one window */
#define WINDOW_TEXT_MAX 512 /* bytes of the text form */

struct window_span {
	uint8_t days; /* bit 0 = Monday ... bit 6 = Sunday */
	uint16_t start, end; /* minutes since local midnight, end <= 1440 */
};

struct window {
	bool always; /* open at every moment */
	int n; /* spans; 0 and !always: never open ("none") */
	struct window_span span[WINDOW_SPANS_MAX];
};

/* Parse @text into @w. Returns 0, or LC_EINVAL with a sentence naming
 * the problem in @err (and @w unspecified). */
int window_parse(const char *text, struct window *w, char *err, size_t errlen);

/* Canonical text of @w ("always", "none" or groups as in the grammar),
 * which window_parse() reads back to the same window. Returns the length
 * or LC_ETOOBIG if @outlen is too small. */
int window_format(const struct window *w, char *out, size_t outlen);

/* Whether @w is open at Unix time @t. *@change (if not NULL) receives
 * the next moment after @t when that changes (closing time when open,
 * next opening when closed), or 0 if it never changes ("always",
 * "none"). Only the next 8 days are looked at: a window open all week
 * reports the end of that horizon, where the caller simply asks again. */
bool window_is_open(const struct window *w, int64_t t, int64_t *change);

/* First moment >= @t when @w is open: @t itself if open, 0 if never. */
int64_t window_next_open(const struct window *w, int64_t t);

/* Local calendar day of @t as YYYYMMDD (the quota's day). */
int window_day_key(int64_t t);

/* The local midnight that starts the day after the one holding @t
 * (23, 24 or 25 hours after the day's own midnight around DST). */
int64_t window_next_midnight(int64_t t);

#endif
