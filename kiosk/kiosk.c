/* The top of the kiosk: builds the screen kiosk_go asked for, runs the
 * timers and loads the lessons. The only kiosk/ file that knows every
 * screen. */
#define LOG_TAG "kiosk"
#include "kiosk/kiosk.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "kiosk/home.h"
#include "kiosk/list.h"
#include "kiosk/player.h"
#include "kiosk/trainer.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void kiosk_load_lessons(struct kiosk *k)
{
	DIR *d = k->lessons_dir ? opendir(k->lessons_dir) : NULL;
	struct dirent *e;
	char **names = NULL;
	int n = 0, cap = 0;

	if (!d) {
		if (k->lessons_dir)
			log_warn("no lessons folder %s", k->lessons_dir);
		return;
	}
	while ((e = readdir(d))) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", k->lessons_dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				names = xrealloc(names, sizeof(*names) * cap);
			}
			names[n++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	k->lessons = xcalloc(n ? n : 1, sizeof(*k->lessons));
	for (int i = 0; i < n; i++) {
		struct lesson *l = lesson_load(names[i], NULL);

		if (!lesson_ok(l))
			log_warn("lesson %s unavailable: %s", names[i],
				 lesson_reason(l));
		k->lessons[k->n_lessons++] = l;
		free(names[i]);
	}
	free(names);
}

void kiosk_free_lessons(struct kiosk *k)
{
	for (int i = 0; i < k->n_lessons; i++)
		lesson_free(k->lessons[i]);
	free(k->lessons);
	k->lessons = NULL;
	k->n_lessons = 0;
}

void kiosk_apply(struct kiosk *k)
{
	struct ui_obj *scr = NULL;

	if (k->dialog_close && k->dialog) {
		ui_obj_free(k->dialog);
		k->dialog = NULL;
	}
	k->dialog_close = false;
	if (!k->nav_pending)
		return;
	k->nav_pending = false;
	if (k->nav_to == SCR_LESSONS && k->screen != SCR_LESSONS)
		k->page = 0; /* the list always opens on its first page */
	k->dialog = NULL; /* freed with the old screen */
	k->date_label = NULL;
	k->pin_label = NULL;
	k->reading[0] = 0;
	k->narration = NULL;
	k->screen = k->nav_to;
	kiosk_hush(k);
	switch (k->screen) {
	case SCR_HOME:
		scr = home_build(k);
		break;
	case SCR_LESSONS:
		scr = list_build(k);
		break;
	case SCR_STEP:
		scr = player_build_step(k);
		break;
	case SCR_FINISH:
		scr = player_build_finish(k);
		break;
	case SCR_PIN:
		scr = trainer_build_pin(k);
		break;
	case SCR_SETTINGS:
		scr = trainer_build_settings(k);
		break;
	}
	ui_show_screen(k->ui, scr);
	k->screen_gen++;
	kiosk_log(k, "screen %s", kiosk_screen_name(k->screen));
	/* A step reads itself aloud, as a teacher would. */
	if (k->screen == SCR_STEP || k->screen == SCR_FINISH)
		kiosk_read_aloud(k);
}

static int idle_ms(const struct kiosk *k)
{
	return k->set.idle_min * 60 * 1000;
}

void kiosk_tick(struct kiosk *k)
{
	int64_t now = ui_now(k->ui);
	struct tm tm;
	char buf[128];

	if (k->screen != SCR_HOME && now - k->last_input_ms >= idle_ms(k)) {
		kiosk_log(k, "idle: back home");
		if (k->screen == SCR_STEP)
			state_save(k->state);
		kiosk_go(k, SCR_HOME);
		kiosk_apply(k);
	}
	if (k->date_label) {
		kiosk_localtime(k, &tm);
		if (tm.tm_min != k->date_minute) {
			k->date_minute = tm.tm_min;
			i18n_format_date(k->set.lang, &tm, buf, sizeof(buf));
			ui_label_set_text(k->date_label, buf);
		}
	}
}

int kiosk_next_timeout(struct kiosk *k)
{
	int64_t now = ui_now(k->ui), t = 60000;
	struct tm tm;

	if (k->screen != SCR_HOME) {
		int64_t left = k->last_input_ms + idle_ms(k) - now;

		t = left < t ? left : t;
	}
	if (k->date_label) {
		kiosk_localtime(k, &tm);
		int64_t to_minute = (60 - tm.tm_sec) * 1000;

		t = to_minute < t ? to_minute : t;
	}
	return t < 0 ? 0 : (int)t;
}
