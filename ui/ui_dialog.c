#include "ui/ui_dialog.h"
#include "ui/ui_button.h"
#include "ui/ui_label.h"
#include "ui/ui_layout.h"
#include "ui/ui_private.h"
#include "ui/ui_screen.h"

struct ui_dialog {
	struct ui_obj obj;
	struct ui_obj *panel, *icon, *msg;
	struct ui_obj *buttons[3];
	int n_buttons;
};

static void arrange(struct ui_dialog *d)
{
	struct ui *ui = d->obj.ui;
	struct ui_rect area = d->obj.rect, box, in, parts[3], row[3];
	struct ui_track v[3] = { UI_MM(24), UI_WEIGHT(1), UI_MM(24) };
	struct ui_track h[3] = { UI_WEIGHT(1), UI_WEIGHT(1), UI_WEIGHT(1) };

	box = ui_rect_center(area, area.w * 3 / 4, area.h * 3 / 4);
	ui_obj_set_rect(d->panel, box);
	in = ui_rect_inset(ui, box, 6);
	ui_layout_split(ui, in, UI_COLUMN, v, 3, 4, parts);
	ui_obj_set_rect(d->icon, parts[0]);
	ui_obj_set_rect(d->msg, parts[1]);
	if (d->n_buttons > 0) {
		ui_layout_split(ui, parts[2], UI_ROW, h, d->n_buttons, 8, row);
		for (int i = 0; i < d->n_buttons; i++)
			ui_obj_set_rect(d->buttons[i], row[i]);
	}
}

static void dialog_draw(struct ui_obj *o)
{
	ui_draw_fill(o->ui, o->rect, o->ui->theme->overlay, 0);
}

static const struct ui_class dialog_class;

static void dialog_event(struct ui_obj *o, struct ui_event *e)
{
	if (e->code == UI_EV_LAYOUT)
		arrange((struct ui_dialog *)o);
	ui_obj_event_base(&dialog_class, o, e);
}

static const struct ui_class dialog_class = {
	.name = "dialog",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_dialog),
	.draw = dialog_draw,
	.event = dialog_event,
};

struct ui_obj *ui_dialog_new(struct ui *ui, struct ui_obj *screen,
			     const char *icon, const char *message)
{
	struct ui_obj *o = ui_obj_create(&dialog_class, ui, screen);
	struct ui_dialog *d = (struct ui_dialog *)o;

	o->flags |= UI_F_MODAL;
	d->panel = ui_panel_new(ui, o, UI_ROLE_DIALOG);
	d->icon = ui_label_new(ui, o, icon, UI_LABEL_ICON, UI_ROLE_DIALOG,
			       UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	d->msg = ui_label_new(ui, o, message, UI_LABEL_BODY, UI_ROLE_DIALOG,
			      UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_rect(o, ui_area(ui));
	return o;
}

struct ui_obj *ui_dialog_add_button(struct ui_obj *dlg, const char *icon,
				    const char *label, bool primary)
{
	struct ui_dialog *d = (struct ui_dialog *)dlg;
	struct ui_obj *b;

	if (d->n_buttons == 3)
		return NULL;
	b = ui_button_new(dlg->ui, dlg, icon, label,
			  primary ? UI_BUTTON_PRIMARY : UI_BUTTON_NORMAL);
	d->buttons[d->n_buttons++] = b;
	arrange(d);
	return b;
}
