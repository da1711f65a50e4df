/* A reader of YUV4MPEG2 files (4:2:0 only), looped: after the last whole
 * frame it starts again at the first. A truncated last frame is skipped
 * (with one warning), not an error.
 */
#ifndef LUCARNE_CAPTURE_Y4M_H
#define LUCARNE_CAPTURE_Y4M_H

#include "capture/frame.h"

#include <stddef.h>

struct y4m;

/* Open @path and parse its header. Returns the reader, or NULL with a
 * sentence in @err ("FILE: not a YUV4MPEG2 file", ...). */
struct y4m *y4m_open(const char *path, char *err, size_t errlen);
/* NULL is fine. */
void y4m_close(struct y4m *y);
int y4m_width(const struct y4m *y);
int y4m_height(const struct y4m *y);
/* Frame rate as a fraction (F tag; 30:1 if absent). */
void y4m_rate(const struct y4m *y, int *num, int *den);
/* Read the next frame into @f, which must be y4m_width x y4m_height.
 * Loops at the end. Returns 0, or LC_EIO / LC_EINVAL with a sentence in
 * @err (read error, bad FRAME marker, a file with no whole frame). */
int y4m_read(struct y4m *y, struct frame *f, char *err, size_t errlen);
/* Frames read since open (counting loops). */
unsigned long y4m_frames_read(const struct y4m *y);

#endif
