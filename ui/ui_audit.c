#include "ui/ui_audit.h"
#include "ui/ui_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_TARGETS 64

struct ui_audit_rules ui_audit_default_rules(void)
{
	return (struct ui_audit_rules){ .min_target_mm = 15,
					.min_gap_mm = 5,
					.max_targets = 6,
					.min_contrast = 7,
					.min_body_px = 28,
					.min_button_px = 40 };
}

static void problem(struct ui_audit_report *rep, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct ui_audit_report *rep, const char *fmt, ...)
{
	size_t len = strlen(rep->text);
	va_list ap;

	rep->problems++;
	if (len + 2 >= sizeof(rep->text))
		return;
	if (len)
		rep->text[len++] = '\n';
	va_start(ap, fmt);
	vsnprintf(rep->text + len, sizeof(rep->text) - len, fmt, ap);
	va_end(ap);
}

static void collect(struct ui_obj *o, struct ui_obj **out, int *n)
{
	if (o->flags & UI_F_HIDDEN)
		return;
	if ((o->flags & UI_F_CLICKABLE) && !(o->flags & UI_F_TRAINER) &&
	    *n < MAX_TARGETS)
		out[(*n)++] = o;
	for (int i = 0; i < o->n_kids; i++)
		collect(o->kids[i], out, n);
}

/* Distance between two rectangles in pixels (0 if they touch). */
static double gap_px(struct ui_rect a, struct ui_rect b)
{
	int dx = 0, dy = 0;

	if (a.x + a.w <= b.x)
		dx = b.x - (a.x + a.w);
	else if (b.x + b.w <= a.x)
		dx = a.x - (b.x + b.w);
	if (a.y + a.h <= b.y)
		dy = b.y - (a.y + a.h);
	else if (b.y + b.h <= a.y)
		dy = a.y - (b.y + b.h);
	return sqrt((double)dx * dx + (double)dy * dy);
}

static const char *name_of(const struct ui_obj *o)
{
	return o->id ? o->id : o->cls->name;
}

int ui_audit_screen(struct ui *ui, const struct ui_audit_rules *rules,
		    bool is_home, struct ui_audit_report *rep)
{
	struct ui_obj *t[MAX_TARGETS], *root = ui->screen;
	int n = 0;
	bool trainer;

	memset(rep, 0, sizeof(*rep));
	rep->min_target_mm = rep->min_gap_mm = 1e9;
	if (!root) {
		problem(rep, "no screen");
		return rep->problems;
	}
	trainer = root->flags & UI_F_TRAINER;
	/* A dialog covers the screen: only its own targets are reachable. */
	for (int i = root->n_kids - 1; i >= 0; i--) {
		if ((root->kids[i]->flags & UI_F_MODAL) &&
		    !(root->kids[i]->flags & UI_F_HIDDEN)) {
			root = root->kids[i];
			break;
		}
	}
	ui_draw_frame_now(ui);
	ui->dirty = true;
	collect(root, t, &n);
	rep->targets = n;
	rep->min_contrast = ui->ink.min_contrast;
	rep->min_body_px = ui->ink.min_body_px;
	rep->min_button_px = ui->ink.min_button_px;
	if (!trainer && n > rules->max_targets)
		problem(rep, "%d targets, at most %d", n, rules->max_targets);
	for (int i = 0; i < n; i++) {
		struct ui_rect r = t[i]->rect;
		double mm = ui_px_to_mm(ui, r.w < r.h ? r.w : r.h);

		if (mm < rep->min_target_mm)
			rep->min_target_mm = mm;
		if (mm + 1e-9 < rules->min_target_mm)
			problem(rep, "target %s is %.1f mm, under %.0f mm",
				name_of(t[i]), mm, rules->min_target_mm);
		if (t[i]->flags & UI_F_HOME)
			rep->way_home = true;
		for (int j = i + 1; j < n; j++) {
			double g = ui_px_to_mm(
				ui, (int)lround(gap_px(r, t[j]->rect)));

			if (g < rep->min_gap_mm)
				rep->min_gap_mm = g;
			if (g + 1e-9 < rules->min_gap_mm)
				problem(rep,
					"targets %s and %s are %.1f mm apart, under %.0f mm",
					name_of(t[i]), name_of(t[j]), g,
					rules->min_gap_mm);
		}
	}
	/* In a dialog, any answer leads back to a screen with a way home. */
	if (root != ui->screen && n > 0)
		rep->way_home = true;
	if (is_home)
		rep->way_home = true;
	if (!rep->way_home)
		problem(rep, "no visible way home");
	if (ui->ink.texts && rep->min_contrast + 1e-9 < rules->min_contrast)
		problem(rep, "text contrast %.2f:1, under %.0f:1",
			rep->min_contrast, rules->min_contrast);
	if (ui->ink.overflow)
		problem(rep, "%d text%s do not fit their place",
			ui->ink.overflow, ui->ink.overflow == 1 ? "" : "s");
	if (ui->ink.min_body_px < rules->min_body_px)
		problem(rep, "body text %d px, under %d px", rep->min_body_px,
			rules->min_body_px);
	if (ui->ink.min_button_px < rules->min_button_px)
		problem(rep, "button text %d px, under %d px",
			rep->min_button_px, rules->min_button_px);
	if (!rep->problems)
		snprintf(
			rep->text, sizeof(rep->text),
			"targets=%d min_target=%.1fmm min_gap=%.1fmm contrast=%.1f body=%dpx button=%dpx",
			n, n ? rep->min_target_mm : 0,
			n > 1 ? rep->min_gap_mm : 0, rep->min_contrast,
			rep->min_body_px, rep->min_button_px);
	return rep->problems;
}
