/* The lessons: one tile per lesson with its picture, title and a mark
 * ("Nouveau", "✔ Terminé", "Indisponible"), three per page so that a
 * screen never has more than six targets. */
#include "kiosk/list.h"
#include "kiosk/chrome.h"
#include "kiosk/player.h"
#include "ui/ui_button.h"
#include "ui/ui_grid.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_screen.h"

#include <stdio.h>
#include <string.h>

static void open_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;
	int i = -1;

	sscanf(ui_obj_get_id(o), "lesson-%d", &i);
	player_open(k, i - 1);
}

static void more_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	k->page++;
	if (k->page * KIOSK_LIST_PAGE >= k->n_lessons)
		k->page = 0;
	kiosk_go(k, SCR_LESSONS);
}

static void add_tile(struct kiosk *k, struct ui_obj *grid, int i)
{
	const struct lesson *l = k->lessons[i];
	const char *id = lesson_id(l);
	struct ui_obj *b;
	char bid[32], speech[256];

	b = ui_button_new(k->ui, grid, "✎", lesson_title(l, k->set.lang),
			  UI_BUTTON_TILE);
	snprintf(bid, sizeof(bid), "lesson-%d", i + 1);
	ui_obj_set_id(b, bid);
	ui_obj_on_click(b, open_click, k);
	if (lesson_cover(l))
		ui_button_set_picture(b, lesson_cover(l));
	if (!lesson_ok(l)) {
		ui_button_set_badge(b, kiosk_msg(k, M_UNAVAILABLE),
				    UI_ROLE_BADGE_OFF);
		ui_button_set_icon(b, "⚠");
	} else if (state_is_done(k->state, id)) {
		ui_button_set_badge(b, kiosk_msg(k, M_DONE),
				    UI_ROLE_BADGE_DONE);
	} else if (!state_is_opened(k->state, id)) {
		ui_button_set_badge(b, kiosk_msg(k, M_NEW), UI_ROLE_BADGE_NEW);
	}
	if (ui_button_get_badge(b)) {
		snprintf(speech, sizeof(speech), "%s. %s",
			 lesson_title(l, k->set.lang), ui_button_get_badge(b));
		ui_obj_set_speech(b, speech);
	}
	snprintf(speech, sizeof(speech), " %s.", ui_obj_get_speech(b));
	strncat(k->reading, speech,
		sizeof(k->reading) - strlen(k->reading) - 1);
}

struct ui_obj *list_build(struct kiosk *k)
{
	struct ui *ui = k->ui;
	struct ui_obj *scr = ui_screen_new(ui, "lessons"), *o, *grid;
	struct ui_track rows[2] = { UI_MM(14), UI_WEIGHT(1) };
	struct ui_rect body, r[2];
	int first, last;

	body = kiosk_chrome(k, scr, kiosk_msg(k, M_LESSONS_TITLE), true);
	ui_layout_split(ui, body, UI_COLUMN, rows, 2, 3, r);
	o = ui_label_new(ui, scr, kiosk_msg(k, M_LESSONS_INTRO), UI_LABEL_BODY,
			 UI_ROLE_SCREEN, UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_rect(o, r[0]);
	snprintf(k->reading, sizeof(k->reading), "%s",
		 kiosk_msg(k, M_LESSONS_INTRO));
	grid = ui_grid_new(ui, scr, 4, 8);
	if (k->page * KIOSK_LIST_PAGE >= k->n_lessons)
		k->page = 0;
	first = k->page * KIOSK_LIST_PAGE;
	last = first + KIOSK_LIST_PAGE;
	if (last > k->n_lessons)
		last = k->n_lessons;
	for (int i = first; i < last; i++)
		add_tile(k, grid, i);
	if (k->n_lessons > KIOSK_LIST_PAGE) {
		o = ui_button_new(ui, grid, "➡", kiosk_msg(k, M_MORE),
				  UI_BUTTON_TILE);
		ui_obj_set_id(o, "more");
		ui_obj_on_click(o, more_click, k);
	}
	ui_obj_set_rect(grid, r[1]);
	return scr;
}
