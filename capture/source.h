/* Where pictures come from: "testpattern", "y4m:FILE" or "v4l2:/dev/videoN"
 * behind one interface, always delivered as I420 at the configured size
 * (scaled if the source gives another) and, except for cameras, which set
 * their own pace, paced at the source's frame rate.
 */
#ifndef LUCARNE_CAPTURE_SOURCE_H
#define LUCARNE_CAPTURE_SOURCE_H

#include "capture/frame.h"
#include "common/camctl.h"

#include <stdbool.h>
#include <stddef.h>

struct source_config {
	const char *spec; /* testpattern | y4m:FILE | v4l2:/dev/videoN */
	int width, height; /* output size, even */
	int fps; /* test pattern and camera rate */
	bool unpaced; /* deliver as fast as possible (benchmarks) */
};

struct source;

/* Check @cfg->spec and keep a copy of @cfg; opens nothing. Returns NULL
 * with a sentence in @err if the spec is not understood. */
struct source *source_new(const struct source_config *cfg, char *err,
			  size_t errlen);
/* Close if open, then free; NULL is fine. */
void source_free(struct source *s);
/* Open the file or device. Returns 0, LC_ENODEV (camera absent: try again
 * later), or another negative code; the reason is in source_error(). */
int source_open(struct source *s);
/* Release the file or device; safe at any stage, and twice. */
void source_close(struct source *s);
bool source_is_open(const struct source *s);
/* The rate frames come at (a y4m file's own rate). */
int source_fps(const struct source *s);
/* Wait for and deliver the next picture into @out (of the configured
 * size), stamped with its capture time. Returns 0; LC_EAGAIN if no picture
 * came in time (call again); LC_ENODEV if the camera went away (the source
 * is now closed); another negative code on a fatal error. */
int source_read(struct source *s, struct frame *out);
/* The reason for the last failure. */
const char *source_error(const struct source *s);
/* The controls the source offers, with ranges and current values: a
 * camera's (read at each open and after each change; kept while it is
 * closed), the test pattern's synthetic brightness and contrast, none for
 * files. Capture thread only, like every source call. */
void source_get_controls(const struct source *s, struct camctl_list *out);
/* Apply the change set @set (names and values), in the order of the
 * source's own list, and read the values back. Values are also kept and
 * applied again at the next open (a paused or replugged camera). Values
 * the source rejects or controls it lacks are skipped. Returns 0 or the
 * first error, with the reason in source_error(). */
int source_set_controls(struct source *s, const struct camctl_list *set);
/* True for cameras (which may come and go), false for files and patterns. */
bool source_is_camera(const struct source *s);

#endif
