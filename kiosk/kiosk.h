/* The kiosk shell: its state and the functions its screens share. The
 * kiosk/ files share this one internal header, as ui/ shares
 * ui_private.h. Screens are rebuilt from scratch on every change of
 * screen, so no screen keeps stale widgets; navigation requested from a
 * click handler is deferred to kiosk_apply, because the handler's own
 * widget is freed when the screen changes. */
#ifndef LUCARNE_KIOSK_H
#define LUCARNE_KIOSK_H

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

/* Load every lesson folder under k->lessons_dir, sorted by name. */
void kiosk_load_lessons(struct kiosk *k);
void kiosk_free_lessons(struct kiosk *k);

/* Ask for @s; shown by the next kiosk_apply. */
void kiosk_go(struct kiosk *k, enum kiosk_screen s);
/* Do deferred work: close a dialog, change screen. */
void kiosk_apply(struct kiosk *k);
/* Timers: the clock on home and the idle return home. */
void kiosk_tick(struct kiosk *k);
/* Milliseconds until kiosk_tick has something to do. */
int kiosk_next_timeout(struct kiosk *k);
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

/* Open a modal dialog with one OK button that just closes it. */
void kiosk_dialog(struct kiosk *k, const char *icon, const char *text);

/* ---- chrome shared by the screens (chrome.c) ---------------------------- */
/* A header bar with a Home button, @title and, if @listen, a Listen
 * button; returns the area left for the screen's content. */
struct ui_rect kiosk_chrome(struct kiosk *k, struct ui_obj *scr,
			    const char *title, bool listen);
/* A button that calls kiosk_go(@to) when tapped. */
struct ui_obj *kiosk_nav_button(struct kiosk *k, struct ui_obj *parent,
				const char *id, const char *icon,
				const char *label, int kind,
				enum kiosk_screen to);

/* ---- screens: each builds its widget tree --------------------------- */
struct ui_obj *home_build(struct kiosk *k);
struct ui_obj *list_build(struct kiosk *k);
struct ui_obj *player_build_step(struct kiosk *k);
struct ui_obj *player_build_finish(struct kiosk *k);
/* Open lesson @i in the player (or the "unavailable" dialog). */
void player_open(struct kiosk *k, int i);
struct ui_obj *trainer_build_pin(struct kiosk *k);
struct ui_obj *trainer_build_settings(struct kiosk *k);

#endif
