/* The trainer's corner, behind a PIN: text size, colours, voice and its
 * speed, speak-on-touch, language and the idle timeout. Each setting is
 * one big button that steps through its values; "Terminé" saves them in
 * the kiosk's state file. These screens are for the trainer, so they may
 * have more than six targets (the audit knows them by UI_F_TRAINER). */
#include "kiosk/trainer.h"
#include "kiosk/chrome.h"
#include "ui/ui_button.h"
#include "ui/ui_grid.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_screen.h"

#include <stdio.h>
#include <string.h>

static void pin_show(struct kiosk *k)
{
	char buf[64] = "";
	size_t n = strlen(k->pin_entry);

	for (size_t i = 0; i < KIOSK_PIN_MAX && i < 4 + n; i++)
		strcat(buf, i < n ? "● " : "_ ");
	ui_label_set_text(k->pin_label,
			  k->pin_wrong ? kiosk_msg(k, M_PIN_WRONG) : buf);
}

static void key_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;
	const char *id = ui_obj_get_id(o);
	size_t n = strlen(k->pin_entry);

	k->pin_wrong = false;
	if (strcmp(id, "erase") == 0) {
		if (n)
			k->pin_entry[n - 1] = 0;
	} else if (strcmp(id, "enter") == 0) {
		if (strcmp(k->pin_entry, k->pin) == 0) {
			k->pin_entry[0] = 0;
			kiosk_go(k, SCR_SETTINGS);
			return;
		}
		k->pin_wrong = true;
		k->pin_entry[0] = 0;
	} else if (n < KIOSK_PIN_MAX) {
		k->pin_entry[n] = id[4]; /* "key-7" */
		k->pin_entry[n + 1] = 0;
	}
	pin_show(k);
}

static struct ui_obj *pin_button(struct kiosk *k, struct ui_obj *parent,
				 const char *id, const char *icon,
				 const char *word, int kind)
{
	struct ui_obj *b = ui_button_new(k->ui, parent, icon, word, kind);

	ui_obj_set_id(b, id);
	ui_obj_on_click(b, key_click, k);
	return b;
}

struct ui_obj *trainer_build_pin(struct kiosk *k)
{
	struct ui *ui = k->ui;
	struct ui_obj *scr = ui_screen_new(ui, "pin"), *grid;
	struct ui_track cols[2] = { UI_WEIGHT(1), UI_MM(110) };
	struct ui_track left[3] = { UI_WEIGHT(1), UI_MM(20), UI_MM(20) };
	struct ui_rect body, c[2], l[3];

	ui_obj_add_flags(scr, UI_F_TRAINER);
	body = kiosk_chrome(k, scr, kiosk_msg(k, M_PIN_TITLE), false);
	ui_layout_split(ui, body, UI_ROW, cols, 2, 8, c);
	ui_layout_split(ui, c[0], UI_COLUMN, left, 3, 5, l);
	k->pin_label = ui_label_new(ui, scr, "", UI_LABEL_TITLE, UI_ROLE_SCREEN,
				    UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(k->pin_label, "pin");
	ui_obj_set_rect(k->pin_label, l[0]);
	pin_show(k);
	ui_obj_set_rect(pin_button(k, scr, "erase", "⌫", kiosk_msg(k, M_ERASE),
				   UI_BUTTON_NORMAL),
			l[1]);
	ui_obj_set_rect(pin_button(k, scr, "enter", "✔",
				   kiosk_msg(k, M_CONFIRM), UI_BUTTON_PRIMARY),
			l[2]);
	/* Digits are their own word: no icon needed. */
	grid = ui_grid_new(ui, scr, 3, 5);
	for (int i = 0; i < 10; i++) {
		char id[8], word[2] = { (char)('0' + (i + 1) % 10), 0 };

		snprintf(id, sizeof(id), "key-%c", word[0]);
		pin_button(k, grid, id, NULL, word, UI_BUTTON_NORMAL);
	}
	ui_obj_set_rect(grid, c[1]);
	snprintf(k->reading, sizeof(k->reading), "%s",
		 kiosk_msg(k, M_PIN_TITLE));
	return scr;
}

static const int text_sizes[] = { 100, 125, 150 };
static const int rates[] = { 120, 150, 180 };
static const int idle_mins[] = { 2, 3, 5, 10 };

static int next_of(const int *v, int n, int cur)
{
	for (int i = 0; i < n; i++)
		if (v[i] == cur)
			return v[(i + 1) % n];
	return v[0];
}

static void setting_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;
	const char *id = ui_obj_get_id(o);
	struct kiosk_settings *s = &k->set;

