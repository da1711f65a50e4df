/* Regions of the decoded picture that lucarne-view measures for tests
 * (--region): the mean and maximum luma of each, in the last picture
 * decoded, so a test can tell that a privacy mask is black and that the
 * rest is the picture sent.
 */
#ifndef LUCARNE_VIEW_REGION_H
#define LUCARNE_VIEW_REGION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REGION_MAX 16

struct region {
	int x, y, w, h; /* pixels of the decoded picture */
	bool measured; /* false until a picture covered the whole region */
	double mean; /* luma (Y), 0..255 */
	int max;
};

/* Parse "X,Y,W,H[;X,Y,W,H]..." (pixels, W and H >= 1) into @out (at most
 * @max). Returns the count, or LC_EINVAL with a sentence in @err. */
int region_parse(const char *text, struct region *out, int max, char *err,
		 size_t errlen);
/* Measure @r on a luma plane of @width x @height; a region not wholly
 * inside the picture is left unmeasured. */
void region_measure(struct region *r, const uint8_t *y, int stride, int width,
		    int height);

#endif
