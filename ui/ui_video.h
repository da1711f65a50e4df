/* A video surface for calls: I420 frames are uploaded into a streaming
 * texture (SDL_UpdateYUVTexture) and drawn scaled to fit, letterboxed. */
#ifndef LUCARNE_UI_VIDEO_H
#define LUCARNE_UI_VIDEO_H

#include "ui/ui_obj.h"

#include <stdint.h>

struct ui_obj *ui_video_new(struct ui *ui, struct ui_obj *parent);
/* Show one I420 frame of @w x @h (even sizes). The texture is recreated
 * when the size changes. Call from the UI thread. Returns 0, LC_EINVAL
 * for a bad size or LC_EIO if the texture cannot be made. */
int ui_video_push_i420(struct ui_obj *o, int w, int h, const uint8_t *y,
		       int ystride, const uint8_t *u, int ustride,
		       const uint8_t *v, int vstride);
/* Frames shown so far, for tests and statistics. */
long ui_video_frames(const struct ui_obj *o);
/* Forget the picture (call ended): the surface goes dark. */
void ui_video_clear(struct ui_obj *o);

#endif
