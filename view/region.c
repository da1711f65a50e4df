/* Luma statistics of picture regions, for lucarne-view --region. */
#include "view/region.h"
#include "common/err.h"

#include <stdio.h>
#include <string.h>

int region_parse(const char *text, struct region *out, int max, char *err,
		 size_t errlen)
{
	const char *p = text;
	int n = 0;

	while (p && *p) {
		struct region r = { 0 };
		int used = 0;

		if (n == max) {
			snprintf(err, errlen, "at most %d regions", max);
			return LC_EINVAL;
		}
		if (sscanf(p, "%d,%d,%d,%d%n", &r.x, &r.y, &r.w, &r.h, &used) !=
			    4 ||
		    r.x < 0 || r.y < 0 || r.w < 1 || r.h < 1 ||
		    (p[used] && p[used] != ';')) {
			snprintf(err, errlen,
				 "region %d: expected X,Y,W,H in pixels "
				 "(W and H at least 1)",
				 n + 1);
			return LC_EINVAL;
		}
		out[n++] = r;
		p += used + (p[used] == ';');
	}
	return n;
}

void region_measure(struct region *r, const uint8_t *y, int stride, int width,
		    int height)
{
	unsigned long long sum = 0;
	int max = 0;

	if (r->x + r->w > width || r->y + r->h > height) {
		r->measured = false;
		return;
	}
	for (int j = r->y; j < r->y + r->h; j++)
		for (int i = r->x; i < r->x + r->w; i++) {
			uint8_t l = y[(size_t)j * stride + i];

			sum += l;
			if (l > max)
				max = l;
		}
	r->measured = true;
	r->mean = (double)sum / ((double)r->w * r->h);
	r->max = max;
}
