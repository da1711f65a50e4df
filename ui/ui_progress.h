/* A progress bar: a filled part over a track, outlined so that it reads
 * without relying on colour. */
#ifndef LUCARNE_UI_PROGRESS_H
#define LUCARNE_UI_PROGRESS_H

#include "ui/ui_obj.h"

struct ui_obj *ui_progress_new(struct ui *ui, struct ui_obj *parent);
/* Show @value out of @max (clamped; max <= 0 shows empty). */
void ui_progress_set(struct ui_obj *o, int value, int max);
/* The filled fraction in thousandths, for tests. */
int ui_progress_permille(const struct ui_obj *o);

#endif
