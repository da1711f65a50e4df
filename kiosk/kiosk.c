/* Navigation, timers, the event log and lesson loading. */
#define LOG_TAG "kiosk"
#include "kiosk/kiosk.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "ui/ui_audio.h"
#include "ui/ui_button.h"
#include "ui/ui_dialog.h"
#include "ui/ui_label.h"
#include "ui/ui_obj.h"
#include "ui/ui_screen.h"
#include "ui/ui_speech.h"

#include <dirent.h>
#include <stdarg.h>
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

const char *kiosk_msg(const struct kiosk *k, enum msg m)
{
	return i18n(k->set.lang, m);
}

const char *kiosk_screen_name(enum kiosk_screen s)
{
	static const char *const names[] = { "home",   "lessons", "step",
					     "finish", "pin",	  "settings" };

	return names[s];
}

void kiosk_log(struct kiosk *k, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	if (!k->events)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One event per line, whatever the text holds. */
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	fprintf(k->events, "%s\n", buf);
	fflush(k->events);
}

void kiosk_say(struct kiosk *k, const char *text)
{
	if (!k->set.speech || !text || !*text)
		return;
	ui_speech_say(k->speech, text);
}

void kiosk_read_aloud(struct kiosk *k)
{
	char err[512];
	int rc;

	if (!k->set.speech)
		return;
	if (k->narration) {
		ui_speech_stop(k->speech);
		rc = ui_audio_play_wav(k->audio, k->narration, err,
				       sizeof(err));
		if (rc == 0) {
			kiosk_log(k, "narration %s", k->narration);
			return;
		}
		/* A broken or unplayable recording must not leave the
		 * senior in silence: the text is read instead. */
		if (rc != LC_ESTATE)
			log_warn("%s: reading the text instead", err);
		kiosk_log(k, "narration failed (%s): text read instead",
			  lc_err_name(rc));
	}
	kiosk_say(k, k->reading);
}

void kiosk_hush(struct kiosk *k)
{
	ui_speech_stop(k->speech);
	if (ui_audio_is_playing(k->audio))
		kiosk_log(k, "narration stopped");
	ui_audio_stop(k->audio);
}

void kiosk_localtime(struct kiosk *k, struct tm *tm)
{
	time_t t;

	if (k->wall_base)
		t = k->wall_base + (ui_now(k->ui) - k->mono_base) / 1000;
	else
		t = time(NULL);
	localtime_r(&t, tm);
}

void kiosk_go(struct kiosk *k, enum kiosk_screen s)
{
	k->nav_pending = true;
	k->nav_to = s;
}

static void dialog_ok(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	k->dialog_close = true;
}

void kiosk_dialog(struct kiosk *k, const char *icon, const char *text)
{
	struct ui_obj *b;

	if (k->dialog)
		ui_obj_free(k->dialog);
	k->dialog = ui_dialog_new(k->ui, ui_current_screen(k->ui), icon, text);
	b = ui_dialog_add_button(k->dialog, "✔", kiosk_msg(k, M_OK), true);
	ui_obj_set_id(b, "ok");
	ui_obj_on_click(b, dialog_ok, k);
	kiosk_log(k, "dialog %s", text);
	kiosk_say(k, text);
}

void kiosk_apply_settings(struct kiosk *k)
{
	ui_set_theme(k->ui, k->set.theme);
	ui_set_text_percent(k->ui, k->set.text_percent);
	ui_speech_set_voice(k->speech, i18n_code(k->set.lang));
	ui_speech_set_rate(k->speech, k->set.rate);
	ui_speech_set_enabled(k->speech, k->set.speech);
	if (!k->set.speech)
		kiosk_hush(k);
	ui_set_speech(k->ui, k->set.speech ? k->speech : NULL,
		      k->set.speak_touch);
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
