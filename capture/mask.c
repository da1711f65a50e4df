/* Privacy masks on I420 pictures. */
#include "capture/mask.h"

#include <string.h>

/* @units of @size, rounded down (@up false) or up, then to an even
 * number in the same direction. */
static int scale_even(int units, int size, bool up)
{
	long long n = (long long)units * size;
	int px = (int)(n / MASKS_SCALE);

	if (up && n % MASKS_SCALE)
		px++;
	if (px & 1)
		px += up ? 1 : -1;
	return px < 0 ? 0 : px > size ? size : px;
}

struct mask_px mask_to_pixels(const struct mask_rect *r, int width, int height)
{
	return (struct mask_px){
		.x0 = scale_even(r->x, width, false),
		.y0 = scale_even(r->y, height, false),
		.x1 = scale_even(r->x + r->w, width, true),
		.y1 = scale_even(r->y + r->h, height, true),
	};
}

void mask_apply(struct frame *f, const struct masks *m)
{
	for (int i = 0; i < m->n; i++) {
		struct mask_px p =
			mask_to_pixels(&m->r[i], f->width, f->height);
		size_t w = (size_t)(p.x1 - p.x0);

		if (p.x1 <= p.x0 || p.y1 <= p.y0)
			continue;
		for (int y = p.y0; y < p.y1; y++)
			memset(f->y + (size_t)y * f->stride_y + p.x0, 16, w);
		for (int y = p.y0 / 2; y < p.y1 / 2; y++) {
			size_t off = (size_t)y * f->stride_uv + p.x0 / 2;

			memset(f->u + off, 128, w / 2);
			memset(f->v + off, 128, w / 2);
		}
	}
}
