#include "ui/ui_button.h"
#include "ui/ui_layout.h"
#include "ui/ui_private.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct ui_button {
	struct ui_obj obj;
	enum ui_button_kind kind;
	char *icon, *label, *badge, *detail;
	enum ui_role badge_role;
	struct ui_tex *picture;
	/* Rendered text, dropped when the size, text or style changes. */
	struct ui_text *t_icon, *t_label, *t_badge, *t_detail;
	int cache_w;
	bool overflow; /* the word does not fit even at 40 px */
};

static void drop_cache(struct ui_button *b)
{
	ui_text_free(b->t_icon);
	ui_text_free(b->t_label);
	ui_text_free(b->t_badge);
	ui_text_free(b->t_detail);
	b->t_icon = b->t_label = b->t_badge = b->t_detail = NULL;
	b->cache_w = -1;
}

static struct ui_pair colours(const struct ui_button *b)
{
	const struct ui_theme *t = b->obj.ui->theme;
	bool pressed = b->obj.flags & UI_F_PRESSED;

	if (b->kind == UI_BUTTON_PRIMARY)
		return pressed ? t->primary_pressed : t->primary;
	return pressed ? t->button_pressed : t->button;
}

static void ensure_cache(struct ui_button *b, struct ui_rect in)
{
	struct ui *ui = b->obj.ui;
	int iw = 0, ih = 0, avail;
	bool fits = true, dfits = true;

	if (b->cache_w == in.w)
		return;
	drop_cache(b);
	b->cache_w = in.w;
	b->t_icon = ui_text_new(
		ui, b->kind == UI_BUTTON_TILE ? UI_FONT_HUGE : UI_FONT_ICON,
		b->icon, 0, UI_ALIGN_CENTER);
	b->t_badge =
		ui_text_new(ui, UI_FONT_BODY, b->badge, 0, UI_ALIGN_CENTER);
	if (b->kind == UI_BUTTON_TILE) {
		b->t_label = ui_text_fit(ui, UI_FONT_BUTTON, b->label, in.w,
					 in.h / 2, 40, UI_ALIGN_CENTER, &fits);
		b->t_detail =
			ui_text_fit(ui, UI_FONT_BODY, b->detail, in.w, in.h / 4,
				    28, UI_ALIGN_CENTER, &dfits);
	} else {
		/* Side by side; the word shrinks (never under 40 px) and
		 * wraps between words before it may overflow. */
		ui_text_size(b->t_icon, &iw, &ih);
		avail = in.w - (iw ? iw + ui_mm(ui, 2) : 0);
		b->t_label = ui_text_fit(ui, UI_FONT_BUTTON, b->label, avail,
					 in.h, 40, UI_ALIGN_CENTER, &fits);
	}
	b->overflow = !fits || !dfits;
}

static void draw_badge(struct ui_button *b, struct ui_rect in)
{
	struct ui *ui = b->obj.ui;
	struct ui_pair c = ui_theme_pair(ui->theme, b->badge_role);
	int w, h, pad = ui_mm(ui, 2);
	struct ui_rect r;

	ui_text_size(b->t_badge, &w, &h);
	r = (struct ui_rect){ in.x + in.w - w - 2 * pad, in.y, w + 2 * pad,
			      h + pad };
	ui_draw_fill(ui, r, c.bg, r.h / 2);
	ui_text_draw(ui, b->t_badge, r.x + pad, r.y + pad / 2, c);
}

static void draw_tile(struct ui_button *b, struct ui_rect in, struct ui_pair c)
{
	struct ui *ui = b->obj.ui;
	int lw, lh, dw, dh, iw, ih, gap = ui_mm(ui, 2), y;
	struct ui_rect pic;

	ui_text_size(b->t_label, &lw, &lh);
	ui_text_size(b->t_detail, &dw, &dh);
	pic = in;
	pic.h = in.h - lh - (dh ? dh + gap : 0) - gap;
	if (b->picture) {
		ui_tex_draw_fit(ui, b->picture, pic);
	} else if (b->t_icon) {
		ui_text_size(b->t_icon, &iw, &ih);
		ui_text_draw(ui, b->t_icon, pic.x + (pic.w - iw) / 2,
			     pic.y + (pic.h - ih) / 2, c);
	}
	y = pic.y + pic.h + gap;
	ui_text_draw(ui, b->t_label, in.x + (in.w - lw) / 2, y, c);
	if (b->t_detail)
		ui_text_draw(ui, b->t_detail, in.x + (in.w - dw) / 2,
			     y + lh + gap, c);
	if (b->t_badge)
		draw_badge(b, in);
}

