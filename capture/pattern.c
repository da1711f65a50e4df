#include "capture/pattern.h"

#include <stdio.h>
#include <string.h>

/* 5x7 glyphs, one byte per row, bit 4 = leftmost column. */
static const struct glyph {
	char c;
	uint8_t rows[7];
} font[] = {
	{ '0', { 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e } },
	{ '1', { 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e } },
	{ '2', { 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f } },
	{ '3', { 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e } },
	{ '4', { 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02 } },
	{ '5', { 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e } },
	{ '6', { 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e } },
	{ '7', { 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 } },
	{ '8', { 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e } },
	{ '9', { 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c } },
	{ ':', { 0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00 } },
	{ '.', { 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c } },
	{ '#', { 0x0a, 0x0a, 0x1f, 0x0a, 0x1f, 0x0a, 0x0a } },
	{ ' ', { 0, 0, 0, 0, 0, 0, 0 } },
	{ 'A', { 0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11 } },
	{ 'C', { 0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e } },
	{ 'D', { 0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c } },
	{ 'E', { 0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f } },
	{ 'L', { 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f } },
	{ 'N', { 0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11 } },
	{ 'P', { 0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10 } },
	{ 'R', { 0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11 } },
	{ 'S', { 0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e } },
	{ 'U', { 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e } },
};

static const struct glyph *find_glyph(char c)
{
	for (size_t i = 0; i < sizeof(font) / sizeof(font[0]); i++)
		if (font[i].c == c)
			return &font[i];
	return &font[13]; /* unknown: blank */
}

static void fill_rect(struct frame *f, int x0, int y0, int w, int h,
		      uint8_t luma)
{
	int x1 = x0 + w, y1 = y0 + h;

	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > f->width)
		x1 = f->width;
	if (y1 > f->height)
		y1 = f->height;
	for (int y = y0; y < y1; y++)
		if (x1 > x0)
			memset(f->y + (size_t)y * f->stride_y + x0, luma,
			       (size_t)(x1 - x0));
}

int pattern_draw_text(struct frame *f, int x, int y, int scale, uint8_t luma,
		      const char *text)
{
	int x0 = x;

	for (; *text; text++, x += 6 * scale) {
		const struct glyph *g = find_glyph(*text);

		for (int r = 0; r < 7; r++)
			for (int col = 0; col < 5; col++)
				if (g->rows[r] & (0x10 >> col))
					fill_rect(f, x + col * scale,
						  y + r * scale, scale, scale,
						  luma);
	}
	return x - x0;
}

static void format_clock(char *out, size_t len, int64_t wall_us)
{
	int64_t ms = wall_us / 1000;
	int64_t s = ms / 1000;

	snprintf(out, len, "%02d:%02d:%02d.%03d", (int)(s / 3600 % 24),
		 (int)(s / 60 % 60), (int)(s % 60), (int)(ms % 1000));
}

void pattern_draw(struct frame *f, uint64_t n, int64_t wall_us)
{
	int w = f->width, h = f->height, cw = w / 2, ch = h / 2;
	unsigned shift = (unsigned)(n * 4);
	char text[64];
	int scale = w >= 640 ? 4 : 2, box = h / 6;
	int bx, by;

	/* Diagonal luma ramp sliding right: motion everywhere, mid grey on
	 * average, never black. */
	for (int y = 0; y < h; y++) {
		uint8_t *row = f->y + (size_t)y * f->stride_y;

		for (int x = 0; x < w; x++)
			row[x] = (uint8_t)(48 +
					   (((unsigned)(x + y) - shift) & 127));
	}
	/* Four colour quadrants in chroma, rotating every second. */
	for (int y = 0; y < ch; y++) {
		uint8_t *u = f->u + (size_t)y * f->stride_uv;
		uint8_t *v = f->v + (size_t)y * f->stride_uv;
		unsigned q = (unsigned)((y >= ch / 2) * 2) + (unsigned)(n / 30);

		memset(u, (q & 1) ? 80 : 176, (size_t)cw / 2);
		memset(u + cw / 2, (q & 1) ? 176 : 80, (size_t)(cw - cw / 2));
		memset(v, (q & 2) ? 96 : 160, (size_t)cw);
	}
	/* A white box bouncing across, the easiest motion to see. */
	bx = (int)(n * 6 % (uint64_t)(2 * (w - box)));
	if (bx > w - box)
		bx = 2 * (w - box) - bx;
	by = h / 2 - box / 2;
	fill_rect(f, bx, by, box, box, 235);
	/* Burned-in clock and counter on a dark band. */
	fill_rect(f, 0, 0, w, 10 * scale, 16);
	format_clock(text, sizeof(text), wall_us);
	pattern_draw_text(f, scale * 2, scale * 2, scale, 235, text);
	snprintf(text, sizeof(text), "#%llu", (unsigned long long)n);
	pattern_draw_text(f, w / 2 + scale * 8, scale * 2, scale, 235, text);
	f->capture_us = wall_us;
	f->slate = false;
}

void pattern_draw_slate(struct frame *f, int64_t wall_us)
{
	int scale = f->width >= 640 ? 8 : 4;
	char text[32];

	frame_fill(f, 40, 128, 128);
	pattern_draw_text(f, f->width / 2 - 18 * scale,
			  f->height / 2 - 8 * scale, scale, 200, "PAUSED");
	format_clock(text, sizeof(text), wall_us);
	pattern_draw_text(f, f->width / 2 - 36 * scale / 4,
			  f->height / 2 + 4 * scale, scale / 4 * 1 + 1, 160,
			  text);
	f->capture_us = wall_us;
	f->slate = true;
}

void pattern_adjust(struct frame *f, int brightness, int contrast)
{
	int add = brightness - PATTERN_CTL_DEFAULT;

	if (add == 0 && contrast == PATTERN_CTL_DEFAULT)
		return;
	for (int y = 0; y < f->height; y++) {
		uint8_t *row = f->y + (size_t)y * f->stride_y;

		for (int x = 0; x < f->width; x++) {
			int v = (row[x] - 128) * contrast /
					PATTERN_CTL_DEFAULT +
				128 + add;

			row[x] = (uint8_t)(v < 16 ? 16 : v > 235 ? 235 : v);
		}
	}
}
