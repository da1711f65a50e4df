/* A modal dialog: dims the screen and shows a message with an icon and
 * one to three buttons. While it is shown only its buttons take touches.
 * Errors are sentences: what happened and the one thing to do. */
#ifndef LUCARNE_UI_DIALOG_H
#define LUCARNE_UI_DIALOG_H

#include "ui/ui_obj.h"

/* A dialog on @screen (which owns it) with @icon and @message (copied).
 * Remove it with ui_obj_free, outside its own click handler's stack if
 * the handler belongs to one of its buttons (defer it). */
struct ui_obj *ui_dialog_new(struct ui *ui, struct ui_obj *screen,
			     const char *icon, const char *message);
/* Add a button (see ui_button_new) along the dialog's bottom edge. */
struct ui_obj *ui_dialog_add_button(struct ui_obj *dlg, const char *icon,
				    const char *label, bool primary);

#endif
