/* The SDL2 backend: window, renderer, fonts, text and picture textures,
 * input translation and screenshots. The only ui/ file that draws with
 * SDL, so another backend (a framebuffer, a test double) replaces just
 * this file. */
#include "ui/ui_private.h"
#include "common/err.h"
#include "common/xalloc.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

#define FONT_CACHE 16
#define DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DEFAULT_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

struct font_slot {
	TTF_Font *font;
	int px;
	bool bold;
};

struct ui_backend {
	struct ui *ui;
	SDL_Window *win;
	SDL_Renderer *ren;
	struct font_slot fonts[FONT_CACHE];
	Uint32 wake_event;
	bool sdl_up, ttf_up, img_up;
	SDL_FingerID finger; /* only the first finger counts */
	bool finger_down;
};

struct ui_text {
	SDL_Texture *tex;
	int w, h, px;
	enum ui_font font;
};

struct ui_tex {
	SDL_Texture *tex;
	int w, h;
};

static const int font_base_px[] = {
	[UI_FONT_BODY] = 32, [UI_FONT_BUTTON] = 42, [UI_FONT_TITLE] = 50,
	[UI_FONT_ICON] = 64, [UI_FONT_HUGE] = 150,
};

/* Running text grows fully with the trainer's setting; words on buttons
 * and titles grow half as much, so that they still fit their targets. */
int ui_font_px(const struct ui *ui, enum ui_font font)
{
	int p = ui->cfg.text_percent;

	if (font == UI_FONT_BODY)
		return font_base_px[font] * p / 100;
	if (font == UI_FONT_HUGE)
		return font_base_px[font];
	return font_base_px[font] * (100 + (p - 100) / 2) / 100;
}

static TTF_Font *get_font_px(struct ui_backend *be, bool bold, int px)
{
	const char *path;
	int i;

	for (i = 0; i < FONT_CACHE && be->fonts[i].font; i++)
		if (be->fonts[i].px == px && be->fonts[i].bold == bold)
			return be->fonts[i].font;
	if (i == FONT_CACHE) {
		ui_backend_fonts_changed(be);
		i = 0;
	}
	path = bold ? be->ui->cfg.font_bold : be->ui->cfg.font;
	if (!path)
		path = bold ? DEFAULT_BOLD : DEFAULT_FONT;
	be->fonts[i].font = TTF_OpenFont(path, px);
	if (!be->fonts[i].font) {
		/* Fonts were checked at start-up: losing one later is fatal. */
		fprintf(stderr, "ui: cannot open font %s: %s\n", path,
			TTF_GetError());
		abort();
	}
	be->fonts[i].px = px;
	be->fonts[i].bold = bold;
	return be->fonts[i].font;
}

static TTF_Font *get_font(struct ui_backend *be, enum ui_font role)
{
	return get_font_px(be, role != UI_FONT_BODY, ui_font_px(be->ui, role));
}

void ui_backend_fonts_changed(struct ui_backend *be)
{
	for (int i = 0; i < FONT_CACHE; i++) {
		if (be->fonts[i].font)
			TTF_CloseFont(be->fonts[i].font);
		be->fonts[i].font = NULL;
	}
}

struct ui_backend *ui_backend_new(struct ui *ui, char *err, size_t errlen)
{
	struct ui_backend *be = XNEW(struct ui_backend);
	Uint32 flags = SDL_WINDOW_SHOWN;
	const char *fonts[2];

