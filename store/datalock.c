/* The data folder's lock (see datalock.h). */
#include "store/datalock.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct datalock {
	int fd;
};

/* The pid written by the holder, or 0. */
static long holder_pid(int fd)
{
	char buf[24];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

int datalock_take(const char *dir, struct datalock **out, char *err,
		  size_t errlen)
{
	char *path = NULL, pid[24];
	struct stat sb;
	int fd = -1, n, rc = LC_EIO;
	long other;

	*out = NULL;
	if (stat(dir, &sb) < 0) {
		snprintf(err, errlen, "--data %s: %s", dir, strerror(errno));
		return LC_EIO;
	}
	if (!S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen,
			 "--data %s: not a folder (give the folder that holds "
			 "lucarne.db)",
			 dir);
		return LC_EINVAL;
	}
	path = xasprintf("%s/" DATALOCK_FILE, dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto fail;
		}
		other = holder_pid(fd);
		if (other > 0)
			snprintf(err, errlen,
				 "the data folder %s is in use by another "
				 "lucarne-relay (pid %ld): one relay per "
				 "folder",
				 dir, other);
		else
			snprintf(err, errlen,
				 "the data folder %s is in use by another "
				 "lucarne-relay: one relay per folder",
				 dir);
		rc = LC_EBUSY;
		goto fail;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	free(path);
	*out = XNEW(struct datalock);
	(*out)->fd = fd;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

void datalock_release(struct datalock *dl)
{
	if (!dl)
		return;
	close(dl->fd); /* drops the lock; the file stays, harmless */
	free(dl);
}
