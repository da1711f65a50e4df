/* The tap state machine of SENIORS.md, with explicit times. */
#include "tests/tap.h"
#include "ui/ui_touch.h"

#include <string.h>

static int dummy_a, dummy_b;
#define A ((struct ui_obj *)&dummy_a)
#define B ((struct ui_obj *)&dummy_b)

int main(void)
{
	struct ui_touch t;
	struct ui_obj *hit;

	memset(&t, 0, sizeof(t));
	is_int(ui_touch_press(&t, A, 1000), UI_TOUCH_PRESSED, "press on A");
	is_int(ui_touch_release(&t, true, 1080, &hit), UI_TOUCH_ACTIVATE,
	       "release inside activates");
	ok(hit == A, "and reports A");

	/* A bounce 150 ms later is ignored. */
	is_int(ui_touch_press(&t, A, 1230), UI_TOUCH_IGNORED,
	       "second press 150 ms after the release is ignored");
	is_int(ui_touch_release(&t, true, 1290, &hit), UI_TOUCH_NONE,
	       "its release does nothing");
	ok(hit == NULL, "no target");
	/* The ignored bounce does not extend the guard: 400 ms after the
	 * first release, a tap works again. */
	is_int(ui_touch_press(&t, B, 1480), UI_TOUCH_PRESSED,
	       "a press 400 ms after the last real tap counts");
	is_int(ui_touch_release(&t, true, 1550, &hit), UI_TOUCH_ACTIVATE,
	       "and activates");
	ok(hit == B, "B");

	is_int(ui_touch_press(&t, A, 1949), UI_TOUCH_IGNORED,
	       "399 ms after a release: ignored");
	ui_touch_release(&t, true, 1960, &hit);
	is_int(ui_touch_press(&t, A, 1962), UI_TOUCH_PRESSED,
	       "412 ms after the last real tap: the bounce did not extend it");
	ui_touch_release(&t, true, 1970, &hit);

	/* Sliding off loses the press, and coming back does not re-arm. */
	is_int(ui_touch_press(&t, A, 5000), UI_TOUCH_PRESSED, "press");
	is_int(ui_touch_move(&t, true), UI_TOUCH_NONE, "moving inside: fine");
	is_int(ui_touch_move(&t, false), UI_TOUCH_LOST, "moving off: lost");
	is_int(ui_touch_move(&t, true), UI_TOUCH_NONE, "coming back: nothing");
	is_int(ui_touch_release(&t, true, 5100, &hit), UI_TOUCH_NONE,
	       "release after sliding off does not activate");
	ok(hit == NULL, "no target");

	/* Releasing outside (beyond the slop) does not activate. */
	ui_touch_press(&t, A, 6000);
	is_int(ui_touch_release(&t, false, 6080, &hit), UI_TOUCH_LOST,
	       "release outside: lost");

	/* A long press is a tap. */
	ui_touch_press(&t, A, 7000);
	is_int(ui_touch_release(&t, true, 12000, &hit), UI_TOUCH_ACTIVATE,
	       "a five-second press activates on release");

	/* A press on nothing. */
	is_int(ui_touch_press(&t, NULL, 9000), UI_TOUCH_NONE,
	       "press on no target");
	is_int(ui_touch_release(&t, true, 9050, &hit), UI_TOUCH_NONE,
	       "release: nothing");
	ui_touch_reset(&t);
	ok(t.target == NULL && !t.down, "reset forgets the press");
	return done();
}
