/* libFuzzer harness: the privacy masks' text form (common/masks). Whatever
 * parses must format back to a text that parses to the same masks. */
#include "common/masks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024], out[MASKS_TEXT_MAX], err[128];
	struct masks m, again;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (masks_parse(text, &m, err, sizeof(err)) < 0)
		return 0;
	if (masks_format(&m, out, sizeof(out)) < 0 ||
	    masks_parse(out, &again, err, sizeof(err)) < 0 ||
	    !masks_equal(&m, &again))
		abort();
	return 0;
}
