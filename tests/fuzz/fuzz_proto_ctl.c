/* libFuzzer harness: control message parser. Whatever parses must format
 * and parse back to the same message; and the result must not depend on
 * what the struct held before (the union is cleared whole). */
#include "common/proto.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct proto_ctl dirty; /* the previous input's message */
	struct proto_ctl m, back;
	char out[PROTO_MAX_CTL];
	int rc, n;

	memset(&m, 0xa5, sizeof(m));
	rc = proto_ctl_parse((const char *)data, size, &m);
	if (proto_ctl_parse((const char *)data, size, &dirty) != rc ||
	    memcmp(&m, &dirty, sizeof(m)) != 0)
		abort();
	if (rc != 0)
		return 0;
	n = proto_ctl_format(&m, out, sizeof(out));
	if (n < 0)
		abort();
	if (proto_ctl_parse(out, (size_t)n, &back) != 0 ||
	    memcmp(&m, &back, sizeof(m)) != 0)
		abort();
	return 0;
}
