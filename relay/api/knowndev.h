/* "Known device" cookies (OWASP Authentication Cheat Sheet, device
 * cookies): a browser that signed in to an account gets a long-lived
 * cookie, an HMAC over the account's name and a random nonce under a
 * secret of the relay's. A login that presents a valid one for the
 * account it names has an allowance of its own (keyed by the nonce), so
 * that a stranger who used up the account's shared allowance cannot lock
 * its owner out (api/login.c).
 *
 * The secret is KNOWNDEV_KEY_FILE in the data folder (32 random bytes,
 * mode 0600, made at the first start); deleting it (then restarting)
 * voids every device cookie. The cookie names no account: the HMAC is
 * checked against the name being logged in to.
 */
#ifndef LUCARNE_RELAY_API_KNOWNDEV_H
#define LUCARNE_RELAY_API_KNOWNDEV_H

#include <stdbool.h>
#include <stddef.h>

#define KNOWNDEV_COOKIE "lucarne_device"
#define KNOWNDEV_KEY_FILE "device-cookie.key"
#define KNOWNDEV_MAX_AGE_S (180 * 86400) /* the cookie's Max-Age */
#define KNOWNDEV_VALUE_MAX 96 /* bytes of a cookie value with its NUL */
#define KNOWNDEV_ID_MAX 32 /* bytes of a device id (the nonce) */

struct knowndev;

/* Read the secret of data folder @dir, or make it. Returns 0, or LC_EIO
 * with a sentence in @err. */
int knowndev_open(const char *dir, struct knowndev **out, char *err,
		  size_t errlen);
/* NULL is accepted. */
void knowndev_free(struct knowndev *kd);
/* A new cookie value for account @user into @out (KNOWNDEV_VALUE_MAX). */
void knowndev_issue(const struct knowndev *kd, const char *user, char *out);
/* Whether @value is a cookie knowndev_issue made for @user; then the
 * device's id (its nonce, KNOWNDEV_ID_MAX) goes to @id. */
bool knowndev_check(const struct knowndev *kd, const char *user,
		    const char *value, char *id);

#endif
