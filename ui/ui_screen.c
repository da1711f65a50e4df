#include "ui/ui_screen.h"
#include "ui/ui_private.h"
#include "common/xalloc.h"

#include <stdlib.h>

struct ui_screen {
	struct ui_obj obj;
	char *name;
};

struct ui_panel {
	struct ui_obj obj;
	enum ui_role role;
};

static void screen_destroy(struct ui_obj *o)
{
	free(((struct ui_screen *)o)->name);
}

static const struct ui_class screen_class = {
	.name = "screen",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_screen),
	.destroy = screen_destroy,
};

struct ui_obj *ui_screen_new(struct ui *ui, const char *name)
{
	struct ui_obj *o = ui_obj_create(&screen_class, ui, NULL);

	((struct ui_screen *)o)->name = xstrdup(name ? name : "screen");
	o->rect = ui_area(ui);
	return o;
}

const char *ui_screen_get_name(const struct ui_obj *screen)
{
	if (!screen || screen->cls != &screen_class)
		return "";
	return ((const struct ui_screen *)screen)->name;
}

static void panel_draw(struct ui_obj *o)
{
	struct ui_panel *p = (struct ui_panel *)o;
	struct ui_pair c = ui_theme_pair(o->ui->theme, p->role);

	ui_draw_fill(o->ui, o->rect, c.bg, 0);
	/* In the black high-contrast theme a panel would vanish: outline. */
	if (ui_color_contrast(c.bg, o->ui->theme->screen.bg) < 1.5)
		ui_draw_frame(o->ui, o->rect, o->ui->theme->border,
			      ui_mm(o->ui, 0.6), 0);
}

static const struct ui_class panel_class = {
	.name = "panel",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_panel),
	.draw = panel_draw,
};

struct ui_obj *ui_panel_new(struct ui *ui, struct ui_obj *parent,
			    enum ui_role role)
{
	struct ui_obj *o = ui_obj_create(&panel_class, ui, parent);

	((struct ui_panel *)o)->role = role;
	return o;
}