	be->ui = ui;
	if (ui->cfg.headless) {
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	}
	/* A touch must not also arrive as a mouse click: we read fingers. */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
		snprintf(err, errlen, "cannot open the display: %s",
			 SDL_GetError());
		goto fail;
	}
	be->sdl_up = true;
	if (TTF_Init() < 0) {
		snprintf(err, errlen, "cannot start fonts: %s", TTF_GetError());
		goto fail;
	}
	be->ttf_up = true;
	IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
	be->img_up = true;
	fonts[0] = ui->cfg.font ? ui->cfg.font : DEFAULT_FONT;
	fonts[1] = ui->cfg.font_bold ? ui->cfg.font_bold : DEFAULT_BOLD;
	for (int i = 0; i < 2; i++) {
		TTF_Font *f = TTF_OpenFont(fonts[i], 20);

		if (!f) {
			snprintf(err, errlen, "cannot open font %s: %s",
				 fonts[i], TTF_GetError());
			goto fail;
		}
		TTF_CloseFont(f);
	}
	if (ui->cfg.fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	be->win =
		SDL_CreateWindow(ui->cfg.title ? ui->cfg.title : "Lucarne",
				 SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
				 ui->cfg.width, ui->cfg.height, flags);
	if (!be->win) {
		snprintf(err, errlen, "cannot open a window: %s",
			 SDL_GetError());
		goto fail;
	}
	be->ren = SDL_CreateRenderer(be->win, -1, 0);
	if (!be->ren) {
		snprintf(err, errlen, "cannot draw in the window: %s",
			 SDL_GetError());
		goto fail;
	}
	SDL_SetRenderDrawBlendMode(be->ren, SDL_BLENDMODE_BLEND);
	if (ui->cfg.fullscreen) {
		SDL_GetRendererOutputSize(be->ren, &ui->cfg.width,
					  &ui->cfg.height);
		SDL_ShowCursor(SDL_DISABLE);
	}
	be->wake_event = SDL_RegisterEvents(1);
	return be;
fail:
	ui_backend_free(be);
	return NULL;
}

void ui_backend_free(struct ui_backend *be)
{
	if (!be)
		return;
	ui_backend_fonts_changed(be);
	if (be->ren)
		SDL_DestroyRenderer(be->ren);
	if (be->win)
		SDL_DestroyWindow(be->win);
	if (be->img_up)
		IMG_Quit();
	if (be->ttf_up)
		TTF_Quit();
	if (be->sdl_up)
		SDL_Quit();
	free(be);
}

static void set_color(SDL_Renderer *r, struct ui_color c)
{
	SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a ? c.a : 255);
}

void ui_backend_begin(struct ui_backend *be, struct ui_color bg)
{
	set_color(be->ren, bg);
	SDL_RenderClear(be->ren);
}

void ui_backend_present(struct ui_backend *be)
{
	SDL_RenderPresent(be->ren);
}

/* ---- text ----------------------------------------------------------- */
static struct ui_text *text_new_px(struct ui *ui, enum ui_font font, int px,
				   const char *utf8, int wrap_w,
				   enum ui_align align)
{
	TTF_Font *f;
	SDL_Surface *s;
	SDL_Color c = { 255, 255, 255, 255 };
	struct ui_text *t;

	if (!utf8 || !*utf8)
		return NULL;
	f = get_font_px(ui->be, font != UI_FONT_BODY, px);
	TTF_SetFontWrappedAlign(f,
				align == UI_ALIGN_CENTER
					? TTF_WRAPPED_ALIGN_CENTER
					: TTF_WRAPPED_ALIGN_LEFT);
	s = wrap_w > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, utf8, c, wrap_w)
		       : TTF_RenderUTF8_Blended(f, utf8, c);
	if (!s)
		return NULL;
	t = XNEW(struct ui_text);
	t->tex = SDL_CreateTextureFromSurface(ui->be->ren, s);
	t->w = s->w;
	t->h = s->h;
	t->px = px;
	t->font = font;
	SDL_FreeSurface(s);
	return t;
}

struct ui_text *ui_text_new(struct ui *ui, enum ui_font font, const char *utf8,
			    int wrap_w, enum ui_align align)
{
	return text_new_px(ui, font, ui_font_px(ui, font), utf8, wrap_w, align);
}

/* Width of the longest word: SDL_ttf breaks a word that is wider than
 * the wrap width in the middle, which must never happen on the kiosk. */
