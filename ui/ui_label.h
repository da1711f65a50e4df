/* A label: text wrapped to the widget's width, in a font and a theme
 * role, left-aligned or centred, vertically centred or at the top. */
#ifndef LUCARNE_UI_LABEL_H
#define LUCARNE_UI_LABEL_H

#include "ui/ui_obj.h"
#include "ui/ui_theme.h"

enum ui_label_font {
	UI_LABEL_BODY, /* running text */
	UI_LABEL_TITLE, /* bold title */
	UI_LABEL_ICON, /* one big glyph used as a picture */
};

enum ui_label_flags {
	UI_LABEL_CENTER = 1, /* centre lines horizontally */
	UI_LABEL_MIDDLE = 2, /* centre the block vertically */
	UI_LABEL_RIGHT = 4, /* push the block to the right edge */
};

/* A label owned by @parent showing @text (copied). */
struct ui_obj *ui_label_new(struct ui *ui, struct ui_obj *parent,
			    const char *text, enum ui_label_font font,
			    enum ui_role role, unsigned flags);
/* Replace the text (copied); redraws only if it changed. */
void ui_label_set_text(struct ui_obj *o, const char *text);
const char *ui_label_get_text(const struct ui_obj *o);
/* Height in pixels of the text as drawn in the current rectangle (the
 * text shrinks to fit it, down to the SENIORS.md floor). */
int ui_label_get_text_height(struct ui_obj *o);

#endif
