/* Every text/background pair of both themes reaches 7:1 (SENIORS.md). */
#include "tests/tap.h"
#include "ui/ui_theme.h"

#include <math.h>

int main(void)
{
	struct ui_color black = { 0, 0, 0, 255 },
			white = { 255, 255, 255, 255 };
	struct ui_color grey = { 0x76, 0x76, 0x76, 255 };

	ok(fabs(ui_color_contrast(black, white) - 21.0) < 1e-9,
	   "black on white is 21:1");
	ok(fabs(ui_color_contrast(white, black) - 21.0) < 1e-9,
	   "the order does not matter");
	ok(fabs(ui_color_contrast(grey, grey) - 1.0) < 1e-9,
	   "a colour on itself is 1:1");
	/* #767676 on white is the classic 4.54:1 of WCAG examples. */
	ok(fabs(ui_color_contrast(grey, white) - 4.54) < 0.01,
	   "#767676 on white is 4.54:1 (WCAG example)");
	for (int id = 0; id < 2; id++) {
		const struct ui_theme *t = ui_theme_get(id);
		struct ui_pair pairs[32];
		const char *names[32];
		size_t n = ui_theme_text_pairs(t, pairs, names, 32);

		ok(n >= 10, "%s theme lists its %zu text pairs", t->name, n);
		for (size_t i = 0; i < n; i++) {
			double c = ui_color_contrast(pairs[i].fg, pairs[i].bg);

			ok(c >= 7.0, "%s theme, %s: %.2f:1 >= 7:1", t->name,
			   names[i], c);
		}
		/* A pressed button must look different from a resting one
		 * without relying on hue alone: its background changes
		 * brightness a lot. */
		ok(ui_color_contrast(t->button.bg, t->button_pressed.bg) >= 3,
		   "%s theme: pressed buttons change brightness", t->name);
		ok(ui_color_contrast(t->fill, t->track) >= 3,
		   "%s theme: progress fill stands out from its track",
		   t->name);
	}
	return done();
}
