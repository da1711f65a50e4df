/* The lesson player: one step per screen (title, large text, picture,
 * narration read aloud and replayable), Back / Repeat / Next, "Étape 3
 * sur 8" with a progress bar, then a finish screen. The step reached is
 * saved after every move, so the lesson resumes where it was left. */
#define LOG_TAG "player"
#include "common/log.h"
#include "kiosk/player.h"
#include "kiosk/chrome.h"
#include "ui/ui_button.h"
#include "ui/ui_image.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_progress.h"
#include "ui/ui_screen.h"
#include "ui/ui_speech.h"

#include <stdio.h>

static const struct lesson *cur(const struct kiosk *k)
{
	return k->lessons[k->lesson];
}

void player_open(struct kiosk *k, int i)
{
	const struct lesson *l;
	char msg[768];

	if (i < 0 || i >= k->n_lessons)
		return;
	l = k->lessons[i];
	if (!lesson_ok(l)) {
		/* The senior reads what to do; the trainer reads why. */
		snprintf(msg, sizeof(msg), "%s\n\n(%s)",
			 kiosk_msg(k, M_UNAVAILABLE_MSG), lesson_reason(l));
		kiosk_dialog(k, "⚠", msg);
		return;
	}
	k->lesson = i;
	k->step = state_is_done(k->state, lesson_id(l))
		? 0
		: state_get_step(k->state, lesson_id(l));
	if (k->step < 0 || k->step >= lesson_step_count(l))
		k->step = 0;
	state_set_step(k->state, lesson_id(l), k->step);
	state_save(k->state);
	kiosk_go(k, SCR_STEP);
}

static void move_to(struct kiosk *k, int step)
{
	const struct lesson *l = cur(k);

	if (step >= lesson_step_count(l)) {
		state_set_done(k->state, lesson_id(l));
		state_save(k->state);
		kiosk_go(k, SCR_FINISH);
		return;
	}
	k->step = step < 0 ? 0 : step;
	state_set_step(k->state, lesson_id(l), k->step);
	state_save(k->state);
	kiosk_go(k, SCR_STEP);
}

static void back_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	move_to(k, k->step - 1);
}

static void next_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	move_to(k, k->step + 1);
}

static void repeat_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	kiosk_read_aloud(k);
}

static void restart_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	move_to(k, 0);
}

static struct ui_obj *button(struct kiosk *k, struct ui_obj *scr,
			     const char *id, const char *icon, enum msg label,
			     int kind, ui_click_fn fn, struct ui_rect r)
{
	struct ui_obj *b =
		ui_button_new(k->ui, scr, icon, kiosk_msg(k, label), kind);

	ui_obj_set_id(b, id);
	ui_obj_on_click(b, fn, k);
	ui_obj_set_rect(b, r);
	return b;
}

struct ui_obj *player_build_step(struct kiosk *k)
{
	struct ui *ui = k->ui;
	const struct lesson *l = cur(k);
	int n = lesson_step_count(l), big = ui_get_text_percent(ui) > 100;
	struct ui_obj *scr = ui_screen_new(ui, "step"), *o;
	struct ui_track rows[3] = { UI_MM(10), UI_WEIGHT(1), UI_MM(22) };
	struct ui_track prog[2] = { UI_MM(62), UI_WEIGHT(1) };
	struct ui_track content[2] = { UI_WEIGHT(1), UI_WEIGHT(big ? 2 : 1.3) };
	struct ui_track foot[3] = { UI_WEIGHT(1), UI_WEIGHT(1), UI_WEIGHT(1) };
	struct ui_rect body, r[3], p[2], c[2], f[3], bar;
	char buf[128], num[2][16];
	int th;

	body = kiosk_chrome(k, scr, lesson_title(l, k->set.lang), false);
	ui_layout_split(ui, body, UI_COLUMN, rows, 3, 5, r);

	ui_layout_split(ui, r[0], UI_ROW, prog, 2, 4, p);
	snprintf(num[0], sizeof(num[0]), "%d", k->step + 1);
	snprintf(num[1], sizeof(num[1]), "%d", n);
	i18n_fill(buf, sizeof(buf), kiosk_msg(k, M_STEP_OF), num[0], num[1]);
	o = ui_label_new(ui, scr, buf, UI_LABEL_BODY, UI_ROLE_SCREEN,
			 UI_LABEL_MIDDLE);
	ui_obj_set_id(o, "step-of");
	ui_obj_set_rect(o, p[0]);
	bar = p[1];
	bar.y += bar.h / 4;
	bar.h /= 2;
	o = ui_progress_new(ui, scr);
	ui_obj_set_id(o, "progress");
	ui_progress_set(o, k->step + 1, n);
	ui_obj_set_rect(o, bar);

