/* Logging in as a person for lucarne-view --user: POST /api/login with
 * {"user","password"} and take the session token from the
 * "lucarne_session" cookie the relay sets, to use as a Bearer token.
 */
#ifndef LUCARNE_VIEW_LOGIN_H
#define LUCARNE_VIEW_LOGIN_H

#include <stddef.h>

/* Log in at the relay of @relay_url (ws(s):// or http(s)://; the path is
 * replaced by /api/login), verifying TLS with @ca_file (NULL: system
 * CAs), waiting at most @timeout_ms. On success copies the session token
 * to @token and returns 0. Otherwise returns LC_EAUTH (the relay said no:
 * 401 or 403), LC_ERATE (429), LC_EIO (no answer, network or TLS error,
 * other status) with a sentence in @err. */
int login_session(const char *relay_url, const char *ca_file, const char *user,
		  const char *password, int timeout_ms, char *token,
		  size_t toklen, char *err, size_t errlen);

#endif
