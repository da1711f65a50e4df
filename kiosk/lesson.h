/* A lesson is a folder: lesson.json (the manifest, format 1, described in
 * docs/lessons.md), its pictures and optional narration audio. Loading
 * checks everything and records each problem with its location
 * ("lesson.json: steps[2].picture: ..."); a lesson with problems is still
 * returned, marked unavailable, so the kiosk can list it with a reason
 * and never crashes on it. */
#ifndef LUCARNE_KIOSK_LESSON_H
#define LUCARNE_KIOSK_LESSON_H

#include "kiosk/i18n.h"

#include <stdbool.h>

#define LESSON_MANIFEST "lesson.json"
#define LESSON_FORMAT 1
#define LESSON_MAX_STEPS 12
#define LESSON_MAX_TITLE 60 /* characters: one or two lines in big print */
#define LESSON_MAX_TEXT 220 /* characters: fits the step screen at 150 % */
#define LESSON_MAX_NARRATION 600
#define LESSON_MAX_MANIFEST (256 * 1024) /* bytes */
#define LESSON_MAX_PICTURE_SIDE 4096 /* pixels */

struct lesson;

/* Problems found while loading, one line each, "WHERE: WHAT". */
struct lesson_report {
	char **lines;
	int n, cap;
};

void lesson_report_free(struct lesson_report *r);

/* Load the lesson in folder @dir. Never NULL. Every problem is appended
 * to @rep (may be NULL). */
struct lesson *lesson_load(const char *dir, struct lesson_report *rep);
void lesson_free(struct lesson *l);

/* True if the lesson had no problem and can be played. */
bool lesson_ok(const struct lesson *l);
/* The first problem, for the trainer; "" when ok. */
const char *lesson_reason(const struct lesson *l);
/* The manifest's id, or the folder's name when it has none. */
const char *lesson_id(const struct lesson *l);
/* Title in @lang, or the folder's name for a broken lesson. */
const char *lesson_title(const struct lesson *l, enum lang lang);
/* Cover picture path (the first step's picture if none); may be NULL. */
const char *lesson_cover(const struct lesson *l);
int lesson_step_count(const struct lesson *l);
const char *lesson_step_title(const struct lesson *l, int i, enum lang lang);
const char *lesson_step_text(const struct lesson *l, int i, enum lang lang);
/* What is read aloud: the narration, or the title and text. */
const char *lesson_step_narration(const struct lesson *l, int i,
				  enum lang lang);
const char *lesson_step_picture(const struct lesson *l, int i);
/* Recorded narration (WAV) for @lang, or NULL. */
const char *lesson_step_audio(const struct lesson *l, int i, enum lang lang);

#endif
