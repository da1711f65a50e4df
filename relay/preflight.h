/* Checks before lws_create_context, so that each way it can fail to
 * start gets its own plain sentence: lws only says that it failed (the
 * relay used to print "address in use, or a bad certificate or key?").
 */
#ifndef LUCARNE_RELAY_PREFLIGHT_H
#define LUCARNE_RELAY_PREFLIGHT_H

#include <stddef.h>

/* Bind a socket to @host (an address, "localhost" or "" for every
 * interface) and @port as lws will, then close it. Returns 0 when that
 * worked or when @host is not an address (an interface name: lws's
 * business), LC_EBUSY (address in use) or LC_EIO, with a sentence naming
 * @listen (the option as given) in @err. */
int preflight_check_listen(const char *listen, const char *host, int port,
			   char *err, size_t errlen);

/* Whether the --tls-cert and --tls-key files can be read. Returns 0, or
 * LC_EIO with a sentence in @err. */
int preflight_check_tls(const char *cert, const char *key, char *err,
			size_t errlen);

#endif