static int longest_word(struct ui *ui, bool bold, int px, const char *s)
{
	TTF_Font *f = get_font_px(ui->be, bold, px);
	char word[256];
	int max = 0, w, h;

	while (*s) {
		size_t n = strcspn(s, " \n");

		if (n && n < sizeof(word)) {
			memcpy(word, s, n);
			word[n] = 0;
			if (TTF_SizeUTF8(f, word, &w, &h) == 0 && w > max)
				max = w;
		}
		s += n;
		s += strspn(s, " \n");
	}
	return max;
}

struct ui_text *ui_text_fit(struct ui *ui, enum ui_font font, const char *utf8,
			    int max_w, int max_h, int min_px,
			    enum ui_align align, bool *fits)
{
	int px = ui_font_px(ui, font);
	bool bold = font != UI_FONT_BODY;
	struct ui_text *t;

	*fits = true;
	if (!utf8 || !*utf8)
		return NULL;
	if (min_px > px)
		min_px = px;
	for (;; px -= 2) {
		bool last = px - 2 < min_px;
		int w = 0, h = 0;

		/* One line if it fits: a wrapped texture is as wide as the
		 * wrap width, which would push centred text off centre. */
		if (!strchr(utf8, '\n') &&
		    TTF_SizeUTF8(get_font_px(ui->be, bold, px), utf8, &w, &h) ==
			    0 &&
		    w <= max_w && h <= max_h) {
			t = text_new_px(ui, font, px, utf8, 0, align);
			break;
		}
		if (longest_word(ui, bold, px, utf8) <= max_w || last) {
			t = text_new_px(ui, font, px, utf8, max_w, align);
			if (!t || (t->h <= max_h && t->w <= max_w) || last)
				break;
			ui_text_free(t);
		}
	}
	if (t &&
	    (t->h > max_h || t->w > max_w ||
	     longest_word(ui, bold, px, utf8) > max_w)) {
		*fits = false;
	}
	return t;
}

void ui_text_free(struct ui_text *t)
{
	if (!t)
		return;
	if (t->tex)
		SDL_DestroyTexture(t->tex);
	free(t);
}

void ui_text_size(const struct ui_text *t, int *w, int *h)
{
	*w = t ? t->w : 0;
	*h = t ? t->h : 0;
}

void ui_text_draw(struct ui *ui, const struct ui_text *t, int x, int y,
		  struct ui_pair col)
{
	SDL_Rect dst;
	double c;

	if (!t || !t->tex)
		return;
	dst = (SDL_Rect){ x, y, t->w, t->h };
	/* White glyphs tinted at draw time: one texture for every state. */
	SDL_SetTextureColorMod(t->tex, col.fg.r, col.fg.g, col.fg.b);
	SDL_RenderCopy(ui->be->ren, t->tex, NULL, &dst);
	/* Record what was really drawn, for the SENIORS.md audit. */
	c = ui_color_contrast(col.fg, col.bg);
	if (c < ui->ink.min_contrast)
		ui->ink.min_contrast = c;
	if (t->font == UI_FONT_BUTTON) {
		if (t->px < ui->ink.min_button_px)
			ui->ink.min_button_px = t->px;
	} else if (t->font == UI_FONT_BODY || t->font == UI_FONT_TITLE) {
		if (t->px < ui->ink.min_body_px)
			ui->ink.min_body_px = t->px;
	}
	ui->ink.texts++;
}

int ui_text_measure(struct ui *ui, enum ui_font font, const char *utf8)
{
	int w = 0, h = 0;

	if (utf8 && *utf8)
		TTF_SizeUTF8(get_font(ui->be, font), utf8, &w, &h);
	return w;
}

/* ---- shapes: rounded rectangles as horizontal spans ------------------ */
static int corner_inset(int radius, int dy)
{
	/* dy: distance (in rows) from the corner's centre line, >= 0. */
	int x = 0;

	while ((x + 1) * (x + 1) + dy * dy <= radius * radius)
		x++;
	return radius - x;
}

