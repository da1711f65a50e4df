/* Privacy masks on I420 pictures (capture/mask): black inside, untouched
 * outside, edges rounded outward to even pixels so chroma is covered. */
#include "capture/frame.h"
#include "capture/mask.h"
#include "tests/tap.h"

#include <string.h>

/* Fill with a texture: no byte is 16 (Y black) or 128 (neutral chroma). */
static void texture(struct frame *f)
{
	for (int y = 0; y < f->height; y++)
		for (int x = 0; x < f->width; x++)
			f->y[y * f->stride_y + x] =
				(uint8_t)(40 + (x * 7 + y) % 50);
	for (int y = 0; y < f->height / 2; y++)
		for (int x = 0; x < f->width / 2; x++) {
			f->u[y * f->stride_uv + x] = 60;
			f->v[y * f->stride_uv + x] = 200;
		}
}

/* Count pixels (Y) and chroma samples that are black inside @p and
 * untouched outside it. */
static bool check(const struct frame *f, struct mask_px p)
{
	for (int y = 0; y < f->height; y++)
		for (int x = 0; x < f->width; x++) {
			bool in =
				x >= p.x0 && x < p.x1 && y >= p.y0 && y < p.y1;
			uint8_t l = f->y[y * f->stride_y + x];

			if (in ? l != 16 : l != 40 + (x * 7 + y) % 50)
				return false;
		}
	for (int y = 0; y < f->height / 2; y++)
		for (int x = 0; x < f->width / 2; x++) {
			bool in = 2 * x >= p.x0 && 2 * x < p.x1 &&
				2 * y >= p.y0 && 2 * y < p.y1;
			uint8_t u = f->u[y * f->stride_uv + x];
			uint8_t v = f->v[y * f->stride_uv + x];

			if (in ? (u != 128 || v != 128) : (u != 60 || v != 200))
				return false;
		}
	return true;
}

int main(void)
{
	struct frame *f = frame_new(40, 30);
	struct masks none = { 0 };
	struct masks m = { 1, { { 2500, 1000, 5000, 3000 } } };
	struct masks odd = { 1, { { 100, 1000, 1300, 1900 } } };
	struct masks all;
	struct mask_px p;

	texture(f);
	mask_apply(f, &none);
	ok(check(f, (struct mask_px){ 0, 0, 0, 0 }), "no mask: untouched");

	p = mask_to_pixels(&m.r[0], 40, 30);
	ok(p.x0 == 10 && p.x1 == 30 && p.y0 == 2 && p.y1 == 12,
	   "fractions to pixels: %d,%d-%d,%d", p.x0, p.y0, p.x1, p.y1);
	mask_apply(f, &m);
	ok(check(f, p), "inside black, outside untouched, chroma too");

	/* 0.01 * 40 = 0.4 -> 0; (0.01 + 0.13) * 40 = 5.6 -> 6;
	 * 0.1 * 30 = 3 -> 2 (even, outward); 0.29 * 30 = 8.7 -> 10. */
	p = mask_to_pixels(&odd.r[0], 40, 30);
	ok(p.x0 == 0 && p.x1 == 6 && p.y0 == 2 && p.y1 == 10,
	   "rounded outward to even: %d,%d-%d,%d", p.x0, p.y0, p.x1, p.y1);
	texture(f);
	mask_apply(f, &odd);
	ok(check(f, p), "odd edges: whole chroma blocks covered");

	masks_set_all(&all);
	p = mask_to_pixels(&all.r[0], 40, 30);
	ok(p.x0 == 0 && p.y0 == 0 && p.x1 == 40 && p.y1 == 30, "whole picture");
	texture(f);
	mask_apply(f, &all);
	ok(check(f, p), "whole picture black");

	{
		struct mask_rect edge = { 9999, 9999, 1, 1 };

		p = mask_to_pixels(&edge, 40, 30);
		ok(p.x0 == 38 && p.x1 == 40 && p.y0 == 28 && p.y1 == 30,
		   "a tiny mask in the corner stays inside: %d,%d-%d,%d", p.x0,
		   p.y0, p.x1, p.y1);
	}
	frame_free(f);
	return done();
}
