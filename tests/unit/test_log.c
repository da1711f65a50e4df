/* Levels, tags, rate limiting with an injected clock, journal prefixes. */
#define LOG_TAG "testtag"
#include "common/log.h"
#include "tests/tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int64_t fake_now;

static int64_t fake_clock(void)
{
	return fake_now;
}

static int count_lines(const char *buf, const char *needle)
{
	int n = 0;

	for (const char *p = buf; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void burst(int n)
{
	for (int i = 0; i < n; i++)
		log_warn("camera %s gone (try %d)", "/dev/video0", i);
}

int main(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	log_set_output(mem);
	log_set_clock(fake_clock);

	log_info("hello %d", 42);
	fflush(mem);
	ok(strstr(buf, "info  testtag: hello 42") != NULL,
	   "line has level, tag and message");

	log_debug("hidden");
	fflush(mem);
	ok(strstr(buf, "hidden") == NULL, "debug is dropped at level info");
	log_set_level(LOG_LVL_DEBUG);
	log_debug("shown");
	fflush(mem);
	ok(strstr(buf, "debug testtag: shown") != NULL,
	   "debug shown at level debug");

	burst(20);
	fflush(mem);
	is_int(count_lines(buf, "camera /dev/video0 gone"), LOG_BURST,
	       "a burst from one call site is cut at LOG_BURST lines");
	fake_now += LOG_WINDOW_S * 1000000LL;
	burst(1);
	fflush(mem);
	ok(strstr(buf, "15 similar messages suppressed") != NULL,
	   "after the window, the count of suppressed lines is reported");
	is_int(count_lines(buf, "camera /dev/video0 gone"), LOG_BURST + 1,
	       "and the message is shown again");

	is_int(log_level_parse("warn"), LOG_LVL_WARN, "parse warn");
	is_int(log_level_parse("loud"), -1, "parse unknown level");
	fclose(mem);
	free(buf);

	/* Journal mode: point JOURNAL_STREAM at our stderr (a pipe). */
	{
		int fds[2];
		char line[256] = { 0 }, env[64];
		struct stat st;
		ssize_t n;

		if (pipe(fds) < 0)
			return 1;
		dup2(fds[1], 2);
		fstat(2, &st);
		snprintf(env, sizeof(env), "%llu:%llu",
			 (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino);
		setenv("JOURNAL_STREAM", env, 1);
		log_set_output(NULL);
		log_error("disk full");
		n = read(fds[0], line, sizeof(line) - 1);
		ok(n > 0 && strcmp(line, "<3>testtag: disk full\n") == 0,
		   "journal stderr gets a <3> priority prefix");
	}
	return done();
}
