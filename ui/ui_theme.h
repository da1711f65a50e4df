/* Colours of the two themes. Every text colour is paired with the
 * background it is drawn on, so the unit test (and the screen audit) can
 * check the 7:1 contrast of SENIORS.md for each pair.
 */
#ifndef LUCARNE_UI_THEME_H
#define LUCARNE_UI_THEME_H

#include <stddef.h>
#include <stdint.h>

struct ui_color {
	uint8_t r, g, b, a;
};

struct ui_pair {
	struct ui_color fg, bg;
};

struct ui_theme {
	const char *name;
	struct ui_pair screen; /* body text on the screen */
	struct ui_pair header; /* title bar */
	struct ui_pair button, button_pressed;
	struct ui_pair primary, primary_pressed; /* the next step */
	struct ui_pair badge_new, badge_done, badge_off;
	struct ui_pair dialog;
	struct ui_color border; /* button outline */
	struct ui_color track, fill; /* progress bar */
	struct ui_color overlay; /* dims the screen under a dialog */
	int border_mm10; /* outline width in tenths of a millimetre */
};

/* Which pair a widget draws its text with. */
enum ui_role {
	UI_ROLE_SCREEN,
	UI_ROLE_HEADER,
	UI_ROLE_DIALOG,
	UI_ROLE_BADGE_NEW,
	UI_ROLE_BADGE_DONE,
	UI_ROLE_BADGE_OFF,
};

/* The pair for @role in @t. */
struct ui_pair ui_theme_pair(const struct ui_theme *t, enum ui_role role);

/* The theme for @id (UI_THEME_NORMAL or UI_THEME_CONTRAST); never NULL. */
const struct ui_theme *ui_theme_get(int id);

/* WCAG 2.x relative luminance of @c, 0..1. */
double ui_color_luminance(struct ui_color c);
/* WCAG contrast ratio of two colours, 1..21. */
double ui_color_contrast(struct ui_color a, struct ui_color b);

/* The text pairs of @t with their names, for tests: fills up to @max
 * entries of @pairs and @names and returns how many there are. */
size_t ui_theme_text_pairs(const struct ui_theme *t, struct ui_pair *pairs,
			   const char **names, size_t max);

#endif
