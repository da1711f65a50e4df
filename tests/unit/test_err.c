/* Every error code has a distinct stable name and a sentence. */
#include "common/err.h"
#include "tests/tap.h"

#include <string.h>

int main(void)
{
	const char *names[64] = { 0 };
	int n = 0, dup = 0, missing = 0;

	for (int e = 0; e > LC_ERR_MIN; e--) {
		const char *name = lc_err_name(e);

		if (strcmp(name, "unknown") == 0)
			continue; /* gap in the numbering */
		if (strcmp(lc_strerror(e), "unknown error") == 0)
			missing++;
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], name) == 0)
				dup++;
		names[n++] = name;
	}
	ok(n >= 28, "at least 28 named codes (%d)", n);
	is_int(dup, 0, "names are distinct");
	is_int(missing, 0, "every named code has a sentence");
	is_str(lc_err_name(LC_EPERM), "forbidden", "EPERM is forbidden");
	is_str(lc_err_name(LC_EAUTH), "unauthorized", "EAUTH is unauthorized");
	is_str(lc_err_name(LC_EP_LENGTH), "bad_length", "EP_LENGTH name");
	is_str(lc_err_name(1), "unknown", "positive value is unknown");
	is_str(lc_err_name(LC_ERR_MIN), "unknown", "ERR_MIN is unknown");
	is_str(lc_err_name(-1000), "unknown", "far out of range is unknown");
	is_str(lc_strerror(-1000), "unknown error", "sentence for unknown");
	return done();
}
