/* Layout in millimetres: a rectangle is split into a row or a column of
 * tracks, each either a fixed size in millimetres or a weight sharing
 * what is left, with a fixed gap between tracks. */
#ifndef LUCARNE_UI_LAYOUT_H
#define LUCARNE_UI_LAYOUT_H

#include "ui/ui.h"

struct ui_track {
	double mm; /* > 0: fixed size in millimetres */
	double weight; /* used when mm is 0 */
};

#define UI_MM(v) ((struct ui_track){ (v), 0 })
#define UI_WEIGHT(v) ((struct ui_track){ 0, (v) })

enum ui_dir {
	UI_ROW, /* tracks left to right */
	UI_COLUMN, /* tracks top to bottom */
};

/* Split @area into @n tracks separated by @gap_mm, writing @n rectangles
 * to @out. Fixed tracks get their size first (shrunk proportionally if
 * they do not fit), weighted ones share the rest; rounding leftovers go to
 * the last track, so the tracks exactly cover the area minus the gaps. */
void ui_layout_split(const struct ui *ui, struct ui_rect area, enum ui_dir dir,
		     const struct ui_track *tracks, int n, double gap_mm,
		     struct ui_rect *out);
/* @r shrunk by @mm on every side (never below zero size). */
struct ui_rect ui_rect_inset(const struct ui *ui, struct ui_rect r, double mm);
/* A rectangle of @w x @h centred in @r. */
struct ui_rect ui_rect_center(struct ui_rect r, int w, int h);

#endif
