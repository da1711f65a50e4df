#define LOG_TAG "onair"
#include "capture/onair.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

#define WAIT_EXIT_MS 2000 /* at exit: how long to wait for the command */

struct signal_state {
	char room[PROTO_NAME_MAX + 1];
	int viewers;
	char names[PROTO_NAMES_TEXT];
};

struct onair {
	char *command;
	pid_t pid; /* running command, 0: none */
	bool started; /* something was run at least once */
	struct signal_state want, ran;
	unsigned runs;
};

struct onair *onair_new(const char *command)
{
	struct onair *o;

	if (!command || !*command)
		return NULL;
	o = XNEW(struct onair);
	o->command = xstrdup(command);
	return o;
}

static bool same(const struct signal_state *a, const struct signal_state *b)
{
	return a->viewers == b->viewers && strcmp(a->names, b->names) == 0 &&
		strcmp(a->room, b->room) == 0;
}

static bool is_ours(const char *e)
{
	return strncmp(e, "LUCARNE_VIEWERS=", 16) == 0 ||
		strncmp(e, "LUCARNE_VIEWER_NAMES=", 21) == 0 ||
		strncmp(e, "LUCARNE_ROOM=", 13) == 0 ||
		strncmp(e, "LUCARNE_ON_AIR=", 15) == 0;
}

/* Start the command for o->want (none may be running). */
static void run(struct onair *o)
{
	char viewers[40], names[PROTO_NAMES_TEXT + 32], room[96], on[24];
	char *argv[] = { (char *)"sh", (char *)"-c", o->command, NULL };
	size_t n = 0, cap = 5;
	posix_spawnattr_t attr;
	sigset_t none, def;
	char **envp;
	int rc;

	for (char **e = environ; *e; e++)
		cap++;
	envp = xmalloc(cap * sizeof(*envp));
	for (char **e = environ; *e; e++)
		if (!is_ours(*e))
			envp[n++] = *e;
	snprintf(viewers, sizeof(viewers), "LUCARNE_VIEWERS=%d",
		 o->want.viewers);
	snprintf(names, sizeof(names), "LUCARNE_VIEWER_NAMES=%s",
		 o->want.names);
	snprintf(room, sizeof(room), "LUCARNE_ROOM=%s", o->want.room);
	snprintf(on, sizeof(on), "LUCARNE_ON_AIR=%d", o->want.viewers > 0);
	envp[n++] = viewers;
	envp[n++] = names;
	envp[n++] = room;
	envp[n++] = on;
	envp[n] = NULL;
	/* The agent ignores SIGPIPE and may block signals: give the command
	 * a normal start. */
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(
		&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawn(&o->pid, "/bin/sh", NULL, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	free(envp);
	/* Whether it started or not, this state was handled: a broken
	 * command is not retried in a loop. */
	o->ran = o->want;
	o->started = true;
	if (rc != 0) {
		o->pid = 0;
		log_error("cannot run the on-air command: %s", strerror(rc));
		return;
	}
	o->runs++;
	log_debug("on-air command started (%d viewers)", o->want.viewers);
}

/* Reap the running command: true if none runs any more. */
static bool reap(struct onair *o, int flags)
{
	int status;
	pid_t rc;

	if (!o->pid)
		return true;
	do
		rc = waitpid(o->pid, &status, flags);
	while (rc < 0 && errno == EINTR);
	if (rc == 0)
		return false;
	if (rc > 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		log_warn("on-air command failed (status %d)", status);
	o->pid = 0;
	return true;
}

void onair_poll(struct onair *o)
{
	if (!o || !reap(o, WNOHANG))
		return;
	if (!o->started || !same(&o->want, &o->ran))
		run(o);
}

void onair_set(struct onair *o, const char *room, int viewers,
	       const char *names)
{
	if (!o)
		return;
	snprintf(o->want.room, sizeof(o->want.room), "%s", room ? room : "");
	o->want.viewers = viewers < 0 ? 0 : viewers;
	snprintf(o->want.names, sizeof(o->want.names), "%s",
		 viewers > 0 && names ? names : "");
	onair_poll(o);
}

unsigned onair_runs(const struct onair *o)
{
	return o ? o->runs : 0;
}

static void wait_exit(struct onair *o)
{
	for (int ms = 0; ms < WAIT_EXIT_MS && !reap(o, WNOHANG); ms += 10)
		clock_sleep_us(10000);
	if (o->pid) {
		log_warn("on-air command still running at exit; leaving it");
		o->pid = 0;
	}
}

void onair_free(struct onair *o)
{
	if (!o)
		return;
	wait_exit(o);
	if (o->started && o->ran.viewers > 0) {
		/* The agent stops: nobody can watch any more. */
		o->want.viewers = 0;
		o->want.names[0] = '\0';
		run(o);
		wait_exit(o);
	}
	free(o->command);
	free(o);
}