static void span(SDL_Renderer *r, int x0, int x1, int y)
{
	if (x1 > x0)
		SDL_RenderDrawLine(r, x0, y, x1 - 1, y);
}

static int row_inset(struct ui_rect r, int radius, int y)
{
	int top = r.y + radius, bot = r.y + r.h - 1 - radius;

	if (y < top)
		return corner_inset(radius, top - y);
	if (y > bot)
		return corner_inset(radius, y - bot);
	return 0;
}

void ui_draw_fill(struct ui *ui, struct ui_rect r, struct ui_color c,
		  int radius)
{
	SDL_Renderer *ren = ui->be->ren;
	SDL_Rect mid;

	if (r.w <= 0 || r.h <= 0)
		return;
	if (radius * 2 > r.h)
		radius = r.h / 2;
	if (radius * 2 > r.w)
		radius = r.w / 2;
	set_color(ren, c);
	mid = (SDL_Rect){ r.x, r.y + radius, r.w, r.h - 2 * radius };
	SDL_RenderFillRect(ren, &mid);
	for (int y = r.y; y < r.y + radius; y++) {
		int in = row_inset(r, radius, y);

		span(ren, r.x + in, r.x + r.w - in, y);
	}
	for (int y = r.y + r.h - radius; y < r.y + r.h; y++) {
		int in = row_inset(r, radius, y);

		span(ren, r.x + in, r.x + r.w - in, y);
	}
}

void ui_draw_frame(struct ui *ui, struct ui_rect r, struct ui_color c,
		   int width, int radius)
{
	SDL_Renderer *ren = ui->be->ren;
	struct ui_rect in = { r.x + width, r.y + width, r.w - 2 * width,
			      r.h - 2 * width };
	int rin = radius > width ? radius - width : 0;

	if (radius * 2 > r.h)
		radius = r.h / 2;
	set_color(ren, c);
	for (int y = r.y; y < r.y + r.h; y++) {
		int o = row_inset(r, radius, y);

		if (y < in.y || y >= in.y + in.h) {
			span(ren, r.x + o, r.x + r.w - o, y);
		} else {
			int i = row_inset(in, rin, y);

			span(ren, r.x + o, in.x + i, y);
			span(ren, in.x + in.w - i, r.x + r.w - o, y);
		}
	}
}

void ui_draw_disc(struct ui *ui, int cx, int cy, int radius, struct ui_color c)
{
	struct ui_rect r = { cx - radius, cy - radius, 2 * radius, 2 * radius };

	ui_draw_fill(ui, r, c, radius);
}

/* ---- pictures --------------------------------------------------------- */
struct ui_tex *ui_tex_load(struct ui *ui, const char *path)
{
	SDL_Texture *tex = IMG_LoadTexture(ui->be->ren, path);
	struct ui_tex *t;

	if (!tex)
		return NULL;
	t = XNEW(struct ui_tex);
	t->tex = tex;
	SDL_QueryTexture(tex, NULL, NULL, &t->w, &t->h);
	return t;
}

struct ui_tex *ui_tex_new_yuv(struct ui *ui, int w, int h)
{
	SDL_Texture *tex = SDL_CreateTexture(ui->be->ren, SDL_PIXELFORMAT_IYUV,
					     SDL_TEXTUREACCESS_STREAMING, w, h);
	struct ui_tex *t;

	if (!tex)
		return NULL;
	t = XNEW(struct ui_tex);
	t->tex = tex;
	t->w = w;
	t->h = h;
	return t;
}

int ui_tex_update_yuv(struct ui_tex *t, const uint8_t *y, int ystride,
		      const uint8_t *u, int ustride, const uint8_t *v,
		      int vstride)
{
	if (SDL_UpdateYUVTexture(t->tex, NULL, y, ystride, u, ustride, v,
				 vstride) < 0)
		return LC_EIO;
	return 0;
}

