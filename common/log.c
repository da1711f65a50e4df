#include "common/log.h"
#include "common/clock.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SITE_SLOTS 64

/* Rate-limit state of one call site. */
struct log_site {
	const void *site;
	const char *tag;
	enum log_level lvl;
	int64_t window_start_us;
	unsigned count; /* messages in this window */
	unsigned suppressed; /* of which dropped */
};

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static enum log_level log_level = LOG_LVL_INFO;
static FILE *log_out;
static int log_journal = -1; /* -1: not probed yet */
static int64_t (*log_now)(void) = clock_mono_us;
static struct log_site log_sites[SITE_SLOTS];

static const char *const level_names[] = { "error", "warn", "info", "debug" };
/* syslog priorities for sd-daemon prefixes: err, warning, info, debug. */
static const int level_prio[] = { 3, 4, 6, 7 };

void log_set_level(enum log_level lvl)
{
	log_level = lvl;
}

enum log_level log_get_level(void)
{
	return log_level;
}

int log_level_parse(const char *s)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(*level_names); i++)
		if (strcmp(s, level_names[i]) == 0)
			return (int)i;
	return -1;
}

void log_set_output(FILE *out)
{
	pthread_mutex_lock(&log_lock);
	log_out = out;
	log_journal = out ? 0 : -1;
	memset(log_sites, 0, sizeof(log_sites));
	pthread_mutex_unlock(&log_lock);
}

void log_set_clock(int64_t (*now_us)(void))
{
	pthread_mutex_lock(&log_lock);
	log_now = now_us ? now_us : clock_mono_us;
	memset(log_sites, 0, sizeof(log_sites));
	pthread_mutex_unlock(&log_lock);
}

/* systemd sets JOURNAL_STREAM=DEV:INODE for services whose stderr is the
 * journal; it is inherited by children, so compare with our stderr. */
static bool stderr_is_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!env || sscanf(env, "%llu:%llu", &dev, &ino) != 2)
		return false;
	if (fstat(2, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev &&
		(unsigned long long)st.st_ino == ino;
}

static void emit(FILE *out, enum log_level lvl, const char *tag,
		 const char *msg)
{
	if (log_journal) {
		fprintf(out, "<%d>%s: %s\n", level_prio[lvl], tag, msg);
	} else {
		struct timespec ts;
		struct tm tm;
		char when[32];

		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		fprintf(out, "%s.%03ld %-5s %s: %s\n", when,
			ts.tv_nsec / 1000000, level_names[lvl], tag, msg);
	}
	fflush(out);
}

/* Returns the slot of @site, recycling the oldest one when full. */
static struct log_site *site_slot(const void *site)
{
	size_t h = ((uintptr_t)site >> 3) % SITE_SLOTS;

	for (size_t i = 0; i < SITE_SLOTS; i++) {
		struct log_site *s = &log_sites[(h + i) % SITE_SLOTS];

		if (s->site == site || !s->site)
			return s;
	}
	memset(&log_sites[h], 0, sizeof(log_sites[h]));
	return &log_sites[h];
}

void log_write(enum log_level lvl, const char *tag, const void *site,
	       const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	FILE *out;
	int64_t now;
	struct log_site *s;

	if ((int)lvl > (int)log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&log_lock);
	out = log_out ? log_out : stderr;
	if (log_journal < 0)
		log_journal = stderr_is_journal();
	now = log_now();
	s = site_slot(site);
	if (s->site != site ||
	    now - s->window_start_us >= LOG_WINDOW_S * 1000000LL) {
		if (s->site == site && s->suppressed) {
			char note[160];

			snprintf(note, sizeof(note),
				 "%u similar messages suppressed in %d s",
				 s->suppressed, LOG_WINDOW_S);
			emit(out, s->lvl, s->tag, note);
		}
		s->site = site;
		s->tag = tag;
		s->lvl = lvl;
		s->window_start_us = now;
		s->count = 0;
		s->suppressed = 0;
	}
	if (++s->count <= LOG_BURST)
		emit(out, lvl, tag, msg);
	else
		s->suppressed++;
	pthread_mutex_unlock(&log_lock);
}
