/* The V4L2 controls the capture agent offers to the room's staff: a fixed
 * list of the usual camera controls (picture, exposure, focus, zoom, pan,
 * tilt), each under a stable name whatever the driver calls it, kept
 * when the device has it as an integer, boolean or menu control that is
 * neither disabled, read-only, inactive nor grabbed. Driver-private
 * controls are left out: their meaning is unknown to the page, and the
 * list stays within CAMCTL_MAX.
 *
 * Called on the capture thread only (the thread that owns the device).
 */
#ifndef LUCARNE_CAPTURE_V4L2CTL_H
#define LUCARNE_CAPTURE_V4L2CTL_H

#include "common/camctl.h"

#include <stddef.h>

/* Fill @out with the controls of the open device @fd (through
 * v4l2_ioctl), in a fixed order: automatic modes before the values they
 * govern. Returns the number kept (0 is fine: a camera without any). */
int v4l2ctl_list(int fd, struct camctl_list *out);
/* Set the control named @name to @value, then read it back into
 * *@readback. Returns 0, LC_ENOENT (not one of ours or absent), or LC_EIO
 * with the driver's reason in @err. */
int v4l2ctl_set(int fd, const char *name, int value, int *readback, char *err,
		size_t errlen);

#endif
