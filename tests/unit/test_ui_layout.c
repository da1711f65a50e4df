/* Millimetres to pixels and row/column splitting. */
#include "tests/tap.h"
#include "ui/ui.h"
#include "ui/ui_layout.h"

#include <stdlib.h>

int main(void)
{
	struct ui_config cfg = { .width = 1280,
				 .height = 800,
				 .dpi = 150,
				 .headless = true,
				 .text_percent = 100 };
	struct ui_track t3[3] = { UI_MM(20), UI_WEIGHT(1), UI_WEIGHT(2) };
	struct ui_track big[2] = { UI_MM(200), UI_MM(200) };
	struct ui_rect area = { 10, 20, 1000, 300 }, out[3];
	char err[256];
	struct ui *ui = ui_new(&cfg, err, sizeof(err));

	ok(ui != NULL, "headless ui (%s)", ui ? "ok" : err);
	if (!ui)
		return done();
	is_int(ui_mm(ui, 25.4), 150, "an inch is the DPI");
	is_int(ui_mm(ui, 15), 89, "15 mm is 89 px on a 10-inch 1280x800 panel");
	ok(ui_px_to_mm(ui, 150) > 25.39 && ui_px_to_mm(ui, 150) < 25.41,
	   "and back");
	ui_layout_split(ui, area, UI_ROW, t3, 3, 5, out);
	is_int(out[0].w, 118, "fixed track: 20 mm");
	is_int(out[1].x, 10 + 118 + 30, "5 mm gap");
	is_int(out[2].w, 2 * out[1].w + (out[2].w - 2 * out[1].w),
	       "weights share the rest");
	ok(abs(out[2].w - 2 * out[1].w) <= 2, "in proportion 1:2");
	is_int(out[2].x + out[2].w, area.x + area.w,
	       "the tracks cover the area exactly");
	ok(out[0].y == 20 && out[0].h == 300, "a row keeps the height");
	ui_layout_split(ui, area, UI_COLUMN, t3, 3, 5, out);
	is_int(out[0].h, 118, "columns: fixed height");
	is_int(out[2].y + out[2].h, 320, "cover the height");
	ui_layout_split(ui, area, UI_ROW, big, 2, 0, out);
	ok(out[0].w + out[1].w <= 1000, "fixed tracks shrink to fit");
	area = ui_rect_inset(ui, (struct ui_rect){ 0, 0, 10, 10 }, 5);
	ok(area.w == 0 && area.h == 0, "inset never goes negative");
	area = ui_rect_center((struct ui_rect){ 0, 0, 100, 50 }, 20, 10);
	ok(area.x == 40 && area.y == 20, "centre");
	ui_free(ui);
	return done();
}
