/* The kiosk shell: its state and the services every screen shares
 * (navigation requests, messages, speech, the clock, dialogs, the event
 * log, settings). The kiosk/ files share this one internal header, as
 * ui/ shares ui_private.h.
 *
 * The shell sits below the screens and kiosk.c: it never builds a
 * screen. Navigation is only requested here (kiosk_go) and done by
 * kiosk_apply in kiosk.c, the top, which builds the screens.
 */
#ifndef LUCARNE_KIOSK_SHELL_H
#define LUCARNE_KIOSK_SHELL_H

#include "kiosk/i18n.h"
#include "kiosk/lesson.h"
#include "kiosk/state.h"
#include "ui/ui.h"
#include "ui/ui_layout.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>

enum kiosk_screen {
	SCR_HOME,
	SCR_LESSONS,
	SCR_STEP,
	SCR_FINISH,
	SCR_PIN,
	SCR_SETTINGS,
};

#define KIOSK_LIST_PAGE 3 /* lesson tiles per page: 6 targets at most */
#define KIOSK_PIN_MAX 8
#define KIOSK_TRAINER_TAPS 3 /* taps on the hidden corner to ask the PIN */
#define KIOSK_TRAINER_WINDOW_MS 4000

struct kiosk;

/* The user pointer of a navigation button: where it leads. */
struct kiosk_nav {
	struct kiosk *k;
	enum kiosk_screen to;
};

#define SCR_COUNT 6

struct kiosk {
	struct ui *ui;
	struct ui_speech *speech;
	struct ui_audio *audio; /* recorded narrations; never NULL */
	struct state *state;
	struct kiosk_settings set;
	const char *tearoom, *pin, *lessons_dir; /* owned by the options */
	struct lesson **lessons;
	int n_lessons;

	enum kiosk_screen screen;
	unsigned screen_gen; /* bumped each time a screen is built */
	int page; /* lesson list page */
	int lesson, step; /* in the player */
	char reading[1024]; /* what "Listen" reads on this screen */
	const char *narration; /* its recording (owned by the lesson) or NULL */
	struct ui_obj *date_label; /* home: updated every minute */
	int date_minute; /* minute shown, to know when to update */
	char pin_entry[KIOSK_PIN_MAX + 1];
	struct ui_obj *pin_label;
	bool pin_wrong;
	int trainer_taps;
	int64_t trainer_first_ms;

	/* Deferred work, done by kiosk_apply after the event is handled. */
	bool nav_pending, dialog_close;
	enum kiosk_screen nav_to;
	struct ui_obj *dialog;

	int64_t last_input_ms;
	time_t wall_base; /* --now: fixed wall clock at start (tests) */
	int64_t mono_base;
	FILE *events; /* event log (tests, screenshot mode), or NULL */
	bool quit;
	struct kiosk_nav nav[SCR_COUNT];
};

/* Ask for @s; shown by the next kiosk_apply (kiosk.c), because the
 * click handler asking is freed with the screen it belongs to. */
void kiosk_go(struct kiosk *k, enum kiosk_screen s);
/* Apply the settings to the ui and speech (theme, text, voice). */
void kiosk_apply_settings(struct kiosk *k);

/* Append a line to the event log, if any. */
void kiosk_log(struct kiosk *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Say @text if speech is on (also logged). */
void kiosk_say(struct kiosk *k, const char *text);
/* Read this screen aloud if speech is on: play k->narration, the step's
 * recorded narration, if there is one and it plays; else say
 * k->reading with espeak-ng. Interrupts what was being said. */
void kiosk_read_aloud(struct kiosk *k);
/* Stop the speech and the recorded narration. */
void kiosk_hush(struct kiosk *k);
const char *kiosk_msg(const struct kiosk *k, enum msg m);
const char *kiosk_screen_name(enum kiosk_screen s);
/* Local time now, from the ui clock when --now fixed it. */
void kiosk_localtime(struct kiosk *k, struct tm *tm);

/* Open a modal dialog with one OK button; its tap sets k->dialog_close,
 * which the next kiosk_apply honours. */
void kiosk_dialog(struct kiosk *k, const char *icon, const char *text);

#endif
