/* The chunked request body decoder (relay/api/chunked.c): whole, byte by
 * byte, with extensions and trailers, and its refusals. */
#include "relay/api/chunked.h"
#include "common/err.h"
#include "tests/tap.h"

#include <string.h>

/* Decode @in fed @step bytes at a time into @out; returns the last
 * chunked_feed result and the bytes decoded in *@n. */
static int decode(const char *in, size_t step, char *out, size_t *n)
{
	struct chunked c;
	size_t len = strlen(in), i = 0, got, used;
	int rc = 0;

	chunked_init(&c);
	*n = 0;
	while (i < len && rc == 0) {
		size_t k = len - i < step ? len - i : step;

		rc = chunked_feed(&c, (const unsigned char *)in + i, k,
				  (unsigned char *)out + *n, &got, &used);
		*n += got;
		i += used;
	}
	out[*n] = '\0';
	return rc;
}

int main(void)
{
	static const char body[] =
		"7\r\n{\"quota\r\n9;ext=1\r\n_min\": 45\r\n1\r\n}\r\n0\r\n\r\n";
	char out[256];
	size_t n;

	is_int(decode(body, 1000, out, &n), 1, "a whole body: complete");
	is_str(out, "{\"quota_min\": 45}", "... decoded, extension skipped");
	is_int(decode(body, 1, out, &n), 1, "byte by byte: complete");
	is_str(out, "{\"quota_min\": 45}", "... the same body");
	is_int(decode("0\r\n\r\n", 2, out, &n), 1, "an empty body");
	is_int((int)n, 0, "... has no bytes");
	is_int(decode("3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", 3, out, &n), 1,
	       "a trailer field is skipped");
	is_str(out, "abc", "... and the body kept");
	is_int(decode("A\r\n0123456789\r\n", 4, out, &n), 0,
	       "hex size, no last chunk yet: more to come");
	is_int(decode("zz\r\n", 10, out, &n), LC_EINVAL, "not hex: refused");
	is_int(decode("\r\n", 10, out, &n), LC_EINVAL, "no size: refused");
	is_int(decode("3\r\nabcd\r\n", 10, out, &n), LC_EINVAL,
	       "data longer than its size: refused");
	is_int(decode("3\nabc\r\n", 10, out, &n), LC_EINVAL,
	       "bare LF: refused");
	is_int(decode("123456789\r\n", 10, out, &n), LC_EINVAL,
	       "a size over 8 hex digits: refused");
	{
		struct chunked c;
		size_t got, used;
		const char *two = "0\r\n\r\nGET / HTTP/1.1\r\n";

		chunked_init(&c);
		is_int(chunked_feed(&c, (const unsigned char *)two, strlen(two),
				    (unsigned char *)out, &got, &used),
		       1, "bytes after the body: complete");
		is_int((int)used, 5, "... and not consumed");
	}
	return done();
}
