/* A picture (PNG or JPEG) scaled to fit its rectangle, aspect kept. */
#ifndef LUCARNE_UI_IMAGE_H
#define LUCARNE_UI_IMAGE_H

#include "ui/ui_obj.h"

/* An image owned by @parent showing the file at @path. If the file cannot
 * be read the widget shows an empty frame and ui_image_ok says false. */
struct ui_obj *ui_image_new(struct ui *ui, struct ui_obj *parent,
			    const char *path);
bool ui_image_ok(const struct ui_obj *o);

#endif
