/* Internals shared by the ui/ modules: the widget base struct, the class
 * table every widget fills, the context and the drawing primitives the
 * SDL backend (ui_sdl.c, the only file that includes SDL headers for
 * drawing) provides.
 */
#ifndef LUCARNE_UI_PRIVATE_H
#define LUCARNE_UI_PRIVATE_H

#include "ui/ui.h"
#include "ui/ui_obj.h"
#include "ui/ui_theme.h"
#include "ui/ui_touch.h"

#include <stddef.h>

enum ui_event_code {
	UI_EV_PRESSED, /* a finger went down on the widget */
	UI_EV_PRESS_LOST, /* the finger slid off: no activation */
	UI_EV_RELEASED, /* the finger went up (activation follows) */
	UI_EV_CLICKED, /* the widget was activated */
	UI_EV_STYLE, /* theme or text size changed: drop cached text */
	UI_EV_LAYOUT, /* the rectangle changed: lay out children */
};

struct ui_event {
	enum ui_event_code code;
};

struct ui_class {
	const char *name;
	const struct ui_class *base;
	size_t size; /* size of the widget struct, which starts with ui_obj */
	void (*create)(struct ui_obj *o);
	void (*destroy)(struct ui_obj *o);
	void (*draw)(struct ui_obj *o);
	void (*event)(struct ui_obj *o, struct ui_event *e);
};

struct ui_obj {
	const struct ui_class *cls;
	struct ui *ui;
	struct ui_obj *parent;
	struct ui_obj **kids;
	int n_kids, cap_kids;
	struct ui_rect rect;
	unsigned flags;
	char *id;
	char *speak;
	ui_click_fn on_click;
	void *user;
};

/* Allocate a widget of @cls under @parent (which owns it) and run the
 * create functions from the base class down. */
struct ui_obj *ui_obj_create(const struct ui_class *cls, struct ui *ui,
			     struct ui_obj *parent);
/* The base class event handler: every class chains to its base. */
void ui_obj_event_base(const struct ui_class *cls, struct ui_obj *o,
		       struct ui_event *e);
/* Send @e to @o and, for UI_EV_STYLE, to all its descendants. */
void ui_obj_send(struct ui_obj *o, struct ui_event *e);
/* Draw @o and its children in order (children over parents). */
void ui_obj_draw_tree(struct ui_obj *o);
extern const struct ui_class ui_obj_class;

/* ---- context ------------------------------------------------------- */
struct ui_backend;

struct ui_audit_ink {
	double min_contrast; /* lowest text/background contrast drawn */
	int min_body_px, min_button_px; /* smallest fonts drawn */
	int texts;
	int overflow; /* texts that do not fit their widget */
};

struct ui {
	struct ui_backend *be;
	struct ui_config cfg;
	const struct ui_theme *theme;
	struct ui_obj *screen;
	struct ui_touch touch;
	bool dirty;
	int64_t (*now_ms)(void *);
	void *now_user;
	ui_observer_fn observer;
	void *observer_user;
	struct ui_speech *speech;
	bool speak_on_touch;
	struct ui_audit_ink ink; /* filled while drawing */
};

/* Target that should receive a press at (x, y): the topmost clickable
 * widget under the point, or the nearest within the slop. */
struct ui_obj *ui_hit_test(struct ui *ui, int x, int y, int slop);

/* ---- drawing, implemented by ui_sdl.c ------------------------------- */
enum ui_font {
	UI_FONT_BODY, /* running text: 32 px at 100 % */
	UI_FONT_BUTTON, /* button words, bold: 42 px */
	UI_FONT_TITLE, /* screen titles, bold: 52 px */
	UI_FONT_ICON, /* icon glyphs: 72 px */
	UI_FONT_HUGE, /* big icons on tiles: 120 px */
};

enum ui_align {
	UI_ALIGN_LEFT,
	UI_ALIGN_CENTER,
};

struct ui_text; /* text rendered once into a texture */
struct ui_tex; /* a picture */

/* Font size in pixels for @font at the current text size. */
int ui_font_px(const struct ui *ui, enum ui_font font);
/* Render @utf8 in @font, wrapped at @wrap_w pixels (0: one line), lines
 * aligned per @align. The colour is chosen when drawing, so a pressed
 * button does not render its words again. NULL for empty text. */
