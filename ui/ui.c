/* The context: owns the backend and the current screen, dispatches touch
 * decisions to widgets and draws only when something is dirty. */
#include "ui/ui_private.h"
#include "ui/ui_speech.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Slop around a target: a trembling finger that lands or lifts just
 * outside the button still counts (SENIORS.md "generous slop"). */
#define UI_SLOP_MM 4.0

static int64_t real_now(void *user)
{
	(void)user;
	return clock_mono_ms();
}

struct ui *ui_new(const struct ui_config *cfg, char *err, size_t errlen)
{
	struct ui *ui = XNEW(struct ui);

	ui->cfg = *cfg;
	if (ui->cfg.dpi <= 0)
		ui->cfg.dpi = 150;
	if (ui->cfg.text_percent < 50)
		ui->cfg.text_percent = 100;
	ui->theme = ui_theme_get(cfg->theme);
	ui->now_ms = real_now;
	ui->be = ui_backend_new(ui, err, errlen);
	if (!ui->be)
		goto fail;
	ui->dirty = true;
	return ui;
fail:
	free(ui);
	return NULL;
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	ui_obj_free(ui->screen);
	ui_backend_free(ui->be);
	free(ui);
}

int ui_mm(const struct ui *ui, double mm)
{
	return (int)lround(mm * ui->cfg.dpi / 25.4);
}

double ui_px_to_mm(const struct ui *ui, int px)
{
	return px * 25.4 / ui->cfg.dpi;
}

struct ui_rect ui_area(const struct ui *ui)
{
	return (struct ui_rect){ 0, 0, ui->cfg.width, ui->cfg.height };
}

static void restyle(struct ui *ui)
{
	struct ui_event e = { UI_EV_STYLE };

	ui_backend_fonts_changed(ui->be);
	if (ui->screen)
		ui_obj_send(ui->screen, &e);
	ui->dirty = true;
}

void ui_set_theme(struct ui *ui, enum ui_theme_id id)
{
	ui->cfg.theme = id;
	ui->theme = ui_theme_get(id);
	restyle(ui);
}

enum ui_theme_id ui_get_theme(const struct ui *ui)
{
	return ui->cfg.theme;
}

void ui_set_text_percent(struct ui *ui, int percent)
{
	ui->cfg.text_percent = percent;
	restyle(ui);
}

int ui_get_text_percent(const struct ui *ui)
{
	return ui->cfg.text_percent;
}

void ui_show_screen(struct ui *ui, struct ui_obj *screen)
{
	struct ui_obj *old = ui->screen;

	ui_touch_reset(&ui->touch);
	ui->screen = screen;
	ui_obj_free(old);
	ui->dirty = true;
}

struct ui_obj *ui_current_screen(const struct ui *ui)
{
	return ui->screen;
}

void ui_invalidate(struct ui *ui)
{
	ui->dirty = true;
}

bool ui_is_dirty(const struct ui *ui)
{
	return ui->dirty;
}

void ui_draw_frame_now(struct ui *ui)
{
	ui->ink = (struct ui_audit_ink){ .min_contrast = 21.0,
					 .min_body_px = 1000,
					 .min_button_px = 1000 };
	ui_backend_begin(ui->be, ui->theme->screen.bg);
	if (ui->screen)
		ui_obj_draw_tree(ui->screen);
}

void ui_render_force(struct ui *ui)
{
	ui_draw_frame_now(ui);
	ui_backend_present(ui->be);
	ui->dirty = false;
}

bool ui_render(struct ui *ui)
{
	if (!ui->dirty)
		return false;
	ui_render_force(ui);
	return true;
}

/* Pixels are read from a freshly drawn back buffer: after a present its
 * content is undefined on some renderers. */
int ui_save_png(struct ui *ui, const char *path)
{
	int rc;

	ui_draw_frame_now(ui);
	rc = ui_backend_save_png(ui->be, path);
	ui_backend_present(ui->be);
	ui->dirty = false;
	return rc;
}

int ui_compare_png(struct ui *ui, const char *path, int delta, long *differ)
{
	int rc;

	ui_draw_frame_now(ui);
	rc = ui_backend_compare_png(ui->be, path, delta, differ);
	ui_backend_present(ui->be);
	ui->dirty = false;
	return rc;
}

int64_t ui_now(const struct ui *ui)
{
	return ui->now_ms(ui->now_user);
}

