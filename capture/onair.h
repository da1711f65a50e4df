/* The on-air signal: runs the operator's --on-air-command (for a lamp or a
 * screen in the classroom) whenever the number or the names of the
 * parents watching change, with /bin/sh -c and, in its environment,
 * LUCARNE_VIEWERS=N, LUCARNE_VIEWER_NAMES=a,b, LUCARNE_ROOM=R and
 * LUCARNE_ON_AIR=1|0.
 *
 * Never blocks the loop: the command is started with posix_spawn and
 * reaped by onair_poll(). Never two at once: while one runs, changes
 * only update the wanted state, and the latest one runs when it ends
 * (intermediate states are skipped). Runs on the lws loop thread only.
 */
#ifndef LUCARNE_CAPTURE_ONAIR_H
#define LUCARNE_CAPTURE_ONAIR_H

struct onair;

/* NULL when @command is NULL or empty (no signal configured); every
 * function below accepts NULL. The first onair_set() always runs. */
struct onair *onair_new(const char *command);
/* Wait (at most 2 s) for a running command; if the last state signalled
 * was on air, signal 0 viewers and wait for that too. Then free. */
void onair_free(struct onair *o);
/* The state to signal: @viewers (0 when the relay is unreachable or the
 * room paused), @names ("a,b", parents each once) and @room (may be ""). */
void onair_set(struct onair *o, const char *room, int viewers,
	       const char *names);
/* Reap a finished command and start the latest state if it changed. */
void onair_poll(struct onair *o);
/* How many times the command was started (tests, stats). */
unsigned onair_runs(const struct onair *o);

#endif
