/* Home: the tearoom's name, the date and time in words, and one big tile
 * per thing this kiosk offers. The tiles come from a table, so calls and
 * help slot in with one line each when they exist. */
#include "kiosk/home.h"
#include "kiosk/chrome.h"
#include "ui/ui_button.h"
#include "ui/ui_grid.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_screen.h"

#include <stdio.h>

#define HEADER_MM 22.0

struct home_tile {
	const char *id, *icon;
	enum msg label;
	enum kiosk_screen to;
	bool (*offered)(const struct kiosk *k);
};

static bool always(const struct kiosk *k)
{
	(void)k;
	return true;
}

static bool not_yet(const struct kiosk *k)
{
	/* Calls and help arrive with later work (issue 6 leaves room). */
	(void)k;
	return false;
}

static const struct home_tile tiles[] = {
	{ "lessons", "✎", M_LESSONS, SCR_LESSONS, always },
	{ "calls", "☎", M_CALLS, SCR_HOME, not_yet },
	{ "help", "?", M_HELP, SCR_HOME, not_yet },
};

static void listen_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	kiosk_say(k, k->reading);
}

/* The trainer's exit: three taps on the tearoom's name within a few
 * seconds (SENIORS.md allows this one hidden corner, behind a PIN). */
static void trainer_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;
	int64_t now = ui_now(k->ui);

	(void)o;
	if (k->trainer_taps == 0 ||
	    now - k->trainer_first_ms > KIOSK_TRAINER_WINDOW_MS) {
		k->trainer_taps = 0;
		k->trainer_first_ms = now;
	}
	if (++k->trainer_taps >= KIOSK_TRAINER_TAPS) {
		k->trainer_taps = 0;
		k->pin_entry[0] = 0;
		k->pin_wrong = false;
		kiosk_go(k, SCR_PIN);
	}
}

struct ui_obj *home_build(struct kiosk *k)
{
	struct ui *ui = k->ui;
	struct ui_obj *scr = ui_screen_new(ui, "home"), *o, *grid;
	struct ui_rect area = ui_area(ui), hdr = area, body, rows[3];
	struct ui_track br[3] = { UI_MM(13), UI_MM(10), UI_WEIGHT(1) };
	char date[128];
	struct tm tm;

	hdr.h = ui_mm(ui, HEADER_MM);
	o = ui_panel_new(ui, scr, UI_ROLE_HEADER);
	ui_obj_set_rect(o, hdr);
	o = ui_label_new(ui, scr, k->tearoom, UI_LABEL_TITLE, UI_ROLE_HEADER,
			 UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(o, "tearoom");
	ui_obj_set_rect(o, ui_rect_inset(ui, hdr, 4));
	o = ui_obj_new(ui, scr);
	ui_obj_set_id(o, "trainer");
	ui_obj_add_flags(o, UI_F_CLICKABLE | UI_F_TRAINER);
	ui_obj_set_rect(o, (struct ui_rect){ 0, 0, ui_mm(ui, 20), hdr.h });
	ui_obj_on_click(o, trainer_click, k);

	body = ui_rect_inset(ui, area, 6);
	body.y = hdr.h + ui_mm(ui, 4);
	body.h = area.h - body.y - ui_mm(ui, 7);
	ui_layout_split(ui, body, UI_COLUMN, br, 3, 2, rows);
	/* The date and time, big: many users come to know the day too. */
	kiosk_localtime(k, &tm);
	k->date_minute = tm.tm_min;
	i18n_format_date(k->set.lang, &tm, date, sizeof(date));
	k->date_label =
		ui_label_new(ui, scr, date, UI_LABEL_TITLE, UI_ROLE_SCREEN,
			     UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(k->date_label, "date");
	ui_obj_set_rect(k->date_label, rows[0]);
	o = ui_label_new(ui, scr, kiosk_msg(k, M_WELCOME), UI_LABEL_BODY,
			 UI_ROLE_SCREEN, UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(o, "welcome");
	ui_obj_set_rect(o, rows[1]);
	grid = ui_grid_new(ui, scr, 3, 10);
	for (size_t i = 0; i < sizeof(tiles) / sizeof(tiles[0]); i++) {
		if (!tiles[i].offered(k))
			continue;
		kiosk_nav_button(k, grid, tiles[i].id, tiles[i].icon,
				 kiosk_msg(k, tiles[i].label), UI_BUTTON_TILE,
				 tiles[i].to);
	}
	o = ui_button_new(ui, grid, "♪", kiosk_msg(k, M_LISTEN),
			  UI_BUTTON_TILE);
	ui_obj_set_id(o, "listen");
	ui_obj_on_click(o, listen_click, k);
	ui_grid_arrange(grid, 75);
	ui_obj_set_rect(grid, rows[2]);
	snprintf(k->reading, sizeof(k->reading), "%s. %s. %s %s", k->tearoom,
		 date, kiosk_msg(k, M_WELCOME), kiosk_msg(k, M_HOME_READ));
	return scr;
}
