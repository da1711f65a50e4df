/* One picture in I420 (planar 4:2:0, BT.601 limited range), the format
 * every source delivers and the encoder takes. A plain value type: the
 * planes live in one allocation owned by the frame.
 */
#ifndef LUCARNE_CAPTURE_FRAME_H
#define LUCARNE_CAPTURE_FRAME_H

#include <stdbool.h>
#include <stdint.h>

struct frame {
	int width, height; /* even, >= 16 */
	uint8_t *y, *u, *v;
	int stride_y, stride_uv;
	int64_t capture_us; /* wall clock, µs since the epoch */
	bool slate; /* drawn by the agent, no camera pixel */
};

/* Allocate a @width x @height frame (both even); its planes are black.
 * Aborts if out of memory. */
struct frame *frame_new(int width, int height);
/* NULL is fine. */
void frame_free(struct frame *f);
/* Fill with one YUV colour. */
void frame_fill(struct frame *f, uint8_t y, uint8_t u, uint8_t v);
/* Scale or copy @src into @dst (whose size is kept); copies the stamps. */
void frame_scale(const struct frame *src, struct frame *dst);

#endif
