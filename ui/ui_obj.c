/* The base widget: tree, flags, ids, and the base event handler that
 * every class chains to (pressed state, click callback). */
#include "ui/ui_private.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void obj_event(struct ui_obj *o, struct ui_event *e)
{
	switch (e->code) {
	case UI_EV_PRESSED:
		o->flags |= UI_F_PRESSED;
		ui_obj_invalidate(o);
		break;
	case UI_EV_PRESS_LOST:
	case UI_EV_RELEASED:
		o->flags &= ~UI_F_PRESSED;
		ui_obj_invalidate(o);
		break;
	case UI_EV_CLICKED:
		if (o->on_click && !(o->flags & UI_F_DISABLED))
			o->on_click(o, o->user);
		break;
	case UI_EV_STYLE:
	case UI_EV_LAYOUT:
		ui_obj_invalidate(o);
		break;
	}
}

const struct ui_class ui_obj_class = {
	.name = "obj",
	.size = sizeof(struct ui_obj),
	.event = obj_event,
};

static void run_create(const struct ui_class *cls, struct ui_obj *o)
{
	if (cls->base)
		run_create(cls->base, o);
	if (cls->create)
		cls->create(o);
}

struct ui_obj *ui_obj_create(const struct ui_class *cls, struct ui *ui,
			     struct ui_obj *parent)
{
	struct ui_obj *o = xcalloc(1, cls->size);

	o->cls = cls;
	o->ui = ui;
	if (parent) {
		if (parent->n_kids == parent->cap_kids) {
			parent->cap_kids =
				parent->cap_kids ? 2 * parent->cap_kids : 4;
			parent->kids = xrealloc(parent->kids,
						sizeof(*parent->kids) *
							parent->cap_kids);
		}
		parent->kids[parent->n_kids++] = o;
		o->parent = parent;
	}
	run_create(cls, o);
	return o;
}

struct ui_obj *ui_obj_new(struct ui *ui, struct ui_obj *parent)
{
	return ui_obj_create(&ui_obj_class, ui, parent);
}

void ui_obj_event_base(const struct ui_class *cls, struct ui_obj *o,
		       struct ui_event *e)
{
	const struct ui_class *base = cls->base;

	while (base && !base->event)
		base = base->base;
	if (base)
		base->event(o, e);
}

void ui_obj_send(struct ui_obj *o, struct ui_event *e)
{
	const struct ui_class *c = o->cls;

	while (c && !c->event)
		c = c->base;
	if (c)
		c->event(o, e);
	if (e->code == UI_EV_STYLE)
		for (int i = 0; i < o->n_kids; i++)
			ui_obj_send(o->kids[i], e);
}

static void detach(struct ui_obj *o)
{
	struct ui_obj *p = o->parent;

	if (!p)
		return;
	for (int i = 0; i < p->n_kids; i++) {
		if (p->kids[i] == o) {
			memmove(&p->kids[i], &p->kids[i + 1],
				sizeof(*p->kids) * (p->n_kids - i - 1));
			p->n_kids--;
			break;
		}
	}
	o->parent = NULL;
}

static void free_tree(struct ui_obj *o)
{
	for (int i = 0; i < o->n_kids; i++) {
		o->kids[i]->parent = NULL;
		free_tree(o->kids[i]);
	}
	for (const struct ui_class *c = o->cls; c; c = c->base)
		if (c->destroy)
			c->destroy(o);
	/* A widget freed while pressed must not be activated later. */
	if (o->ui && o->ui->touch.target == o)
		o->ui->touch.target = NULL;
	free(o->kids);
	free(o->id);
	free(o->speak);
	free(o);
}

void ui_obj_free(struct ui_obj *o)
{
	if (!o)
		return;
	if (o->parent)
		ui_obj_invalidate(o->parent);
	detach(o);
	free_tree(o);
}

void ui_obj_set_rect(struct ui_obj *o, struct ui_rect r)
{
	struct ui_event e = { UI_EV_LAYOUT };

	o->rect = r;
	ui_obj_send(o, &e);
}

struct ui_rect ui_obj_get_rect(const struct ui_obj *o)
{
	return o->rect;
}

void ui_obj_add_flags(struct ui_obj *o, unsigned flags)
{
	o->flags |= flags;
	ui_obj_invalidate(o);
}

void ui_obj_clear_flags(struct ui_obj *o, unsigned flags)
{
	o->flags &= ~flags;
	ui_obj_invalidate(o);
}