struct ui_text *ui_text_new(struct ui *ui, enum ui_font font, const char *utf8,
			    int wrap_w, enum ui_align align);
/* Like ui_text_new, wrapped within @max_w, but as large as fits in
 * @max_w x @max_h: the size steps down from the font's to @min_px, and
 * lines break only between words. *@fits is false (and the audit counts
 * an overflow) if even @min_px does not fit. */
struct ui_text *ui_text_fit(struct ui *ui, enum ui_font font, const char *utf8,
			    int max_w, int max_h, int min_px,
			    enum ui_align align, bool *fits);
void ui_text_free(struct ui_text *t);
void ui_text_size(const struct ui_text *t, int *w, int *h);
/* Draw at (x, y) in @c.fg over background @c.bg; the audit uses the pair
 * to measure the contrast of what is really drawn. */
void ui_text_draw(struct ui *ui, const struct ui_text *t, int x, int y,
		  struct ui_pair c);
/* Width in pixels of @utf8 in @font on one line. */
int ui_text_measure(struct ui *ui, enum ui_font font, const char *utf8);

void ui_draw_fill(struct ui *ui, struct ui_rect r, struct ui_color c,
		  int radius);
void ui_draw_frame(struct ui *ui, struct ui_rect r, struct ui_color c,
		   int width, int radius);
void ui_draw_disc(struct ui *ui, int cx, int cy, int radius, struct ui_color c);

/* Load a PNG or JPEG. NULL if it cannot be read. */
struct ui_tex *ui_tex_load(struct ui *ui, const char *path);
/* A streaming I420 texture of @w x @h. */
struct ui_tex *ui_tex_new_yuv(struct ui *ui, int w, int h);
/* Upload one I420 frame into a texture from ui_tex_new_yuv. */
int ui_tex_update_yuv(struct ui_tex *t, const uint8_t *y, int ystride,
		      const uint8_t *u, int ustride, const uint8_t *v,
		      int vstride);
void ui_tex_size(const struct ui_tex *t, int *w, int *h);
void ui_tex_free(struct ui_tex *t);
/* Draw @t scaled to fit inside @r, keeping its aspect ratio. */
void ui_tex_draw_fit(struct ui *ui, const struct ui_tex *t, struct ui_rect r);

/* Backend lifecycle, used by ui.c. */
struct ui_backend *ui_backend_new(struct ui *ui, char *err, size_t errlen);
void ui_backend_free(struct ui_backend *be);
void ui_backend_fonts_changed(struct ui_backend *be);
void ui_backend_begin(struct ui_backend *be, struct ui_color bg);
void ui_backend_present(struct ui_backend *be);
/* Draw the current screen into the back buffer without presenting. */
void ui_draw_frame_now(struct ui *ui);
int ui_backend_save_png(struct ui_backend *be, const char *path);
int ui_backend_compare_png(struct ui_backend *be, const char *path, int delta,
			   long *differ);
void ui_backend_wake(struct ui_backend *be);

/* ---- input, read by ui_sdl.c and acted on by ui.c --------------------
 * The backend only translates window events; it never calls up into the
 * ui, so the touch rules stay in ui.c and ui_touch.c (house style: a
 * lower module returns a value). */
enum ui_input_kind {
	UI_INPUT_NONE, /* nothing for the ui: a wake-up, a second finger */
	UI_INPUT_PRESS, /* a finger or the left button went down at (x, y) */
	UI_INPUT_MOVE, /* it moved to (x, y) while down */
	UI_INPUT_RELEASE, /* it went up at (x, y) */
	UI_INPUT_EXPOSE, /* the window must be drawn again */
	UI_INPUT_QUIT, /* the window was closed or SIGTERM came */
};

struct ui_input_event {
	enum ui_input_kind kind;
	int x, y; /* window pixels, for PRESS, MOVE and RELEASE */
};

/* Wait up to @timeout_ms (-1: forever) for the next window event and
 * translate it into *@ev. Returns false if none came in time. */
bool ui_backend_wait(struct ui_backend *be, int timeout_ms,
		     struct ui_input_event *ev);
/* Take the next queued window event into *@ev without waiting. Returns
 * false when the queue is empty. */
bool ui_backend_poll(struct ui_backend *be, struct ui_input_event *ev);

#endif
