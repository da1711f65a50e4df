/* Widgets in a headless window: taps through the real input path, the
 * modal dialog, the audit's teeth, label wrapping, progress and video. */
#include "common/err.h"
#include "tests/tap.h"
#include "ui/ui.h"
#include "ui/ui_audit.h"
#include "ui/ui_button.h"
#include "ui/ui_dialog.h"
#include "ui/ui_grid.h"
#include "ui/ui_image.h"
#include "ui/ui_label.h"
#include "ui/ui_progress.h"
#include "ui/ui_screen.h"
#include "ui/ui_video.h"

#include <stdint.h>
#include <string.h>

static int64_t now_ms = 100000;

static int64_t fake_now(void *u)
{
	(void)u;
	return now_ms;
}

static int clicks;

static void count(struct ui_obj *o, void *u)
{
	(void)o;
	(void)u;
	clicks++;
}

static void tap(struct ui *ui, int x, int y)
{
	ui_input_press(ui, x, y);
	now_ms += 80;
	ui_input_release(ui, x, y);
	now_ms += 600;
}

int main(void)
{
	struct ui_config cfg = { .width = 1280,
				 .height = 800,
				 .dpi = 150,
				 .headless = true,
				 .text_percent = 100 };
	struct ui_audit_rules rules = ui_audit_default_rules();
	struct ui_audit_report rep;
	struct ui_obj *scr, *a, *b, *lab, *dlg, *ok_b, *p, *v, *g, *im;
	char err[256];
	struct ui *ui = ui_new(&cfg, err, sizeof(err));
	uint8_t y[64 * 48], u[32 * 24], vv[32 * 24];
	int h1, h2;

	ok(ui != NULL, "headless ui (%s)", ui ? "ok" : err);
	if (!ui)
		return done();
	ui_set_clock(ui, fake_now, NULL);
	scr = ui_screen_new(ui, "test");
	a = ui_button_new(ui, scr, "⌂", "Accueil", UI_BUTTON_NORMAL);
	ui_obj_set_id(a, "a");
	ui_obj_add_flags(a, UI_F_HOME);
	ui_obj_set_rect(a, (struct ui_rect){ 100, 100, 300, 120 });
	ui_obj_on_click(a, count, NULL);
	b = ui_button_new(ui, scr, "→", "Suivant", UI_BUTTON_PRIMARY);
	ui_obj_set_id(b, "b");
	ui_obj_set_rect(b, (struct ui_rect){ 500, 100, 300, 120 });
	ui_show_screen(ui, scr);
	ok(ui_render(ui), "the first frame is drawn");
	ok(!ui_render(ui), "nothing changed: no frame");

	ui_input_press(ui, 200, 150);
	ok(ui_obj_has_flags(a, UI_F_PRESSED), "pressed on touch");
	ok(ui_is_dirty(ui), "and a frame is due (feedback on the next frame)");
	now_ms += 80;
	ui_input_release(ui, 200, 150);
	is_int(clicks, 1, "released inside: one click");
	ok(!ui_obj_has_flags(a, UI_F_PRESSED), "no longer pressed");
	now_ms += 100;
	tap(ui, 200, 150);
	is_int(clicks, 1, "a second tap 100 ms later is ignored");
	tap(ui, 200, 150);
	is_int(clicks, 2, "a tap after the guard time counts");
	tap(ui, 95, 150);
	is_int(clicks, 3, "5 px left of the button is within the slop");
	ui_input_press(ui, 200, 150);
	ui_input_move(ui, 200, 400);
	ok(!ui_obj_has_flags(a, UI_F_PRESSED), "sliding off drops the press");
	ui_input_release(ui, 200, 150);
	is_int(clicks, 3, "and nothing happens on release");
	now_ms += 600;
	ok(ui_obj_find(scr, "b") == b && !ui_obj_find(scr, "zz"), "find by id");

	is_int(ui_audit_screen(ui, &rules, false, &rep), 0,
	       "two big buttons pass the audit");
	ok(rep.way_home && rep.targets == 2, "a way home, two targets");
	ok(rep.min_contrast >= 7, "contrast %.1f measured on what is drawn",
	   rep.min_contrast);

	/* The dialog takes every touch while it is shown. */
	dlg = ui_dialog_new(ui, scr, "⚠", "Un message.");
	ok_b = ui_dialog_add_button(dlg, "✔", "D'accord", true);
	ui_obj_on_click(ok_b, count, NULL);
	tap(ui, 200, 150);
	is_int(clicks, 3, "the button under the dialog does not react");
	{
		struct ui_rect r = ui_obj_get_rect(ok_b);

		tap(ui, r.x + r.w / 2, r.y + r.h / 2);
	}
	is_int(clicks, 4, "the dialog's button does");
	ui_obj_free(dlg);
	tap(ui, 200, 150);
	is_int(clicks, 5, "once closed, the screen reacts again");

	/* The audit has teeth: seven small targets, too close, no home. */
	scr = ui_screen_new(ui, "bad");
	for (int i = 0; i < 7; i++) {
		struct ui_obj *o =
			ui_button_new(ui, scr, "?", "x", UI_BUTTON_NORMAL);

		ui_obj_set_rect(o, (struct ui_rect){ 10 + i * 90, 10, 80, 80 });
	}
	ui_show_screen(ui, scr);
	ok(ui_audit_screen(ui, &rules, false, &rep) > 0, "a bad screen fails");
	ok(strstr(rep.text, "7 targets, at most 6") != NULL,
	   "too many targets");
	ok(strstr(rep.text, "mm, under 15 mm") != NULL, "too small");
	ok(strstr(rep.text, "apart, under 5 mm") != NULL, "too close");
	ok(strstr(rep.text, "no visible way home") != NULL, "no way home");
	ok(strstr(rep.text, "do not fit") != NULL, "words that do not fit");

	scr = ui_screen_new(ui, "widgets");
	lab = ui_label_new(
		ui, scr, "Un texte assez long pour tenir sur plusieurs lignes.",
		UI_LABEL_BODY, UI_ROLE_SCREEN, 0);
	ui_obj_set_rect(lab, (struct ui_rect){ 0, 0, 1200, 400 });
	h1 = ui_label_get_text_height(lab);
	ui_obj_set_rect(lab, (struct ui_rect){ 0, 0, 300, 400 });
	h2 = ui_label_get_text_height(lab);
	ok(h1 > 0 && h2 >= 3 * h1, "a narrower label wraps onto more lines");
	ui_label_set_text(lab, "Court");
	is_str(ui_label_get_text(lab), "Court", "text replaced");
	p = ui_progress_new(ui, scr);
	ui_progress_set(p, 3, 8);
	is_int(ui_progress_permille(p), 375, "3 of 8 is 37.5 %");
	ui_progress_set(p, 12, 8);
	is_int(ui_progress_permille(p), 1000, "clamped to full");
	im = ui_image_new(ui, scr, "/nonexistent.png");
	ok(!ui_image_ok(im), "a missing picture is reported, not fatal");
	g = ui_grid_new(ui, scr, 3, 5);
	for (int i = 0; i < 4; i++)
		ui_button_new(ui, g, "✎", "Tuile", UI_BUTTON_TILE);
	ui_obj_set_rect(g, (struct ui_rect){ 0, 0, 1000, 500 });
	ok(ui_obj_get_rect(ui_obj_child(g, 3)).y >
		   ui_obj_get_rect(ui_obj_child(g, 0)).y,
	   "the fourth tile goes to a second row");

	v = ui_video_new(ui, scr);
	ui_obj_set_rect(v, (struct ui_rect){ 0, 500, 320, 240 });
	memset(y, 200, sizeof(y));
	memset(u, 128, sizeof(u));
	memset(vv, 128, sizeof(vv));
	is_int(ui_video_push_i420(v, 64, 48, y, 64, u, 32, vv, 32), 0,
	       "an I420 frame is uploaded");
	is_int(ui_video_push_i420(v, 63, 48, y, 64, u, 32, vv, 32), LC_EINVAL,
	       "odd sizes are refused");
	is_int(ui_video_frames(v), 1, "one frame shown");
	ui_show_screen(ui, scr);
	ok(ui_render(ui), "everything draws");
	ui_set_theme(ui, UI_THEME_CONTRAST);
	ui_set_text_percent(ui, 150);
	ok(ui_render(ui), "and draws again after a theme and size change");
	ui_free(ui);
	return done();
}
