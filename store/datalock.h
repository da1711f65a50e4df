/* One owner for a data folder: the relay holds a lock on DIR/lucarne.lock
 * for as long as it runs, so that a second relay on the same --data
 * folder refuses to start instead of serving the same database twice
 * (each would think it alone writes quotas, purges and sessions).
 * lucarne-admin does not take it: it must work while the relay runs, and
 * SQLite's own locks keep the two consistent.
 *
 * The lock is flock(2) on an open file: the kernel drops it when the
 * process ends, however it ends, so a crash leaves no stale lock. The
 * file holds the owner's pid, for the message a second relay prints.
 */
#ifndef LUCARNE_STORE_DATALOCK_H
#define LUCARNE_STORE_DATALOCK_H

#include <stddef.h>

#define DATALOCK_FILE "lucarne.lock"

struct datalock;

/* Check that @dir is a folder and lock it for this process. Returns 0
 * with *@out set, or LC_EINVAL (not a folder), LC_EBUSY (another process
 * holds it) or LC_EIO, with a sentence in @err. */
int datalock_take(const char *dir, struct datalock **out, char *err,
		  size_t errlen);
/* Unlock and free; NULL is accepted. */
void datalock_release(struct datalock *dl);

#endif
