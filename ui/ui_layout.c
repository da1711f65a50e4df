#include "ui/ui_layout.h"

void ui_layout_split(const struct ui *ui, struct ui_rect area, enum ui_dir dir,
		     const struct ui_track *tracks, int n, double gap_mm,
		     struct ui_rect *out)
{
	int total = dir == UI_ROW ? area.w : area.h;
	int gap = ui_mm(ui, gap_mm), fixed = 0, pos, left;
	double weights = 0, scale = 1.0;
	int size[64];

	if (n <= 0 || n > 64)
		return;
	left = total - gap * (n - 1);
	if (left < 0)
		left = 0;
	for (int i = 0; i < n; i++) {
		if (tracks[i].mm > 0)
			fixed += ui_mm(ui, tracks[i].mm);
		else
			weights += tracks[i].weight;
	}
	if (fixed > left && fixed > 0)
		scale = (double)left / fixed;
	for (int i = 0; i < n; i++)
		size[i] = tracks[i].mm > 0
			? (int)(ui_mm(ui, tracks[i].mm) * scale)
			: 0;
	left -= fixed > left ? left : fixed;
	for (int i = 0; i < n; i++)
		if (tracks[i].mm <= 0 && weights > 0)
			size[i] = (int)(left * tracks[i].weight / weights);
	/* Give rounding leftovers to the last track. */
	pos = 0;
	for (int i = 0; i < n; i++)
		pos += size[i];
	size[n - 1] += total - gap * (n - 1) - pos > 0
		? total - gap * (n - 1) - pos
		: 0;
	pos = dir == UI_ROW ? area.x : area.y;
	for (int i = 0; i < n; i++) {
		if (dir == UI_ROW)
			out[i] = (struct ui_rect){ pos, area.y, size[i],
						   area.h };
		else
			out[i] = (struct ui_rect){ area.x, pos, area.w,
						   size[i] };
		pos += size[i] + gap;
	}
}

struct ui_rect ui_rect_inset(const struct ui *ui, struct ui_rect r, double mm)
{
	int d = ui_mm(ui, mm);

	r.x += d;
	r.y += d;
	r.w = r.w > 2 * d ? r.w - 2 * d : 0;
	r.h = r.h > 2 * d ? r.h - 2 * d : 0;
	return r;
}

struct ui_rect ui_rect_center(struct ui_rect r, int w, int h)
{
	return (struct ui_rect){ r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w,
				 h };
}
