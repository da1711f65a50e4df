/* A tile grid: lays its children out in equal cells, at most @max_cols
 * per row, with a gap in millimetres. Adding a tile later (calls, help)
 * needs no change to the screen that holds the grid. */
#ifndef LUCARNE_UI_GRID_H
#define LUCARNE_UI_GRID_H

#include "ui/ui_obj.h"

struct ui_obj *ui_grid_new(struct ui *ui, struct ui_obj *parent, int max_cols,
			   double gap_mm);
/* Place the children now (also done whenever the grid's rectangle is
 * set). Rows are as tall as the grid allows, up to @max_cell_h_mm (0: no
 * limit), and the block is centred. */
void ui_grid_arrange(struct ui_obj *o, double max_cell_h_mm);

#endif
