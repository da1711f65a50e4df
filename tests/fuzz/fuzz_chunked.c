/* libFuzzer harness: the chunked request body decoder (relay/api/
 * chunked.c). Fed whole or split at an input-chosen point, it must give
 * the same result and the same body, never more bytes than it was fed. */
#include "relay/api/chunked.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run(const uint8_t *data, size_t size, size_t split, uint8_t *out,
	       size_t *n)
{
	struct chunked c;
	size_t got, used, i = 0;
	int rc = 0;

	chunked_init(&c);
	*n = 0;
	while (i < size && rc == 0) {
		size_t k = i < split ? split - i : size - i;

		rc = chunked_feed(&c, data + i, k, out + *n, &got, &used);
		if (used > k || got > used)
			abort();
		*n += got;
		i += used;
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t a[16384], b[16384];
	size_t na, nb;
	int ra, rb;

	if (size < 1 || size - 1 > sizeof(a))
		return 0;
	ra = run(data + 1, size - 1, size - 1, a, &na);
	rb = run(data + 1, size - 1, data[0] % size, b, &nb);
	/* Failing may come at a different byte split; a success may not. */
	if ((ra == 1) != (rb == 1) ||
	    (ra == 1 && (na != nb || memcmp(a, b, na) != 0)))
		abort();
	return 0;
}
