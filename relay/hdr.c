/* Request headers at their real length (see hdr.h). */
#include "relay/hdr.h"
#include "common/xalloc.h"

#include <stdlib.h>

char *hdr_dup(struct lws *wsi, enum lws_token_indexes h)
{
	int n = lws_hdr_total_length(wsi, h);
	char *s;

	if (n <= 0 || n > HDR_MAX)
		return NULL;
	/* lws_hdr_copy needs room for the NUL, and one comma between the
	 * fragments of a repeated header, which total_length counts. */
	s = xmalloc((size_t)n + 2);
	if (lws_hdr_copy(wsi, s, n + 2, h) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

bool hdr_any_too_long(struct lws *wsi)
{
	for (int h = 0; h < WSI_TOKEN_COUNT; h++)
		if (lws_hdr_total_length(wsi, (enum lws_token_indexes)h) >
		    HDR_MAX)
			return true;
	return false;
}
