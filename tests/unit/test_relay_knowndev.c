/* Known device cookies (relay/api/knowndev.c): the secret file, and
 * cookies valid only for the account they were issued for, untampered,
 * across a restart. */
#include "relay/api/knowndev.h"
#include "common/err.h"
#include "tests/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/test_knowndev.XXXXXX", path[128], err[256],
	     v[KNOWNDEV_VALUE_MAX], v2[KNOWNDEV_VALUE_MAX],
	     bad[KNOWNDEV_VALUE_MAX], id[KNOWNDEV_ID_MAX], id2[KNOWNDEV_ID_MAX];
	struct knowndev *kd, *again;
	struct stat sb;
	FILE *f;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/%s", dir, KNOWNDEV_KEY_FILE);
	is_int(knowndev_open(dir, &kd, err, sizeof(err)), 0, "first open");
	ok(stat(path, &sb) == 0 && sb.st_size == 32 &&
		   (sb.st_mode & 0777) == 0600,
	   "makes a 32-byte secret, mode 0600");
	knowndev_issue(kd, "alice", v);
	knowndev_issue(kd, "alice", v2);
	ok(strncmp(v, "v1.", 3) == 0 && strlen(v) == 3 + 22 + 1 + 43,
	   "a value: v1.NONCE.MAC (%s)", v);
	ok(strcmp(v, v2) != 0, "each cookie has its own nonce");
	ok(knowndev_check(kd, "alice", v, id), "valid for its account");
	ok(knowndev_check(kd, "alice", v2, id2) && strcmp(id, id2) != 0,
	   "two devices, two ids");
	ok(!knowndev_check(kd, "bob", v, id), "not for another account");
	ok(!knowndev_check(kd, "", v, id), "not for an empty name");
	snprintf(bad, sizeof(bad), "%s", v);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	ok(!knowndev_check(kd, "alice", bad, id), "a changed MAC: refused");
	snprintf(bad, sizeof(bad), "%s", v);
	bad[5] = bad[5] == 'A' ? 'B' : 'A';
	ok(!knowndev_check(kd, "alice", bad, id), "a changed nonce: refused");
	ok(!knowndev_check(kd, "alice", "v1..", id) &&
		   !knowndev_check(kd, "alice", "junk", id) &&
		   !knowndev_check(kd, "alice", "", id),
	   "junk: refused");
	is_int(knowndev_open(dir, &again, err, sizeof(err)), 0, "reopen");
	ok(knowndev_check(again, "alice", v, id),
	   "the secret survives a restart");
	knowndev_free(again);
	knowndev_free(kd);
	f = fopen(path, "w");
	fputs("short", f);
	fclose(f);
	is_int(knowndev_open(dir, &kd, err, sizeof(err)), LC_EIO,
	       "a damaged secret: refused");
	ok(strstr(err, KNOWNDEV_KEY_FILE) != NULL, "... saying which file");
	unlink(path);
	is_int(knowndev_open(dir, &kd, err, sizeof(err)), 0,
	       "deleted: a new one is made");
	ok(!knowndev_check(kd, "alice", v, id),
	   "... and the old cookies are void");
	knowndev_free(kd);
	knowndev_free(NULL);
	unlink(path);
	rmdir(dir);
	return done();
}
