/* The normal theme is dark ink on warm paper with navy buttons; the high
 * contrast theme is white and yellow on black. A pressed button swaps its
 * colours, so the feedback shows without relying on hue alone. */
#include "ui/ui_theme.h"

#include <math.h>

#define RGB(h)                                                                 \
	{                                                                      \
		(h) >> 16 & 0xff, (h) >> 8 & 0xff, (h)&0xff, 0xff              \
	}
#define PAIR(f, b)                                                             \
	{                                                                      \
		RGB(f), RGB(b)                                                 \
	}

static const struct ui_theme theme_normal = {
	.name = "normal",
	.screen = PAIR(0x1b1b1b, 0xf7f3ea),
	.header = PAIR(0xffffff, 0x1f3a5f),
	.button = PAIR(0x1b1b1b, 0xffffff),
	.button_pressed = PAIR(0xffffff, 0x1f3a5f),
	.primary = PAIR(0xffffff, 0x174a2a),
	.primary_pressed = PAIR(0x174a2a, 0xffffff),
	.badge_new = PAIR(0xffffff, 0x7a2500),
	.badge_done = PAIR(0xffffff, 0x174a2a),
	.badge_off = PAIR(0xffffff, 0x454545),
	.dialog = PAIR(0x1b1b1b, 0xffffff),
	.border = RGB(0x1f3a5f),
	.track = RGB(0xd6cfbf),
	.fill = RGB(0x1f3a5f),
	.overlay = { 0, 0, 0, 170 },
	.border_mm10 = 6,
};

static const struct ui_theme theme_contrast = {
	.name = "contrast",
	.screen = PAIR(0xffffff, 0x000000),
	.header = PAIR(0xffff00, 0x000000),
	.button = PAIR(0xffffff, 0x000000),
	.button_pressed = PAIR(0x000000, 0xffff00),
	.primary = PAIR(0x000000, 0xffff00),
	.primary_pressed = PAIR(0x000000, 0xffffff),
	.badge_new = PAIR(0x000000, 0xffff00),
	.badge_done = PAIR(0x000000, 0x00e060),
	.badge_off = PAIR(0x000000, 0xffffff),
	.dialog = PAIR(0xffffff, 0x000000),
	.border = RGB(0xffff00),
	.track = RGB(0x5a5a5a),
	.fill = RGB(0xffff00),
	.overlay = { 0, 0, 0, 200 },
	.border_mm10 = 8,
};

const struct ui_theme *ui_theme_get(int id)
{
	return id == 1 ? &theme_contrast : &theme_normal;
}

static double channel(uint8_t v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double ui_color_luminance(struct ui_color c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) +
		0.0722 * channel(c.b);
}

double ui_color_contrast(struct ui_color a, struct ui_color b)
{
	double la = ui_color_luminance(a), lb = ui_color_luminance(b);

	if (la < lb) {
		double t = la;

		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

size_t ui_theme_text_pairs(const struct ui_theme *t, struct ui_pair *pairs,
			   const char **names, size_t max)
{
	const struct {
		const char *name;
		const struct ui_pair *p;
	} all[] = {
		{ "screen", &t->screen },
		{ "header", &t->header },
		{ "button", &t->button },
		{ "button_pressed", &t->button_pressed },
		{ "primary", &t->primary },
		{ "primary_pressed", &t->primary_pressed },
		{ "badge_new", &t->badge_new },
		{ "badge_done", &t->badge_done },
		{ "badge_off", &t->badge_off },
		{ "dialog", &t->dialog },
	};
	size_t n = sizeof(all) / sizeof(all[0]);

	for (size_t i = 0; i < n && i < max; i++) {
		pairs[i] = *all[i].p;
		names[i] = all[i].name;
	}
	return n;
}

struct ui_pair ui_theme_pair(const struct ui_theme *t, enum ui_role role)
{
	switch (role) {
	case UI_ROLE_HEADER:
		return t->header;
	case UI_ROLE_DIALOG:
		return t->dialog;
	case UI_ROLE_BADGE_NEW:
		return t->badge_new;
	case UI_ROLE_BADGE_DONE:
		return t->badge_done;
	case UI_ROLE_BADGE_OFF:
		return t->badge_off;
	case UI_ROLE_SCREEN:
		break;
	}
	return t->screen;
}
