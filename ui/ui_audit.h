/* The SENIORS.md check of a screen, run by tests and by the kiosk's
 * screenshot mode on every screen it shows: target size and spacing in
 * millimetres at the real DPI, number of targets, contrast and size of
 * every text really drawn, and a visible way home. */
#ifndef LUCARNE_UI_AUDIT_H
#define LUCARNE_UI_AUDIT_H

#include "ui/ui.h"

struct ui_audit_rules {
	double min_target_mm; /* 15 */
	double min_gap_mm; /* 5 */
	int max_targets; /* 6 (trainer screens are exempt) */
	double min_contrast; /* 7 */
	int min_body_px; /* 28 */
	int min_button_px; /* 40 */
};

/* The rules of SENIORS.md. */
struct ui_audit_rules ui_audit_default_rules(void);

struct ui_audit_report {
	int targets;
	double min_target_mm, min_gap_mm, min_contrast;
	int min_body_px, min_button_px;
	bool way_home;
	int problems; /* 0: the screen passes */
	char text[1024]; /* one line per problem, or a summary */
};

/* Draw the current screen (without presenting) and check it. @is_home:
 * the screen is home itself and needs no way home. Returns the number of
 * problems (also in @rep->problems). */
int ui_audit_screen(struct ui *ui, const struct ui_audit_rules *rules,
		    bool is_home, struct ui_audit_report *rep);

#endif
