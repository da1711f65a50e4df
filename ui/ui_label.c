#include "ui/ui_label.h"
#include "ui/ui_private.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct ui_label {
	struct ui_obj obj;
	char *text;
	enum ui_label_font font;
	enum ui_role role;
	unsigned flags;
	struct ui_text *cache; /* rendered for cache_w x cache_h */
	int cache_w, cache_h;
	bool overflow; /* even the smallest size does not fit */
};

static enum ui_font label_font(const struct ui_label *l)
{
	switch (l->font) {
	case UI_LABEL_TITLE:
		return UI_FONT_TITLE;
	case UI_LABEL_ICON:
		return UI_FONT_HUGE;
	case UI_LABEL_BODY:
		break;
	}
	return UI_FONT_BODY;
}

static void drop_cache(struct ui_label *l)
{
	ui_text_free(l->cache);
	l->cache = NULL;
}

static void ensure_cache(struct ui_label *l)
{
	struct ui_obj *o = &l->obj;

	enum ui_align al =
		(l->flags & UI_LABEL_CENTER) ? UI_ALIGN_CENTER : UI_ALIGN_LEFT;
	int min_px;
	bool fits = true;

	if (l->cache && l->cache_w == o->rect.w && l->cache_h == o->rect.h)
		return;
	drop_cache(l);
	l->overflow = false;
	if (o->rect.w <= 0)
		return;
	if (l->font == UI_LABEL_ICON) {
		l->cache = ui_text_new(o->ui, UI_FONT_HUGE, l->text, 0, al);
	} else {
		/* Shrink a title down to body size, body text down to the
		 * SENIORS.md floor, before letting it overflow. */
		min_px = ui_font_px(o->ui, UI_FONT_BODY);
		if (l->font == UI_LABEL_BODY)
			min_px = 28;
		l->cache = ui_text_fit(o->ui, label_font(l), l->text, o->rect.w,
				       o->rect.h > 0 ? o->rect.h : 1 << 20,
				       min_px, al, &fits);
		l->overflow = !fits;
	}
	l->cache_w = o->rect.w;
	l->cache_h = o->rect.h;
}

static void label_draw(struct ui_obj *o)
{
	struct ui_label *l = (struct ui_label *)o;
	int w, h, x, y;

	ensure_cache(l);
	if (!l->cache)
		return;
	if (l->overflow)
		o->ui->ink.overflow++;
	ui_text_size(l->cache, &w, &h);
	x = o->rect.x;
	if (l->flags & UI_LABEL_CENTER)
		x += (o->rect.w - w) / 2;
	else if (l->flags & UI_LABEL_RIGHT)
		x += o->rect.w - w;
	y = o->rect.y;
	if (l->flags & UI_LABEL_MIDDLE)
		y += (o->rect.h - h) / 2;
	ui_text_draw(o->ui, l->cache, x, y,
		     ui_theme_pair(o->ui->theme, l->role));
}

static const struct ui_class label_class;

static void label_event(struct ui_obj *o, struct ui_event *e)
{
	if (e->code == UI_EV_STYLE)
		drop_cache((struct ui_label *)o);
	ui_obj_event_base(&label_class, o, e);
}

static void label_destroy(struct ui_obj *o)
{
	struct ui_label *l = (struct ui_label *)o;

	drop_cache(l);
	free(l->text);
}

static const struct ui_class label_class = {
	.name = "label",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_label),
	.destroy = label_destroy,
	.draw = label_draw,
	.event = label_event,
};

struct ui_obj *ui_label_new(struct ui *ui, struct ui_obj *parent,
			    const char *text, enum ui_label_font font,
			    enum ui_role role, unsigned flags)
{
	struct ui_obj *o = ui_obj_create(&label_class, ui, parent);
	struct ui_label *l = (struct ui_label *)o;

	l->text = xstrdup(text ? text : "");
	l->font = font;
	l->role = role;
	l->flags = flags;
	return o;
}

void ui_label_set_text(struct ui_obj *o, const char *text)
{
	struct ui_label *l = (struct ui_label *)o;

	if (!text)
		text = "";
	if (strcmp(l->text, text) == 0)
		return;
	free(l->text);
	l->text = xstrdup(text);
	drop_cache(l);
	ui_obj_invalidate(o);
}

const char *ui_label_get_text(const struct ui_obj *o)
{
	return ((const struct ui_label *)o)->text;
}

int ui_label_get_text_height(struct ui_obj *o)
{
	struct ui_label *l = (struct ui_label *)o;
	int w, h;

	ensure_cache(l);
	ui_text_size(l->cache, &w, &h);
	return h;
}
