/* The on-air signal (capture/onair): the command runs with the right
 * environment, never two at once (changes while one runs collapse into
 * the latest state), and 0 is signalled when the agent stops. */
#include "capture/onair.h"
#include "common/clock.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

/* The lines the command wrote, joined with ' '. */
static const char *lines(void)
{
	static char buf[1024];
	FILE *f = fopen(path, "r");
	size_t n = 0;
	char line[256];

	buf[0] = '\0';
	while (f && fgets(line, sizeof(line), f) && n < sizeof(buf) - 256) {
		line[strcspn(line, "\n")] = '\0';
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      n ? " " : "", line);
	}
	if (f)
		fclose(f);
	return buf;
}

/* Poll until @o has started @runs commands (at most 5 s). */
static bool wait_runs(struct onair *o, unsigned runs)
{
	for (int i = 0; i < 500; i++) {
		onair_poll(o);
		if (onair_runs(o) >= runs)
			return true;
		clock_sleep_us(10000);
	}
	return false;
}

int main(void)
{
	char cmd[256];
	struct onair *o;

	snprintf(path, sizeof(path), "/tmp/lucarne-onair-%d.txt",
		 (int)getpid());
	unlink(path);
	snprintf(cmd, sizeof(cmd),
		 "echo \"$LUCARNE_VIEWERS|$LUCARNE_VIEWER_NAMES|"
		 "$LUCARNE_ROOM|$LUCARNE_ON_AIR\" >>%s; sleep 0.3",
		 path);
	ok(onair_new(NULL) == NULL && onair_new("") == NULL,
	   "no command: no signal");
	onair_set(NULL, "r", 1, "a");
	onair_poll(NULL);
	onair_free(NULL);
	ok(true, "NULL is accepted everywhere");

	setenv("LUCARNE_VIEWERS", "99", 1); /* replaced, not inherited */
	o = onair_new(cmd);
	onair_set(o, "r", 2, "a,b");
	is_int(onair_runs(o), 1, "the first state runs at once");
	onair_set(o, "r", 3, "a,b,c");
	onair_set(o, "r", 1, "a");
	is_int(onair_runs(o), 1, "not a second one while it runs");
	ok(wait_runs(o, 2), "the latest state runs when it ends");
	onair_set(o, "r", 1, "a");
	onair_poll(o);
	is_int(onair_runs(o), 2, "the same state again runs nothing");
	onair_set(o, "r", 0, "ghost");
	ok(wait_runs(o, 3), "a change to 0 runs");
	onair_free(o); /* waits for it */
	is_str(lines(), "2|a,b|r|1 1|a|r|1 0||r|0",
	       "environment right, intermediate state skipped, no names at 0");

	unlink(path);
	o = onair_new(cmd);
	onair_set(o, "r", 1, "a");
	onair_free(o);
	is_str(lines(), "1|a|r|1 0||r|0", "stopping while on air signals 0");
	unlink(path);
	return done();
}
