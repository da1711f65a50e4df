/* The base widget every other widget extends. The parent owns its
 * children: freeing a widget frees its subtree. Widgets are identified by
 * an optional id ("next", "home"), which tests and scripts use to find
 * them on the screen.
 */
#ifndef LUCARNE_UI_OBJ_H
#define LUCARNE_UI_OBJ_H

#include "ui/ui.h"

enum ui_obj_flag {
	UI_F_CLICKABLE = 1u << 0, /* a touch target */
	UI_F_HIDDEN = 1u << 1, /* not drawn, not touchable */
	UI_F_PRESSED = 1u << 2, /* a finger is on it (drawn inverted) */
	UI_F_DISABLED = 1u << 3, /* shown, but taps do nothing */
	UI_F_HOME = 1u << 4, /* this target leads home (audit) */
	UI_F_TRAINER = 1u << 5, /* the trainer's hidden exit: not counted */
	UI_F_MODAL = 1u << 6, /* while shown, only it takes touches */
};

typedef void (*ui_click_fn)(struct ui_obj *o, void *user);

/* A plain widget owned by @parent (NULL: none): draws nothing, groups
 * children or serves as an invisible target. */
struct ui_obj *ui_obj_new(struct ui *ui, struct ui_obj *parent);
/* Free @o, its children and its caches, and detach it from its parent. */
void ui_obj_free(struct ui_obj *o);
void ui_obj_set_rect(struct ui_obj *o, struct ui_rect r);
struct ui_rect ui_obj_get_rect(const struct ui_obj *o);
void ui_obj_add_flags(struct ui_obj *o, unsigned flags);
void ui_obj_clear_flags(struct ui_obj *o, unsigned flags);
bool ui_obj_has_flags(const struct ui_obj *o, unsigned flags);
/* @id is copied. */
void ui_obj_set_id(struct ui_obj *o, const char *id);
const char *ui_obj_get_id(const struct ui_obj *o);
/* The sentence spoken when the widget is touched (copied). */
void ui_obj_set_speech(struct ui_obj *o, const char *text);
const char *ui_obj_get_speech(const struct ui_obj *o);
/* Called when the widget is activated by a tap. */
void ui_obj_on_click(struct ui_obj *o, ui_click_fn fn, void *user);
/* The class name ("button", "label"...). */
const char *ui_obj_class_name(const struct ui_obj *o);
/* Find a descendant (or @o itself) by id; NULL if none. */
struct ui_obj *ui_obj_find(struct ui_obj *o, const char *id);
/* Children, in drawing order. */
int ui_obj_child_count(const struct ui_obj *o);
struct ui_obj *ui_obj_child(const struct ui_obj *o, int i);
struct ui_obj *ui_obj_parent(const struct ui_obj *o);
/* Simulate a tap (scripts, keyboard): runs the click handlers. */
void ui_obj_click(struct ui_obj *o);
/* Ask for a redraw. */
void ui_obj_invalidate(struct ui_obj *o);

#endif