void ui_tex_size(const struct ui_tex *t, int *w, int *h)
{
	*w = t ? t->w : 0;
	*h = t ? t->h : 0;
}

void ui_tex_free(struct ui_tex *t)
{
	if (!t)
		return;
	SDL_DestroyTexture(t->tex);
	free(t);
}

void ui_tex_draw_fit(struct ui *ui, const struct ui_tex *t, struct ui_rect r)
{
	SDL_Rect dst;
	double s;

	if (!t || t->w <= 0 || t->h <= 0)
		return;
	s = (double)r.w / t->w;
	if ((double)r.h / t->h < s)
		s = (double)r.h / t->h;
	dst.w = (int)(t->w * s);
	dst.h = (int)(t->h * s);
	dst.x = r.x + (r.w - dst.w) / 2;
	dst.y = r.y + (r.h - dst.h) / 2;
	SDL_RenderCopy(ui->be->ren, t->tex, NULL, &dst);
}

/* ---- screenshots ------------------------------------------------------ */
static SDL_Surface *read_screen(struct ui_backend *be)
{
	int w, h;
	SDL_Surface *s;

	SDL_GetRendererOutputSize(be->ren, &w, &h);
	s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
					   SDL_PIXELFORMAT_ABGR8888);
	if (!s)
		return NULL;
	if (SDL_RenderReadPixels(be->ren, NULL, SDL_PIXELFORMAT_ABGR8888,
				 s->pixels, s->pitch) < 0) {
		SDL_FreeSurface(s);
		return NULL;
	}
	return s;
}

int ui_backend_save_png(struct ui_backend *be, const char *path)
{
	SDL_Surface *s = read_screen(be);
	int rc;

	if (!s)
		return LC_EIO;
	/* No alpha in a screenshot: a PNG viewer shows what the panel does. */
	for (int y = 0; y < s->h; y++) {
		Uint8 *row = (Uint8 *)s->pixels + y * s->pitch;

		for (int x = 0; x < s->w; x++)
			row[4 * x + 3] = 255;
	}
	rc = IMG_SavePNG(s, path) < 0 ? LC_EIO : 0;
	SDL_FreeSurface(s);
	return rc;
}

int ui_backend_compare_png(struct ui_backend *be, const char *path, int delta,
			   long *differ)
{
	SDL_Surface *ref, *cur, *conv;
	int rc = 0;

	*differ = 0;
	ref = IMG_Load(path);
	if (!ref)
		return LC_ENOENT;
	conv = SDL_ConvertSurfaceFormat(ref, SDL_PIXELFORMAT_ABGR8888, 0);
	SDL_FreeSurface(ref);
	cur = read_screen(be);
	if (!conv || !cur) {
		rc = LC_EIO;
		goto out;
	}
	if (conv->w != cur->w || conv->h != cur->h) {
		rc = LC_EINVAL;
		goto out;
	}
	for (int y = 0; y < cur->h; y++) {
		const Uint8 *a = (Uint8 *)cur->pixels + y * cur->pitch;
		const Uint8 *b = (Uint8 *)conv->pixels + y * conv->pitch;

		for (int x = 0; x < cur->w; x++) {
			for (int c = 0; c < 3; c++) {
				if (abs(a[4 * x + c] - b[4 * x + c]) > delta) {
					(*differ)++;
					break;
				}
			}
		}
	}
out:
	if (conv)
		SDL_FreeSurface(conv);
	if (cur)
		SDL_FreeSurface(cur);
	return rc;
}

/* ---- input ------------------------------------------------------------ */
/* Translate one SDL event into *@in; the caller acts on it. */
static void translate(struct ui_backend *be, const SDL_Event *ev,
		      struct ui_input_event *in)
{
	const struct ui_config *cfg = &be->ui->cfg;

