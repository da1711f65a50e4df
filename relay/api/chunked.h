/* A decoder of "Transfer-Encoding: chunked" request bodies (RFC 9112
 * section 7.1). lws 4.1 reads a request body only by its Content-Length
 * and hands a chunked one over still encoded; this turns it back into
 * the body, piece by piece as it arrives. Pure: no lws, no allocation.
 *
 * Chunk extensions and trailer fields are skipped; a chunk size of more
 * than CHUNKED_SIZE_DIGITS hex digits, a missing CRLF or a stray byte is
 * an error (the caller answers 400 and closes: the framing is lost).
 */
#ifndef LUCARNE_RELAY_API_CHUNKED_H
#define LUCARNE_RELAY_API_CHUNKED_H

#include <stddef.h>
#include <stdint.h>

#define CHUNKED_SIZE_DIGITS 8 /* hex digits of one chunk size, at most */
#define CHUNKED_LINE_MAX 4096 /* bytes of an extension or trailer line */

struct chunked {
	int state;
	uint64_t left; /* bytes of the current chunk still to come */
	unsigned digits;
	size_t line; /* bytes of the extension or trailer line so far */
};

/* Start a new body. */
void chunked_init(struct chunked *c);
/* Decode @len bytes at @in; the body bytes among them go to @out (room
 * for @len bytes: decoding never grows), *@out_len says how many.
 * *@used says how many input bytes were consumed (fewer than @len only
 * when the body ended). Returns 0 (more to come), 1 (the body is
 * complete) or LC_EINVAL (malformed; the decoder stays failed). */
int chunked_feed(struct chunked *c, const unsigned char *in, size_t len,
		 unsigned char *out, size_t *out_len, size_t *used);

#endif
