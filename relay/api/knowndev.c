/* Known device cookies (see knowndev.h). A value is
 * "v1.NONCE.MAC", both base64url without padding: NONCE 16 random bytes,
 * MAC HMAC-SHA-256 under the secret of "lucarne-device-v1", NUL, the
 * account name, NUL, NONCE. */
#define LOG_TAG "knowndev"
#include "relay/api/knowndev.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NONCE_LEN 16
#define DOMAIN "lucarne-device-v1"

struct knowndev {
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
};

_Static_assert(KNOWNDEV_ID_MAX >= 23, "device id below a base64 nonce");
_Static_assert(KNOWNDEV_VALUE_MAX >= 3 + 23 + 1 + 44, "cookie value room");

static int read_key(const char *path, unsigned char *key, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	unsigned char extra;

	if (fd < 0)
		return errno == ENOENT ? LC_ENOENT : LC_EIO;
	n = read(fd, key, len);
	/* Exactly the key's length: a short or long file is damage. */
	if (n == (ssize_t)len && read(fd, &extra, 1) != 0)
		n = -1;
	close(fd);
	return n == (ssize_t)len ? 0 : LC_EIO;
}

static int make_key(const char *path, unsigned char *key, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t n;

	if (fd < 0)
		return LC_EIO;
	randombytes_buf(key, len);
	n = write(fd, key, len);
	if (n != (ssize_t)len || fsync(fd) < 0) {
		close(fd);
		unlink(path);
		return LC_EIO;
	}
	close(fd);
	log_info("made %s (the secret of known device cookies)", path);
	return 0;
}

int knowndev_open(const char *dir, struct knowndev **out, char *err,
		  size_t errlen)
{
	struct knowndev *kd = XNEW(struct knowndev);
	char path[PATH_MAX];
	int rc;

	*out = NULL;
	if (sodium_init() < 0 ||
	    snprintf(path, sizeof(path), "%s/%s", dir, KNOWNDEV_KEY_FILE) >=
		    (int)sizeof(path)) {
		rc = LC_EIO;
		goto fail;
	}
	rc = read_key(path, kd->key, sizeof(kd->key));
	if (rc == LC_ENOENT)
		rc = make_key(path, kd->key, sizeof(kd->key));
	if (rc < 0)
		goto fail;
	*out = kd;
	return 0;
fail:
	snprintf(err, errlen,
		 "cannot read or make %s/%s (%d bytes, the secret of "
		 "device cookies): delete it if damaged",
		 dir, KNOWNDEV_KEY_FILE, crypto_auth_hmacsha256_KEYBYTES);
	knowndev_free(kd);
	return LC_EIO;
}

void knowndev_free(struct knowndev *kd)
{
	if (!kd)
		return;
	sodium_memzero(kd->key, sizeof(kd->key));
	free(kd);
}

static void mac_of(const struct knowndev *kd, const char *user,
		   const unsigned char *nonce, unsigned char *mac)
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, kd->key, sizeof(kd->key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)DOMAIN,
				      sizeof(DOMAIN));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)user,
				      strlen(user) + 1);
	crypto_auth_hmacsha256_update(&st, nonce, NONCE_LEN);
	crypto_auth_hmacsha256_final(&st, mac);
}

void knowndev_issue(const struct knowndev *kd, const char *user, char *out)
{
	unsigned char nonce[NONCE_LEN], mac[crypto_auth_hmacsha256_BYTES];
	size_t n;

	randombytes_buf(nonce, sizeof(nonce));
	mac_of(kd, user, nonce, mac);
	memcpy(out, "v1.", 3);
	sodium_bin2base64(out + 3, KNOWNDEV_VALUE_MAX - 3, nonce, sizeof(nonce),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	n = strlen(out);
	out[n++] = '.';
	sodium_bin2base64(out + n, KNOWNDEV_VALUE_MAX - n, mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool knowndev_check(const struct knowndev *kd, const char *user,
		    const char *value, char *id)
{
	unsigned char nonce[NONCE_LEN], mac[crypto_auth_hmacsha256_BYTES],
		want[crypto_auth_hmacsha256_BYTES];
	const char *dot, *end;
	size_t n;
	bool ok;

	if (!kd || !*user || strncmp(value, "v1.", 3) != 0 ||
	    !(dot = strchr(value + 3, '.')) ||
	    (size_t)(dot - value - 3) >= KNOWNDEV_ID_MAX)
		return false;
	if (sodium_base642bin(nonce, sizeof(nonce), value + 3,
			      (size_t)(dot - value - 3), NULL, &n, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(nonce) || end != dot)
		return false;
	if (sodium_base642bin(mac, sizeof(mac), dot + 1, strlen(dot + 1), NULL,
			      &n, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(mac) || *end)
		return false;
	mac_of(kd, user, nonce, want);
	ok = sodium_memcmp(mac, want, sizeof(mac)) == 0;
	if (ok) {
		memcpy(id, value + 3, (size_t)(dot - value - 3));
		id[dot - value - 3] = '\0';
	}
	return ok;
}
