/* A button: always an icon and a word (SENIORS.md: nothing relies on
 * colour alone). Normal and primary buttons lay them side by side; a tile
 * stacks a big icon or a picture over the word, with an optional badge
 * ("Nouveau", "Terminé") and a detail line. A pressed button swaps its
 * colours on the very next frame. */
#ifndef LUCARNE_UI_BUTTON_H
#define LUCARNE_UI_BUTTON_H

#include "ui/ui_obj.h"
#include "ui/ui_theme.h"

enum ui_button_kind {
	UI_BUTTON_NORMAL,
	UI_BUTTON_PRIMARY, /* the most likely next action */
	UI_BUTTON_TILE, /* home and list tiles */
};

/* A clickable button owned by @parent. @icon is a UTF-8 glyph of the UI
 * font (for example "⌂"), @label the word; both copied. The label is also
 * what speak-on-touch says, until ui_obj_set_speech changes it. */
struct ui_obj *ui_button_new(struct ui *ui, struct ui_obj *parent,
			     const char *icon, const char *label,
			     enum ui_button_kind kind);
void ui_button_set_label(struct ui_obj *o, const char *label);
const char *ui_button_get_label(const struct ui_obj *o);
void ui_button_set_icon(struct ui_obj *o, const char *icon);
/* Show a picture file instead of the icon on a tile; returns 0 or
 * LC_ENOENT if it cannot be loaded (the icon stays). */
int ui_button_set_picture(struct ui_obj *o, const char *path);
/* A badge in the corner of a tile, in the colours of @role; NULL hides. */
void ui_button_set_badge(struct ui_obj *o, const char *text, enum ui_role role);
const char *ui_button_get_badge(const struct ui_obj *o);
/* A line of body text under a tile's word; NULL hides it. */
void ui_button_set_detail(struct ui_obj *o, const char *text);

#endif
