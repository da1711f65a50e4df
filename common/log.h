/* Logging to stderr with levels, a tag per module and rate-limited
 * repeats.
 *
 * Each .c file defines LOG_TAG before including this header and then calls
 * log_error(...), log_warn(...), log_info(...) or log_debug(...). When
 * stderr is the systemd journal (JOURNAL_STREAM names it), lines carry
 * "<N>" priority prefixes instead of timestamps, so journalctl shows the
 * right priority. One call site that fires more than LOG_BURST times in
 * LOG_WINDOW_S seconds is silenced until the window ends, then one line
 * says how many messages were suppressed: an unplugged camera retried
 * every second must not flood the journal.
 */
#ifndef LUCARNE_LOG_H
#define LUCARNE_LOG_H

#include <stdint.h>
#include <stdio.h>

enum log_level {
	LOG_LVL_ERROR = 0,
	LOG_LVL_WARN = 1,
	LOG_LVL_INFO = 2,
	LOG_LVL_DEBUG = 3,
};

#define LOG_BURST 5
#define LOG_WINDOW_S 10

/* Messages above @lvl are dropped. Default: LOG_LVL_INFO. */
void log_set_level(enum log_level lvl);
enum log_level log_get_level(void);
/* Parse "error", "warn", "info" or "debug"; returns the level or -1. */
int log_level_parse(const char *s);
/* Redirect output (tests); NULL restores stderr. Disables journal mode. */
void log_set_output(FILE *out);
/* Replace the monotonic clock used for rate limiting (tests); NULL
 * restores the real one. The function returns microseconds. */
void log_set_clock(int64_t (*now_us)(void));

/* Log one line. @site identifies the call site for rate limiting (the
 * macros pass the format string's address). Thread-safe. */
void log_write(enum log_level lvl, const char *tag, const void *site,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#ifndef LOG_TAG
#define LOG_TAG "lucarne"
#endif

#define log_error(...) log_at(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...) log_at(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_at(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_at(LOG_LVL_DEBUG, __VA_ARGS__)
#define log_at(lvl, fmt, ...)                                                  \
	do {                                                                   \
		if ((int)(lvl) <= (int)log_get_level())                        \
			log_write(lvl, LOG_TAG, fmt, fmt, ##__VA_ARGS__);      \
	} while (0)

#endif