bool ui_obj_has_flags(const struct ui_obj *o, unsigned flags)
{
	return (o->flags & flags) == flags;
}

void ui_obj_set_id(struct ui_obj *o, const char *id)
{
	free(o->id);
	o->id = id ? xstrdup(id) : NULL;
}

const char *ui_obj_get_id(const struct ui_obj *o)
{
	return o->id;
}

void ui_obj_set_speech(struct ui_obj *o, const char *text)
{
	free(o->speak);
	o->speak = text ? xstrdup(text) : NULL;
}

const char *ui_obj_get_speech(const struct ui_obj *o)
{
	return o->speak;
}

void ui_obj_on_click(struct ui_obj *o, ui_click_fn fn, void *user)
{
	o->on_click = fn;
	o->user = user;
}

const char *ui_obj_class_name(const struct ui_obj *o)
{
	return o->cls->name;
}

struct ui_obj *ui_obj_find(struct ui_obj *o, const char *id)
{
	if (!o)
		return NULL;
	if (o->id && strcmp(o->id, id) == 0)
		return o;
	for (int i = 0; i < o->n_kids; i++) {
		struct ui_obj *f = ui_obj_find(o->kids[i], id);

		if (f)
			return f;
	}
	return NULL;
}

int ui_obj_child_count(const struct ui_obj *o)
{
	return o->n_kids;
}

struct ui_obj *ui_obj_child(const struct ui_obj *o, int i)
{
	return i >= 0 && i < o->n_kids ? o->kids[i] : NULL;
}

struct ui_obj *ui_obj_parent(const struct ui_obj *o)
{
	return o->parent;
}

void ui_obj_click(struct ui_obj *o)
{
	struct ui_event e = { UI_EV_CLICKED };

	ui_obj_send(o, &e);
}

void ui_obj_invalidate(struct ui_obj *o)
{
	if (o && o->ui)
		o->ui->dirty = true;
}

void ui_obj_draw_tree(struct ui_obj *o)
{
	const struct ui_class *c = o->cls;

	if (o->flags & UI_F_HIDDEN)
		return;
	while (c && !c->draw)
		c = c->base;
	if (c)
		c->draw(o);
	for (int i = 0; i < o->n_kids; i++)
		ui_obj_draw_tree(o->kids[i]);
}

static bool in_rect(struct ui_rect r, int x, int y, int grow)
{
	return x >= r.x - grow && x < r.x + r.w + grow && y >= r.y - grow &&
		y < r.y + r.h + grow;
}

static long dist2(struct ui_rect r, int x, int y)
{
	long dx = x < r.x ? r.x - x : x >= r.x + r.w ? x - (r.x + r.w - 1) : 0;
	long dy = y < r.y ? r.y - y : y >= r.y + r.h ? y - (r.y + r.h - 1) : 0;

	return dx * dx + dy * dy;
}

/* Depth first, last child first (topmost), collecting the nearest target
 * within the slop when none is directly under the finger. */
static struct ui_obj *hit(struct ui_obj *o, int x, int y, int slop,
			  struct ui_obj **near, long *near_d)
{
	if (o->flags & UI_F_HIDDEN)
		return NULL;
	for (int i = o->n_kids - 1; i >= 0; i--) {
		struct ui_obj *h = hit(o->kids[i], x, y, slop, near, near_d);

		if (h)
			return h;
	}
	if (!(o->flags & UI_F_CLICKABLE) || (o->flags & UI_F_DISABLED))
		return NULL;
	if (in_rect(o->rect, x, y, 0))
		return o;
	if (in_rect(o->rect, x, y, slop)) {
		long d = dist2(o->rect, x, y);

		if (!*near || d < *near_d) {
			*near = o;
			*near_d = d;
		}
	}
	return NULL;
}

static struct ui_obj *top_modal(struct ui_obj *o)
{
	for (int i = o->n_kids - 1; i >= 0; i--) {
		struct ui_obj *k = o->kids[i];

		if (!(k->flags & UI_F_HIDDEN) && (k->flags & UI_F_MODAL))
			return k;
	}
	return NULL;
}

struct ui_obj *ui_hit_test(struct ui *ui, int x, int y, int slop)
{
	struct ui_obj *root = ui->screen, *near = NULL, *h, *m;
	long near_d = 0;

	if (!root)
		return NULL;
	m = top_modal(root);
	if (m)
		root = m;
	h = hit(root, x, y, slop, &near, &near_d);
	return h ? h : near;
}
