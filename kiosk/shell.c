/* The kiosk shell: the services the screens and kiosk.c share. Nothing
 * here builds a screen; see shell.h. */
#define LOG_TAG "kiosk"
#include "kiosk/shell.h"
#include "common/err.h"
#include "common/log.h"
#include "ui/ui_audio.h"
#include "ui/ui_dialog.h"
#include "ui/ui_obj.h"
#include "ui/ui_speech.h"

#include <stdarg.h>
#include <stdio.h>

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