	if (strcmp(id, "text") == 0)
		s->text_percent = next_of(text_sizes, 3, s->text_percent);
	else if (strcmp(id, "theme") == 0)
		s->theme = !s->theme;
	else if (strcmp(id, "speech") == 0)
		s->speech = !s->speech;
	else if (strcmp(id, "rate") == 0)
		s->rate = next_of(rates, 3, s->rate);
	else if (strcmp(id, "touch") == 0)
		s->speak_touch = !s->speak_touch;
	else if (strcmp(id, "lang") == 0)
		s->lang = !s->lang;
	else if (strcmp(id, "idle") == 0)
		s->idle_min = next_of(idle_mins, 4, s->idle_min);
	kiosk_log(k, "setting %s", id);
	kiosk_apply_settings(k);
	kiosk_go(k, SCR_SETTINGS); /* rebuilt with the new values */
}

static void save_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	state_set_settings(k->state, &k->set);
	state_save(k->state);
	kiosk_go(k, SCR_HOME);
}

struct ui_obj *trainer_build_settings(struct kiosk *k)
{
	struct ui *ui = k->ui;
	struct ui_obj *scr = ui_screen_new(ui, "settings"), *grid, *b;
	const struct kiosk_settings *s = &k->set;
	char txt[7][96], num[3][16];
	static const char *const ids[7] = { "text",  "theme", "speech", "rate",
					    "touch", "lang",  "idle" };
	static const char *const icons[7] = {
		"A", "◐", "♪", "»", "☝", "⚑", "⌛"
	};
	struct ui_rect body;

	ui_obj_add_flags(scr, UI_F_TRAINER);
	body = kiosk_chrome(k, scr, kiosk_msg(k, M_SETTINGS), false);
	snprintf(num[0], sizeof(num[0]), "%d", s->text_percent);
	snprintf(num[1], sizeof(num[1]), "%d", s->rate);
	snprintf(num[2], sizeof(num[2]), "%d", s->idle_min);
	i18n_fill(txt[0], 96, kiosk_msg(k, M_TEXT_SIZE), num[0], NULL);
	i18n_fill(txt[1], 96, kiosk_msg(k, M_THEME),
		  kiosk_msg(k, s->theme ? M_THEME_CONTRAST : M_THEME_NORMAL),
		  NULL);
	i18n_fill(txt[2], 96, kiosk_msg(k, M_SPEECH),
		  kiosk_msg(k, s->speech ? M_ON : M_OFF), NULL);
	i18n_fill(txt[3], 96, kiosk_msg(k, M_RATE), num[1], NULL);
	i18n_fill(txt[4], 96, kiosk_msg(k, M_SPEAK_TOUCH),
		  kiosk_msg(k, s->speak_touch ? M_ON : M_OFF), NULL);
	i18n_fill(txt[5], 96, kiosk_msg(k, M_LANGUAGE),
		  kiosk_msg(k, M_LANG_NAME), NULL);
	i18n_fill(txt[6], 96, kiosk_msg(k, M_IDLE), num[2], NULL);
	grid = ui_grid_new(ui, scr, 2, 5);
	for (int i = 0; i < 7; i++) {
		b = ui_button_new(ui, grid, icons[i], txt[i], UI_BUTTON_NORMAL);
		ui_obj_set_id(b, ids[i]);
		ui_obj_on_click(b, setting_click, k);
	}
	b = ui_button_new(ui, grid, "✔", kiosk_msg(k, M_SAVE),
			  UI_BUTTON_PRIMARY);
	ui_obj_set_id(b, "save");
	ui_obj_on_click(b, save_click, k);
	ui_obj_add_flags(b, UI_F_HOME);
	ui_obj_set_rect(grid, body);
	snprintf(k->reading, sizeof(k->reading), "%s",
		 kiosk_msg(k, M_SETTINGS));
	return scr;
}
