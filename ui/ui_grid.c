#include "ui/ui_grid.h"
#include "ui/ui_layout.h"
#include "ui/ui_private.h"

struct ui_grid {
	struct ui_obj obj;
	int max_cols;
	double gap_mm, max_h_mm;
};

void ui_grid_arrange(struct ui_obj *o, double max_cell_h_mm)
{
	struct ui_grid *g = (struct ui_grid *)o;
	struct ui *ui = o->ui;
	int n = o->n_kids, cols, rows, gap = ui_mm(ui, g->gap_mm), cw, ch, y0;

	g->max_h_mm = max_cell_h_mm;
	if (n == 0)
		return;
	cols = n < g->max_cols ? n : g->max_cols;
	rows = (n + cols - 1) / cols;
	cw = (o->rect.w - gap * (cols - 1)) / cols;
	ch = (o->rect.h - gap * (rows - 1)) / rows;
	if (max_cell_h_mm > 0 && ch > ui_mm(ui, max_cell_h_mm))
		ch = ui_mm(ui, max_cell_h_mm);
	y0 = o->rect.y + (o->rect.h - rows * ch - gap * (rows - 1)) / 2;
	for (int i = 0; i < n; i++) {
		int r = i / cols, c = i % cols;
		/* The last row is centred when it is not full. */
		int in_row = r == rows - 1 ? n - r * cols : cols;
		int x0 = o->rect.x +
			(o->rect.w - in_row * cw - gap * (in_row - 1)) / 2;
		struct ui_rect cell = { x0 + c * (cw + gap),
					y0 + r * (ch + gap), cw, ch };

		ui_obj_set_rect(o->kids[i], cell);
	}
	ui_obj_invalidate(o);
}

static const struct ui_class grid_class;

static void grid_event(struct ui_obj *o, struct ui_event *e)
{
	if (e->code == UI_EV_LAYOUT)
		ui_grid_arrange(o, ((struct ui_grid *)o)->max_h_mm);
	ui_obj_event_base(&grid_class, o, e);
}

static const struct ui_class grid_class = {
	.name = "grid",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_grid),
	.event = grid_event,
};

struct ui_obj *ui_grid_new(struct ui *ui, struct ui_obj *parent, int max_cols,
			   double gap_mm)
{
	struct ui_obj *o = ui_obj_create(&grid_class, ui, parent);
	struct ui_grid *g = (struct ui_grid *)o;

	g->max_cols = max_cols > 0 ? max_cols : 3;
	g->gap_mm = gap_mm;
	return o;
}
