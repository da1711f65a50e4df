/* Pictures the agent draws itself: the test pattern (a moving picture with
 * a burned-in wall clock and frame counter, for tests and demos without a
 * camera) and the slate shown while a teacher has paused the room.
 * Drawing is cheap: a few byte operations per pixel, no floating point.
 */
#ifndef LUCARNE_CAPTURE_PATTERN_H
#define LUCARNE_CAPTURE_PATTERN_H

#include "capture/frame.h"

#include <stdint.h>

/* Draw test-pattern frame number @n into @f, with the time @wall_us
 * (µs since the epoch, printed as UTC HH:MM:SS.mmm) and the counter
 * burned in. Every frame differs from the previous one, and no frame is
 * black. Sets f->capture_us = @wall_us and f->slate = false. */
void pattern_draw(struct frame *f, uint64_t n, int64_t wall_us);

/* The test pattern's synthetic camera controls, as a camera's: 0..255,
 * 128 (the default) leaves the picture unchanged. */
#define PATTERN_CTL_DEFAULT 128
/* Change the Y plane of @f as a camera's brightness and contrast would:
 * contrast scales around mid grey (128/128 = unchanged), brightness adds
 * (@brightness - 128); results are clipped to 16..235. */
void pattern_adjust(struct frame *f, int brightness, int contrast);

/* Draw the "paused" slate with the time @wall_us; sets f->slate. */
void pattern_draw_slate(struct frame *f, int64_t wall_us);

/* Draw @text (digits, ':', '.', '#', ' ' and the capitals of "PAUSED
 * LUCARNE") into the Y plane at (@x, @y), each font pixel @scale pixels
 * wide, in luma @luma; clipped to the frame. Returns the width drawn. */
int pattern_draw_text(struct frame *f, int x, int y, int scale, uint8_t luma,
		      const char *text);

#endif
