/* Screens and panels. A screen is the root of a widget tree, shown with
 * ui_show_screen; it has a name for logs and audits. A panel fills its
 * rectangle with the background of a theme role (the title bar). */
#ifndef LUCARNE_UI_SCREEN_H
#define LUCARNE_UI_SCREEN_H

#include "ui/ui_obj.h"
#include "ui/ui_theme.h"

/* A new screen covering the window; not shown until ui_show_screen.
 * @name is copied. Flag UI_F_TRAINER marks a trainer-only screen. */
struct ui_obj *ui_screen_new(struct ui *ui, const char *name);
const char *ui_screen_get_name(const struct ui_obj *screen);

/* A filled rectangle in the colours of @role, owned by @parent. */
struct ui_obj *ui_panel_new(struct ui *ui, struct ui_obj *parent,
			    enum ui_role role);

#endif
