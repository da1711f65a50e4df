/* The frame every screen but home shares: a title bar with a Home button
 * on the left (SENIORS.md: a visible way home everywhere) and an
 * optional Listen button on the right. */
#include "kiosk/chrome.h"
#include "ui/ui_button.h"
#include "ui/ui_label.h"
#include "ui/ui_screen.h"

#include <stdio.h>

#define HEADER_MM 25.0
#define MARGIN_MM 5.0

static void nav_click(struct ui_obj *o, void *user)
{
	struct kiosk_nav *nav = user;

	(void)o;
	kiosk_go(nav->k, nav->to);
}

struct ui_obj *kiosk_nav_button(struct kiosk *k, struct ui_obj *parent,
				const char *id, const char *icon,
				const char *label, int kind,
				enum kiosk_screen to)
{
	struct ui_obj *b = ui_button_new(k->ui, parent, icon, label, kind);
	char goid[32];

	snprintf(goid, sizeof(goid), "go:%s", kiosk_screen_name(to));
	ui_obj_set_id(b, id ? id : goid);
	k->nav[to] = (struct kiosk_nav){ k, to };
	ui_obj_on_click(b, nav_click, &k->nav[to]);
	if (to == SCR_HOME)
		ui_obj_add_flags(b, UI_F_HOME);
	return b;
}

static void listen_click(struct ui_obj *o, void *user)
{
	struct kiosk *k = user;

	(void)o;
	kiosk_read_aloud(k);
}

struct ui_rect kiosk_chrome(struct kiosk *k, struct ui_obj *scr,
			    const char *title, bool listen)
{
	struct ui *ui = k->ui;
	struct ui_rect area = ui_area(ui), hdr = area, parts[3], body;
	struct ui_track cols[3] = { UI_MM(58), UI_WEIGHT(1), UI_MM(58) };
	struct ui_obj *bar, *b;

	hdr.h = ui_mm(ui, HEADER_MM);
	bar = ui_panel_new(ui, scr, UI_ROLE_HEADER);
	ui_obj_set_rect(bar, hdr);
	ui_layout_split(ui, ui_rect_inset(ui, hdr, 3), UI_ROW, cols, 3, 5,
			parts);
	b = kiosk_nav_button(k, scr, NULL, "⌂", kiosk_msg(k, M_HOME),
			     UI_BUTTON_NORMAL, SCR_HOME);
	ui_obj_set_rect(b, parts[0]);
	b = ui_label_new(ui, scr, title, UI_LABEL_TITLE, UI_ROLE_HEADER,
			 UI_LABEL_CENTER | UI_LABEL_MIDDLE);
	ui_obj_set_id(b, "title");
	if (!listen) /* the title may use the right-hand side too */
		parts[1].w = parts[2].x + parts[2].w - parts[1].x;
	ui_obj_set_rect(b, parts[1]);
	if (listen) {
		b = ui_button_new(ui, scr, "♪", kiosk_msg(k, M_LISTEN),
				  UI_BUTTON_NORMAL);
		ui_obj_set_id(b, "listen");
		ui_obj_on_click(b, listen_click, k);
		ui_obj_set_rect(b, parts[2]);
	}
	body = area;
	body.y = hdr.h + ui_mm(ui, MARGIN_MM);
	body.h = area.h - body.y - ui_mm(ui, MARGIN_MM);
	body.x += ui_mm(ui, MARGIN_MM);
	body.w -= 2 * ui_mm(ui, MARGIN_MM);
	return body;
}
