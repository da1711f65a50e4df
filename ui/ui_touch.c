#include "ui/ui_touch.h"

#include <stddef.h>

void ui_touch_reset(struct ui_touch *t)
{
	t->target = NULL;
	t->down = false;
	t->ignored = false;
}

enum ui_touch_result ui_touch_press(struct ui_touch *t, struct ui_obj *target,
				    int64_t now)
{
	t->down = true;
	t->target = NULL;
	/* Tremor makes a finger bounce: the second contact of a shaky tap
	 * comes well within 400 ms of the first one's release. */
	t->ignored = t->have_last && now - t->last_up_ms < UI_TOUCH_GUARD_MS;
	if (t->ignored)
		return target ? UI_TOUCH_IGNORED : UI_TOUCH_NONE;
	if (!target)
		return UI_TOUCH_NONE;
	t->target = target;
	return UI_TOUCH_PRESSED;
}

enum ui_touch_result ui_touch_move(struct ui_touch *t, bool inside)
{
	if (!t->down || !t->target || inside)
		return UI_TOUCH_NONE;
	/* Once off, the press is lost for good: coming back does not re-arm
	 * it, so a finger dragged across the screen never activates. */
	t->target = NULL;
	return UI_TOUCH_LOST;
}

enum ui_touch_result ui_touch_release(struct ui_touch *t, bool inside,
				      int64_t now, struct ui_obj **target)
{
	enum ui_touch_result r = UI_TOUCH_NONE;

	*target = NULL;
	if (!t->down)
		return UI_TOUCH_NONE;
	if (t->target && inside) {
		*target = t->target;
		r = UI_TOUCH_ACTIVATE;
	} else if (t->target) {
		r = UI_TOUCH_LOST;
	}
	/* An ignored bounce does not extend the guard: only real taps do,
	 * so a user who taps steadily every half second is never blocked. */
	if (!t->ignored) {
		t->last_up_ms = now;
		t->have_last = true;
	}
	t->down = false;
	t->ignored = false;
	t->target = NULL;
	return r;
}
