/* Privacy masks on a picture: black out the rectangles of a struct masks
 * (common/masks.h, fractions of the picture) in an I420 frame, after
 * conversion and before encoding, so masked pixels never leave the agent.
 */
#ifndef LUCARNE_CAPTURE_MASK_H
#define LUCARNE_CAPTURE_MASK_H

#include "capture/frame.h"
#include "common/masks.h"

/* A rectangle in pixels of a picture. */
struct mask_px {
	int x0, y0, x1, y1; /* [x0, x1) x [y0, y1), all even */
};

/* The pixels @r covers in a @width x @height picture (both even): the
 * fractions scaled, then rounded outward to even pixels so that the 2x2
 * chroma blocks at the edges are covered too. Pure. */
struct mask_px mask_to_pixels(const struct mask_rect *r, int width, int height);
/* Paint every rectangle of @m black (Y 16, U and V 128: BT.601 limited
 * range) in @f. Costs nothing when @m has no rectangle. */
void mask_apply(struct frame *f, const struct masks *m);

#endif
