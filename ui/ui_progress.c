#include "ui/ui_progress.h"
#include "ui/ui_private.h"

struct ui_progress {
	struct ui_obj obj;
	int value, max;
};

int ui_progress_permille(const struct ui_obj *o)
{
	const struct ui_progress *p = (const struct ui_progress *)o;

	if (p->max <= 0)
		return 0;
	return (int)(1000L * p->value / p->max);
}

static void progress_draw(struct ui_obj *o)
{
	const struct ui_theme *t = o->ui->theme;
	struct ui_rect r = o->rect, f;
	int radius = r.h / 2, bw = ui_mm(o->ui, 0.5);

	ui_draw_fill(o->ui, r, t->track, radius);
	f = r;
	f.w = (int)((long)r.w * ui_progress_permille(o) / 1000);
	if (f.w > 0) {
		if (f.w < r.h)
			f.w = r.h; /* keep the rounded end visible */
		ui_draw_fill(o->ui, f, t->fill, radius);
	}
	ui_draw_frame(o->ui, r, t->border, bw, radius);
}

static const struct ui_class progress_class = {
	.name = "progress",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_progress),
	.draw = progress_draw,
};

struct ui_obj *ui_progress_new(struct ui *ui, struct ui_obj *parent)
{
	return ui_obj_create(&progress_class, ui, parent);
}

void ui_progress_set(struct ui_obj *o, int value, int max)
{
	struct ui_progress *p = (struct ui_progress *)o;

	if (value < 0)
		value = 0;
	if (max > 0 && value > max)
		value = max;
	p->value = value;
	p->max = max;
	ui_obj_invalidate(o);
}