	ui_layout_split(ui, r[1], UI_ROW, content, 2, 6, c);
	o = ui_image_new(ui, scr, lesson_step_picture(l, k->step));
	ui_obj_set_id(o, "picture");
	ui_obj_set_rect(o, c[0]);
	o = ui_label_new(ui, scr, lesson_step_title(l, k->step, k->set.lang),
			 UI_LABEL_TITLE, UI_ROLE_SCREEN, 0);
	ui_obj_set_id(o, "step-title");
	ui_obj_set_rect(
		o, (struct ui_rect){ c[1].x, c[1].y, c[1].w, c[1].h * 2 / 5 });
	th = ui_label_get_text_height(o);
	ui_obj_set_rect(o, (struct ui_rect){ c[1].x, c[1].y, c[1].w, th });
	o = ui_label_new(ui, scr, lesson_step_text(l, k->step, k->set.lang),
			 UI_LABEL_BODY, UI_ROLE_SCREEN, 0);
	ui_obj_set_id(o, "step-text");
	th += ui_mm(ui, 4);
	ui_obj_set_rect(
		o,
		(struct ui_rect){ c[1].x, c[1].y + th, c[1].w, c[1].h - th });

	ui_layout_split(ui, r[2], UI_ROW, foot, 3, 8, f);
	o = button(k, scr, "back", "←", M_BACK, UI_BUTTON_NORMAL, back_click,
		   f[0]);
	if (k->step == 0)
		ui_obj_add_flags(o, UI_F_HIDDEN);
	button(k, scr, "repeat", "↻", M_REPEAT, UI_BUTTON_NORMAL, repeat_click,
	       f[1]);
	if (k->step + 1 < n)
		button(k, scr, "next", "→", M_NEXT, UI_BUTTON_PRIMARY,
		       next_click, f[2]);
	else
		button(k, scr, "next", "✔", M_FINISH, UI_BUTTON_PRIMARY,
		       next_click, f[2]);

	snprintf(k->reading, sizeof(k->reading), "%s. %s",
		 lesson_step_title(l, k->step, k->set.lang),
		 lesson_step_narration(l, k->step, k->set.lang));
	k->narration = lesson_step_audio(l, k->step, k->set.lang);
	return scr;
}

struct ui_obj *player_build_finish(struct kiosk *k)
{
	struct ui *ui = k->ui;
	const struct lesson *l = cur(k);
	struct ui_obj *scr = ui_screen_new(ui, "finish"), *o;
	struct ui_track rows[3] = { UI_WEIGHT(1.2), UI_WEIGHT(1), UI_MM(24) };
	struct ui_track foot[2] = { UI_WEIGHT(1), UI_WEIGHT(1) };
	struct ui_rect body, r[3], f[2];
	char buf[512];

	body = kiosk_chrome(k, scr, kiosk_msg(k, M_BRAVO), false);
	ui_layout_split(ui, body, UI_COLUMN, rows, 3, 4, r);
	o = ui_label_new(ui, scr, "✔", UI_LABEL_ICON, UI_ROLE_SCREEN,
			 UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_rect(o, r[0]);
	i18n_fill(buf, sizeof(buf), kiosk_msg(k, M_FINISHED),
		  lesson_title(l, k->set.lang), NULL);
	o = ui_label_new(ui, scr, buf, UI_LABEL_TITLE, UI_ROLE_SCREEN,
			 UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(o, "finished");
	ui_obj_set_rect(o, r[1]);
	ui_layout_split(ui, ui_rect_inset(ui, r[2], 0), UI_ROW, foot, 2, 10, f);
	button(k, scr, "restart", "↻", M_RESTART, UI_BUTTON_NORMAL,
	       restart_click, f[0]);
	kiosk_nav_button(k, scr, "lessons", "✎", kiosk_msg(k, M_OTHER_LESSONS),
			 UI_BUTTON_PRIMARY, SCR_LESSONS);
	ui_obj_set_rect(ui_obj_find(scr, "lessons"), f[1]);
	snprintf(k->reading, sizeof(k->reading), "%s %s", kiosk_msg(k, M_BRAVO),
		 buf);
	return scr;
}
