/* libFuzzer harness: control message parser. Whatever parses must format
 * and parse back to the same message. */
#include "common/proto.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_ctl m, back;
	char out[PROTO_MAX_CTL];
	int n;

	if (proto_ctl_parse((const char *)data, size, &m) != 0)
		return 0;
	n = proto_ctl_format(&m, out, sizeof(out));
	if (n < 0)
		abort();
	if (proto_ctl_parse(out, (size_t)n, &back) != 0 ||
	    memcmp(&m, &back, sizeof(m)) != 0)
		abort();
	return 0;
}