static void button_draw(struct ui_obj *o)
{
	struct ui_button *b = (struct ui_button *)o;
	struct ui *ui = o->ui;
	struct ui_pair c = colours(b);
	int radius = ui_mm(ui, 3),
	    bw = ui_mm(ui, ui->theme->border_mm10 / 10.0);
	struct ui_rect in = ui_rect_inset(ui, o->rect, 2);
	int iw, ih, lw, lh, gap, x;

	ui_draw_fill(ui, o->rect, c.bg, radius);
	ui_draw_frame(ui, o->rect,
		      (o->flags & UI_F_PRESSED) ? c.fg : ui->theme->border, bw,
		      radius);
	ensure_cache(b, in);
	if (b->overflow)
		ui->ink.overflow++;
	if (b->kind == UI_BUTTON_TILE) {
		draw_tile(b, in, c);
		return;
	}
	ui_text_size(b->t_icon, &iw, &ih);
	ui_text_size(b->t_label, &lw, &lh);
	gap = b->t_icon && b->t_label ? ui_mm(ui, 2) : 0;
	x = in.x + (in.w - iw - gap - lw) / 2;
	ui_text_draw(ui, b->t_icon, x, in.y + (in.h - ih) / 2, c);
	ui_text_draw(ui, b->t_label, x + iw + gap, in.y + (in.h - lh) / 2, c);
}

static const struct ui_class button_class;

static void button_event(struct ui_obj *o, struct ui_event *e)
{
	struct ui_button *b = (struct ui_button *)o;

	if (e->code == UI_EV_STYLE || e->code == UI_EV_LAYOUT)
		drop_cache(b);
	ui_obj_event_base(&button_class, o, e);
}

static void button_destroy(struct ui_obj *o)
{
	struct ui_button *b = (struct ui_button *)o;

	drop_cache(b);
	ui_tex_free(b->picture);
	free(b->icon);
	free(b->label);
	free(b->badge);
	free(b->detail);
}

static const struct ui_class button_class = {
	.name = "button",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_button),
	.destroy = button_destroy,
	.draw = button_draw,
	.event = button_event,
};

struct ui_obj *ui_button_new(struct ui *ui, struct ui_obj *parent,
			     const char *icon, const char *label,
			     enum ui_button_kind kind)
{
	struct ui_obj *o = ui_obj_create(&button_class, ui, parent);
	struct ui_button *b = (struct ui_button *)o;

	b->kind = kind;
	b->icon = icon ? xstrdup(icon) : NULL;
	b->label = xstrdup(label ? label : "");
	b->cache_w = -1;
	o->flags |= UI_F_CLICKABLE;
	ui_obj_set_speech(o, b->label);
	return o;
}

static void replace(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

void ui_button_set_label(struct ui_obj *o, const char *label)
{
	struct ui_button *b = (struct ui_button *)o;

	replace(&b->label, label ? label : "");
	ui_obj_set_speech(o, b->label);
	drop_cache(b);
	ui_obj_invalidate(o);
}

const char *ui_button_get_label(const struct ui_obj *o)
{
	return ((const struct ui_button *)o)->label;
}

void ui_button_set_icon(struct ui_obj *o, const char *icon)
{
	struct ui_button *b = (struct ui_button *)o;

	replace(&b->icon, icon);
	drop_cache(b);
	ui_obj_invalidate(o);
}

int ui_button_set_picture(struct ui_obj *o, const char *path)
{
	struct ui_button *b = (struct ui_button *)o;
	struct ui_tex *t = ui_tex_load(o->ui, path);

	if (!t)
		return LC_ENOENT;
	ui_tex_free(b->picture);
	b->picture = t;
	ui_obj_invalidate(o);
	return 0;
}

void ui_button_set_badge(struct ui_obj *o, const char *text, enum ui_role role)
{
	struct ui_button *b = (struct ui_button *)o;

	replace(&b->badge, text);
	b->badge_role = role;
	drop_cache(b);
	ui_obj_invalidate(o);
}

const char *ui_button_get_badge(const struct ui_obj *o)
{
	return ((const struct ui_button *)o)->badge;
}

void ui_button_set_detail(struct ui_obj *o, const char *text)
{
	struct ui_button *b = (struct ui_button *)o;

	replace(&b->detail, text);
	drop_cache(b);
	ui_obj_invalidate(o);
}
