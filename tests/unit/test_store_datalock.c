/* The data folder's lock: one holder at a time, released on release,
 * and a folder that is not one is named as such. */
#include "store/datalock.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/lucarne-datalock.XXXXXX", file[64], lock[64],
	     pid[32], err[256];
	struct datalock *a = NULL, *b = NULL;
	struct stat sb;
	FILE *f;

	if (!mkdtemp(dir))
		return 1;
	snprintf(file, sizeof(file), "%s/plain", dir);
	snprintf(lock, sizeof(lock), "%s/" DATALOCK_FILE, dir);
	snprintf(pid, sizeof(pid), "pid %ld", (long)getpid());

	is_int(datalock_take(dir, &a, err, sizeof(err)), 0, "first takes it");
	ok(a != NULL, "and gets a handle");
	ok(stat(lock, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	   "lock file is 0600");
	is_int(datalock_take(dir, &b, err, sizeof(err)), LC_EBUSY,
	       "second is refused");
	ok(b == NULL && strstr(err, "in use by another lucarne-relay") &&
		   strstr(err, pid),
	   "with a message naming the holder: %s", err);
	datalock_release(a);
	is_int(datalock_take(dir, &b, err, sizeof(err)), 0,
	       "released: free again");
	datalock_release(b);
	datalock_release(NULL);

	f = fopen(file, "w");
	if (f)
		fclose(f);
	is_int(datalock_take(file, &a, err, sizeof(err)), LC_EINVAL,
	       "a plain file is refused");
	ok(strstr(err, "not a folder") != NULL, "as not a folder: %s", err);
	unlink(file);
	unlink(lock);
	rmdir(dir);
	return done();
}
