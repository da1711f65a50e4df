/* The one gesture of SENIORS.md, a tap, as a pure state machine that
 * tests drive with explicit times:
 *  - a target is chosen on press (with a slop around it);
 *  - it activates on release inside its rectangle grown by the slop;
 *  - sliding further off loses the press (nothing happens on release);
 *  - a press less than UI_TOUCH_GUARD_MS after the last tap ended is
 *    ignored (a shaky double tap activates once);
 *  - holding longer changes nothing: a long press is a tap.
 */
#ifndef LUCARNE_UI_TOUCH_H
#define LUCARNE_UI_TOUCH_H

#include <stdbool.h>
#include <stdint.h>

#define UI_TOUCH_GUARD_MS 400

struct ui_obj;

struct ui_touch {
	struct ui_obj *target; /* pressed target, NULL when none */
	bool down; /* a finger is down (maybe on nothing) */
	bool ignored; /* this press fell in the guard time */
	int64_t last_up_ms; /* end of the last tap, for the guard */
	bool have_last;
};

enum ui_touch_result {
	UI_TOUCH_NONE,
	UI_TOUCH_PRESSED, /* target pressed: show feedback, maybe speak */
	UI_TOUCH_IGNORED, /* second tap inside the guard time */
	UI_TOUCH_LOST, /* slid off the target */
	UI_TOUCH_ACTIVATE, /* released inside: activate the target */
};

/* Forget everything (a new screen). Keeps the guard time running. */
void ui_touch_reset(struct ui_touch *t);
/* A finger went down at @now on @target (may be NULL). */
enum ui_touch_result ui_touch_press(struct ui_touch *t, struct ui_obj *target,
				    int64_t now);
/* The finger moved; @inside tells whether it is still within the
 * target's rectangle grown by the slop. */
enum ui_touch_result ui_touch_move(struct ui_touch *t, bool inside);
/* The finger went up at @now; @inside as for ui_touch_move. On
 * UI_TOUCH_ACTIVATE the target is in *@target. */
enum ui_touch_result ui_touch_release(struct ui_touch *t, bool inside,
				      int64_t now, struct ui_obj **target);

#endif
