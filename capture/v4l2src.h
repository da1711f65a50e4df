/* A V4L2 camera through libv4l2: negotiates the cheapest format it
 * offers (I420, NV12, YUYV, UYVY natively; anything else, MJPEG included,
 * through libv4l's conversion), sets size and rate, streams with mmap
 * buffers and converts each picture to I420 stamped with its capture time
 * on the wall clock.
 *
 * Like ustreamer's device: _new/_free hold the configuration, _open/_close
 * the device, so an unplugged camera is closed and simply opened again
 * later; _close is safe on a half-opened device.
 */
#ifndef LUCARNE_CAPTURE_V4L2SRC_H
#define LUCARNE_CAPTURE_V4L2SRC_H

#include "capture/frame.h"
#include "common/camctl.h"

#include <stddef.h>

struct v4l2src_config {
	const char *path; /* /dev/videoN */
	int width, height, fps;
};

struct v4l2src;

/* Keep a copy of @cfg; does not touch the device. */
struct v4l2src *v4l2src_new(const struct v4l2src_config *cfg);
/* Close if open, then free; NULL is fine. */
void v4l2src_free(struct v4l2src *s);
/* Open, negotiate and start streaming. Returns 0, LC_ENODEV (no such
 * device, or it went away), LC_EBUSY, or LC_EIO / LC_EINVAL with the reason
 * in v4l2src_error(). */
int v4l2src_open(struct v4l2src *s);
/* Stop streaming and release the device; safe at any stage. */
void v4l2src_close(struct v4l2src *s);
/* Size negotiated by the last open (may differ from the request). */
int v4l2src_width(const struct v4l2src *s);
int v4l2src_height(const struct v4l2src *s);
/* Wait up to @timeout_ms for a picture and convert it into @f (which must
 * have the negotiated size). Returns 0, LC_EAGAIN on timeout, LC_ENODEV if
 * the camera is gone, LC_EIO otherwise. */
int v4l2src_read(struct v4l2src *s, struct frame *f, int timeout_ms);
/* The device's controls (see v4l2ctl.h); 0 controls when not open. */
int v4l2src_list_controls(struct v4l2src *s, struct camctl_list *out);
/* Set control @name and read it back into *@readback. Returns 0,
 * LC_ESTATE (not open), LC_ENOENT (no such control) or LC_EIO, with the
 * reason in v4l2src_error(). */
int v4l2src_set_control(struct v4l2src *s, const char *name, int value,
			int *readback);
/* The reason for the last failure, for logs. */
const char *v4l2src_error(const struct v4l2src *s);

#endif
