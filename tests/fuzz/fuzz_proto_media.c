/* libFuzzer harness: media frame parser. A parsed frame must describe
 * exactly the bytes it was given, and writing its header back must give
 * the same 24 bytes. */
#include "common/proto.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_media h;
	const uint8_t *payload;
	uint8_t again[PROTO_MEDIA_HEADER];

	if (proto_media_parse(data, size, &h, &payload) != 0) {
		if (payload)
			abort();
		return 0;
	}
	if (payload != data + PROTO_MEDIA_HEADER ||
	    h.length != size - PROTO_MEDIA_HEADER)
		abort();
	proto_media_write(&h, again);
	if (memcmp(again, data, PROTO_MEDIA_HEADER) != 0)
		abort();
	return 0;
}