	*in = (struct ui_input_event){ UI_INPUT_NONE, 0, 0 };
	switch (ev->type) {
	case SDL_QUIT:
		in->kind = UI_INPUT_QUIT;
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which != SDL_TOUCH_MOUSEID &&
		    ev->button.button == SDL_BUTTON_LEFT) {
			in->kind = ev->type == SDL_MOUSEBUTTONDOWN
				? UI_INPUT_PRESS
				: UI_INPUT_RELEASE;
			in->x = ev->button.x;
			in->y = ev->button.y;
		}
		break;
	case SDL_MOUSEMOTION:
		if (ev->motion.which != SDL_TOUCH_MOUSEID &&
		    (ev->motion.state & SDL_BUTTON_LMASK)) {
			in->kind = UI_INPUT_MOVE;
			in->x = ev->motion.x;
			in->y = ev->motion.y;
		}
		break;
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP:
		/* A palm or a second finger must not start another tap. */
		if (ev->type == SDL_FINGERDOWN) {
			if (be->finger_down)
				break;
			be->finger_down = true;
			be->finger = ev->tfinger.fingerId;
		} else if (!be->finger_down ||
			   ev->tfinger.fingerId != be->finger) {
			break;
		}
		in->x = (int)(ev->tfinger.x * cfg->width);
		in->y = (int)(ev->tfinger.y * cfg->height);
		if (ev->type == SDL_FINGERDOWN) {
			in->kind = UI_INPUT_PRESS;
		} else if (ev->type == SDL_FINGERMOTION) {
			in->kind = UI_INPUT_MOVE;
		} else {
			be->finger_down = false;
			in->kind = UI_INPUT_RELEASE;
		}
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			in->kind = UI_INPUT_EXPOSE;
		break;
	default:
		break;
	}
}

/* X11 and Wayland let SDL sleep until input arrives. KMSDRM and the
 * dummy driver do not: SDL_WaitEventTimeout would wake every millisecond,
 * so there we poll every UI_POLL_MS instead (well under one frame). */
#define UI_POLL_MS 10

static bool driver_can_wait(void)
{
	const char *d = SDL_GetCurrentVideoDriver();

	return d && (strcmp(d, "x11") == 0 || strcmp(d, "wayland") == 0);
}

bool ui_backend_wait(struct ui_backend *be, int timeout_ms,
		     struct ui_input_event *in)
{
	SDL_Event ev;
	int got = 0;

	if (driver_can_wait()) {
		got = timeout_ms < 0 ? SDL_WaitEvent(&ev)
				     : SDL_WaitEventTimeout(&ev, timeout_ms);
	} else {
		Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;

		while (!(got = SDL_PollEvent(&ev))) {
			if (timeout_ms >= 0 && SDL_GetTicks64() >= end)
				break;
			SDL_Delay(UI_POLL_MS);
		}
	}
	if (!got)
		return false;
	translate(be, &ev, in);
	return true;
}

bool ui_backend_poll(struct ui_backend *be, struct ui_input_event *in)
{
	SDL_Event ev;

	if (!SDL_PollEvent(&ev))
		return false;
	translate(be, &ev, in);
	return true;
}

void ui_backend_wake(struct ui_backend *be)
{
	SDL_Event ev;

	SDL_zero(ev);
	ev.type = be->wake_event;
	SDL_PushEvent(&ev);
}

void ui_inject_finger(struct ui *ui, enum ui_finger what, int x, int y)
{
	SDL_Event ev;

	SDL_zero(ev);
	ev.type = what == UI_FINGER_DOWN ? SDL_FINGERDOWN
		: what == UI_FINGER_MOVE ? SDL_FINGERMOTION
					 : SDL_FINGERUP;
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = 1;
	/* Aim at the pixel's centre so the round trip lands on it. */
	ev.tfinger.x = (x + 0.5f) / (float)ui->cfg.width;
	ev.tfinger.y = (y + 0.5f) / (float)ui->cfg.height;
	ev.tfinger.pressure = what == UI_FINGER_UP ? 0.0f : 1.0f;
	SDL_PushEvent(&ev);
}
