/* RFC 6455 rules that libwebsockets 4.1.6 does not enforce itself, as
 * pure functions (no I/O, no lws): the opening handshake the relay
 * accepts (section 4.2.1) and the close codes a peer may send (section
 * 7.4). wsgate.c feeds them from lws; tests/unit/test_relay_wsspec.c
 * checks each rule.
 */
#ifndef LUCARNE_RELAY_WSSPEC_H
#define LUCARNE_RELAY_WSSPEC_H

#include <stdbool.h>
#include <stddef.h>

/* The parts of an upgrade request the handshake rules look at. Each is
 * the header's value as received, or NULL when the request has none. */
struct wsspec_upgrade {
	const char *method; /* "GET", "POST", ... */
	const char *http_version; /* "HTTP/1.1" */
	const char *key; /* Sec-WebSocket-Key */
	const char *version; /* Sec-WebSocket-Version */
};

/* The one version of the protocol the relay speaks (RFC 6455 4.4). */
#define WSSPEC_VERSION "13"

/* Check an upgrade request. Returns 0 when it may go on, else the HTTP
 * status to answer with: 400 (not GET, HTTP older than 1.1, missing or
 * malformed key, missing version) or 426 (a version other than 13: the
 * answer must then carry "Sec-WebSocket-Version: 13"), with a short
 * English reason (a static string) in *@why. */
unsigned wsspec_check_upgrade(const struct wsspec_upgrade *u, const char **why);

/* Whether @key is the base64 of exactly 16 bytes (24 characters, the
 * last two "="), as section 4.1 makes the client send. */
bool wsspec_key_valid(const char *key);

/* Whether a peer may send close code @code (section 7.4): 1000-1003,
 * 1007-1014 (the IANA registry), 3000-4999. Never 1004-1006 or 1015
 * (reserved, or never on the wire), below 1000, 1016-2999 (undefined)
 * or above 4999. */
bool wsspec_close_code_valid(unsigned code);

/* Whether the @len bytes of a close frame's payload are valid: empty, or
 * a valid code (big-endian) and a reason. One byte is never valid. */
bool wsspec_close_payload_valid(const unsigned char *payload, size_t len);

#endif
