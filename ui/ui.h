/* The Lucarne widget toolkit: a small LVGL-like retained tree of widgets
 * drawn with SDL2 (the backend lives in ui_sdl.c only).
 *
 * One struct ui per window: it owns the backend, the theme, the fonts, the
 * current screen (a tree of widgets, the parent owning its children), the
 * touch state machine and a clock that tests can drive. Nothing is drawn
 * unless a widget was invalidated: an idle kiosk sleeps in SDL_WaitEvent.
 * Sizes are given in millimetres and turned into pixels with the panel's
 * DPI, so a 15 mm button is 15 mm on every panel.
 */
#ifndef LUCARNE_UI_H
#define LUCARNE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ui;
struct ui_obj;
struct ui_speech;

struct ui_rect {
	int x, y, w, h;
};

enum ui_theme_id {
	UI_THEME_NORMAL = 0,
	UI_THEME_CONTRAST = 1,
};

struct ui_config {
	int width, height; /* window or panel size in pixels */
	int dpi; /* panel's real dots per inch (about 150 for 10" 1280x800) */
	bool fullscreen; /* KMS/DRM or a full-screen desktop window */
	bool headless; /* no window shown (SDL dummy driver, screenshots) */
	int text_percent; /* trainer's text size, 100 = normal */
	enum ui_theme_id theme;
	const char *font; /* regular TTF; NULL: DejaVu Sans */
	const char *font_bold; /* bold TTF; NULL: DejaVu Sans Bold */
	const char *title; /* window title */
};

/* What happened to a touch, reported to the observer (event log, tests). */
enum ui_note {
	UI_NOTE_ACTIVATE, /* a target was activated */
	UI_NOTE_IGNORED, /* a second tap within the guard time */
	UI_NOTE_SLID_OFF, /* the finger left the target: nothing happens */
	UI_NOTE_PRESS, /* a target was pressed */
};
typedef void (*ui_observer_fn)(void *user, enum ui_note note,
			       const struct ui_obj *target);

/* Open the window (or the dummy one) and the fonts. Returns NULL and
 * writes a sentence to @err on failure. */
struct ui *ui_new(const struct ui_config *cfg, char *err, size_t errlen);
/* Free the current screen, the fonts and the window. NULL is fine. */
void ui_free(struct ui *ui);

/* Millimetres to pixels at the configured DPI (rounded). */
int ui_mm(const struct ui *ui, double mm);
/* Pixels to millimetres. */
double ui_px_to_mm(const struct ui *ui, int px);
/* Whole window rectangle. */
struct ui_rect ui_area(const struct ui *ui);

/* Theme and text size; every widget is told and re-measures. */
void ui_set_theme(struct ui *ui, enum ui_theme_id id);
enum ui_theme_id ui_get_theme(const struct ui *ui);
void ui_set_text_percent(struct ui *ui, int percent);
int ui_get_text_percent(const struct ui *ui);

/* Make @screen (a ui_screen_new object) current; the ui takes ownership
 * and frees the previous screen. Any touch in progress is dropped. */
void ui_show_screen(struct ui *ui, struct ui_obj *screen);
struct ui_obj *ui_current_screen(const struct ui *ui);

/* Something must be drawn: the next ui_render draws a frame. */
void ui_invalidate(struct ui *ui);
bool ui_is_dirty(const struct ui *ui);
/* Draw and present a frame if anything changed. Returns true if a frame
 * was drawn. */
bool ui_render(struct ui *ui);
/* Draw a frame unconditionally (benchmarks, screenshots). */
void ui_render_force(struct ui *ui);
/* Save what is on screen as a PNG. Returns 0 or LC_EIO. */
int ui_save_png(struct ui *ui, const char *path);
/* Compare what is on screen with a PNG: *@differ gets the number of
 * pixels whose channels differ by more than @delta. Returns 0, LC_ENOENT
 * (no such file) or LC_EINVAL (size differs). */
int ui_compare_png(struct ui *ui, const char *path, int delta, long *differ);

/* Clock in milliseconds used for touch timing and timers. By default the
 * monotonic clock; tests install a virtual one they advance. */
int64_t ui_now(const struct ui *ui);
void ui_set_clock(struct ui *ui, int64_t (*now_ms)(void *), void *user);

/* Touch input in window pixels (ui_wait calls these with what the
 * backend read; scripted tests may too). The rules of SENIORS.md live in
 * ui_touch.c. */
void ui_input_press(struct ui *ui, int x, int y);
void ui_input_move(struct ui *ui, int x, int y);
void ui_input_release(struct ui *ui, int x, int y);
/* Queue a synthetic finger event at window pixel (x, y) through the
 * backend's own event queue, as a touchscreen would; the next ui_wait
 * dispatches it. For scripted tests and the screenshot mode. */
enum ui_finger {
	UI_FINGER_DOWN,
	UI_FINGER_MOVE,
	UI_FINGER_UP,
};
void ui_inject_finger(struct ui *ui, enum ui_finger what, int x, int y);
/* Called for every touch decision (may be NULL). */
void ui_set_observer(struct ui *ui, ui_observer_fn fn, void *user);

/* Speak-on-touch: when set, pressing a target speaks its label. */
void ui_set_speech(struct ui *ui, struct ui_speech *sp, bool on_touch);

enum ui_wait {
	UI_WAIT_EVENT = 0, /* input was handled */
	UI_WAIT_TIMEOUT = 1, /* nothing happened before the timeout */
	UI_WAIT_QUIT = 2, /* window closed or SIGTERM */
};
/* Wait up to @timeout_ms (-1: forever) for input and dispatch it. An idle
 * kiosk spends its life here, using no CPU. */
enum ui_wait ui_wait(struct ui *ui, int timeout_ms);
/* Wake ui_wait from another thread (speech done, a call coming in). */
void ui_wake(struct ui *ui);

#endif
