/* What this kiosk remembers between runs: each lesson's progress (opened,
 * current step, finished) and the trainer's settings. One small JSON
 * file, written atomically (temporary file, fsync, rename), so a power
 * cut leaves either the old or the new state, never half of one. */
#ifndef LUCARNE_KIOSK_STATE_H
#define LUCARNE_KIOSK_STATE_H

#include <stdbool.h>

struct kiosk_settings {
	int theme; /* enum ui_theme_id */
	int lang; /* enum lang */
	int text_percent; /* 100, 125, 150 */
	bool speech;
	int rate; /* words per minute */
	bool speak_touch;
	int idle_min; /* return home after this many idle minutes */
};

struct state;

/* Load @path if it exists. A missing or unreadable file gives an empty
 * state (with a warning for a corrupt one): progress is not worth
 * refusing to start. @path NULL: nothing is ever saved. */
struct state *state_new(const char *path);
void state_free(struct state *s);

/* Step (0-based) the lesson was left at; 0 if never opened. */
int state_get_step(const struct state *s, const char *lesson);
bool state_is_opened(const struct state *s, const char *lesson);
bool state_is_done(const struct state *s, const char *lesson);
void state_set_step(struct state *s, const char *lesson, int step);
void state_set_done(struct state *s, const char *lesson);

/* Overwrite the fields of @st that the file holds. */
void state_get_settings(const struct state *s, struct kiosk_settings *st);
void state_set_settings(struct state *s, const struct kiosk_settings *st);

/* Write the file atomically if anything changed. Returns 0 or LC_EIO. */
int state_save(struct state *s);

#endif
