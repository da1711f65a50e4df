/* Conversion of camera pixel formats to I420 with libyuv. */
#ifndef LUCARNE_CAPTURE_CONVERT_H
#define LUCARNE_CAPTURE_CONVERT_H

#include "capture/frame.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if convert_to_i420 handles V4L2 fourcc @fourcc. */
bool convert_supported(uint32_t fourcc);
/* Preference among formats a camera offers natively: higher is better
 * (cheaper to convert); 0 if unsupported. */
int convert_rank(uint32_t fourcc);

/* Convert one @width x @height picture of @len bytes in @fourcc, with
 * @bytesperline bytes per line of its first plane (0: packed), into
 * @dst, which must have the same size. Returns 0, LC_EINVAL for an
 * unsupported format or a buffer shorter than the
 * picture. */
int convert_to_i420(uint32_t fourcc, const uint8_t *src, size_t len,
		    int bytesperline, int width, int height, struct frame *dst);

#endif
