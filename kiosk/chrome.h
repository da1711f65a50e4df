/* The frame the screens share (chrome.c): a title bar with a Home
 * button and an optional Listen button, and navigation buttons. */
#ifndef LUCARNE_KIOSK_CHROME_H
#define LUCARNE_KIOSK_CHROME_H

#include "kiosk/shell.h"

/* A header bar with a Home button, @title and, if @listen, a Listen
 * button; returns the area left for the screen's content. */
struct ui_rect kiosk_chrome(struct kiosk *k, struct ui_obj *scr,
			    const char *title, bool listen);
/* A button that calls kiosk_go(@to) when tapped. */
struct ui_obj *kiosk_nav_button(struct kiosk *k, struct ui_obj *parent,
				const char *id, const char *icon,
				const char *label, int kind,
				enum kiosk_screen to);

#endif