void ui_set_clock(struct ui *ui, int64_t (*now_ms)(void *), void *user)
{
	ui->now_ms = now_ms ? now_ms : real_now;
	ui->now_user = user;
}

void ui_set_observer(struct ui *ui, ui_observer_fn fn, void *user)
{
	ui->observer = fn;
	ui->observer_user = user;
}

void ui_set_speech(struct ui *ui, struct ui_speech *sp, bool on_touch)
{
	ui->speech = sp;
	ui->speak_on_touch = on_touch;
}

static void note(struct ui *ui, enum ui_note n, const struct ui_obj *o)
{
	if (ui->observer)
		ui->observer(ui->observer_user, n, o);
}

static bool inside(struct ui *ui, int x, int y)
{
	struct ui_obj *t = ui->touch.target;
	int slop = ui_mm(ui, UI_SLOP_MM);

	return t && x >= t->rect.x - slop && x < t->rect.x + t->rect.w + slop &&
		y >= t->rect.y - slop && y < t->rect.y + t->rect.h + slop;
}

void ui_input_press(struct ui *ui, int x, int y)
{
	struct ui_obj *t = ui_hit_test(ui, x, y, ui_mm(ui, UI_SLOP_MM));
	struct ui_event e = { UI_EV_PRESSED };

	switch (ui_touch_press(&ui->touch, t, ui_now(ui))) {
	case UI_TOUCH_PRESSED:
		ui_obj_send(t, &e);
		note(ui, UI_NOTE_PRESS, t);
		if (ui->speech && ui->speak_on_touch && t->speak)
			ui_speech_say(ui->speech, t->speak);
		break;
	case UI_TOUCH_IGNORED:
		note(ui, UI_NOTE_IGNORED, t);
		break;
	default:
		break;
	}
}

void ui_input_move(struct ui *ui, int x, int y)
{
	struct ui_obj *t = ui->touch.target;
	struct ui_event e = { UI_EV_PRESS_LOST };

	if (ui_touch_move(&ui->touch, inside(ui, x, y)) == UI_TOUCH_LOST) {
		ui_obj_send(t, &e);
		note(ui, UI_NOTE_SLID_OFF, t);
	}
}

void ui_input_release(struct ui *ui, int x, int y)
{
	struct ui_obj *pressed = ui->touch.target, *t;
	struct ui_event e = { UI_EV_RELEASED };
	enum ui_touch_result r;

	r = ui_touch_release(&ui->touch, inside(ui, x, y), ui_now(ui), &t);
	if (pressed) {
		e.code = r == UI_TOUCH_ACTIVATE ? UI_EV_RELEASED
						: UI_EV_PRESS_LOST;
		ui_obj_send(pressed, &e);
	}
	if (r == UI_TOUCH_LOST) {
		note(ui, UI_NOTE_SLID_OFF, pressed);
	} else if (r == UI_TOUCH_ACTIVATE) {
		note(ui, UI_NOTE_ACTIVATE, t);
		ui_obj_click(t);
	}
}

/* Act on one input the backend read. Returns false if it asks to quit. */
static bool handle_input(struct ui *ui, const struct ui_input_event *in)
{
	switch (in->kind) {
	case UI_INPUT_PRESS:
		ui_input_press(ui, in->x, in->y);
		break;
	case UI_INPUT_MOVE:
		ui_input_move(ui, in->x, in->y);
		break;
	case UI_INPUT_RELEASE:
		ui_input_release(ui, in->x, in->y);
		break;
	case UI_INPUT_EXPOSE:
		ui->dirty = true;
		break;
	case UI_INPUT_QUIT:
		return false;
	case UI_INPUT_NONE:
		break;
	}
	return true;
}

/* Everything already queued is handled in one call, in order: the caller
 * then draws once for the whole batch. */
enum ui_wait ui_wait(struct ui *ui, int timeout_ms)
{
	struct ui_input_event in;

	if (!ui_backend_wait(ui->be, timeout_ms, &in))
		return UI_WAIT_TIMEOUT;
	do {
		if (!handle_input(ui, &in))
			return UI_WAIT_QUIT;
	} while (ui_backend_poll(ui->be, &in));
	return UI_WAIT_EVENT;
}

void ui_wake(struct ui *ui)
{
	ui_backend_wake(ui->be);
}
