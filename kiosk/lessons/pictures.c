/* Draws the example lessons' pictures: flat illustrations of a tablet or
 * a phone, with a big symbol, a labelled button, a message bubble, a
 * pointing finger and a green tick or red cross. Run by
 * `make lesson-pictures`; the PNGs are committed, so this only matters
 * when a picture changes. Uses SDL's software renderer off screen. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

#define W 640
#define H 480
#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

enum device { TABLET, PHONE };
enum mark { NONE, TICK, CROSS };

struct pic {
	const char *file;
	enum device dev;
	const char *header; /* app name on the device's title bar */
	const char *glyph; /* big symbol */
	Uint32 glyph_rgb;
	const char *button; /* labelled button under the symbol */
	Uint32 button_rgb;
	const char *bubble; /* a message bubble instead of the symbol */
	int finger; /* a finger touching the button */
	enum mark mark;
};

#define NAVY 0x1f3a5f
#define GREEN 0x1e7b34
#define RED 0xb3261e
#define ORANGE 0xc25e00
#define GREY 0x555555

static const struct pic pics[] = {
	/* Making a video call. */
	{ "appel-video/1.png", TABLET, "Lucarne", "☺", NAVY, NULL, 0, NULL, 0,
	  NONE },
	{ "appel-video/2.png", TABLET, "Lucarne", "☎", GREEN, "Appels", GREEN,
	  NULL, 1, NONE },
	{ "appel-video/3.png", TABLET, "Appels", "☺", ORANGE, "Marie", NAVY,
	  NULL, 1, NONE },
	{ "appel-video/4.png", TABLET, "Appel en cours", "⌛", NAVY, NULL, 0,
	  NULL, 0, NONE },
	{ "appel-video/5.png", TABLET, "Marie", "☺", ORANGE, NULL, 0, NULL, 0,
	  TICK },
	{ "appel-video/6.png", TABLET, "Marie", "☎", RED, "Raccrocher", RED,
	  NULL, 1, NONE },
	/* Sending a photo. */
	{ "envoyer-photo/1.png", PHONE, "Photos", "☀", ORANGE, "Photo", NAVY,
	  NULL, 1, NONE },
	{ "envoyer-photo/2.png", PHONE, "Photo", "❀", RED, "Prendre", GREY,
	  NULL, 1, NONE },
	{ "envoyer-photo/3.png", PHONE, "Photo", "❀", RED, "Partager", NAVY,
	  NULL, 1, NONE },
	{ "envoyer-photo/4.png", PHONE, "Partager", "☺", ORANGE, "Paul", NAVY,
	  NULL, 1, NONE },
	{ "envoyer-photo/5.png", PHONE, "Paul", "➤", NAVY, "Envoyer", GREEN,
	  NULL, 1, NONE },
	{ "envoyer-photo/6.png", PHONE, "Paul", "✔", GREEN, NULL, 0, NULL, 0,
	  TICK },
	/* Spotting a fraudulent message. */
	{ "message-frauduleux/1.png", PHONE, "Messages", NULL, 0, NULL, 0,
	  "Bonjour, votre colis est bloqué.", 0, NONE },
	{ "message-frauduleux/2.png", PHONE, "Messages", NULL, 0, NULL, 0,
	  "URGENT ! Votre compte sera fermé ce soir !", 0, NONE },
	{ "message-frauduleux/3.png", PHONE, "Messages", NULL, 0, NULL, 0,
	  "Envoyez votre code de carte bancaire.", 0, CROSS },
	{ "message-frauduleux/4.png", PHONE, "Messages", NULL, 0, NULL, 0,
	  "Cliquez : http://banque-secur1te.xyz", 0, NONE },
	{ "message-frauduleux/5.png", PHONE, "Messages", "⚠", RED, "Supprimer",
	  RED, NULL, 1, NONE },
	{ "message-frauduleux/6.png", PHONE, "Téléphone", "☎", GREEN,
	  "Ma banque", GREEN, NULL, 1, NONE },
	{ "message-frauduleux/7.png", TABLET, "Lucarne", "☺", NAVY, NULL, 0,
	  NULL, 0, TICK },
};

static SDL_Renderer *ren;

static void rgb(Uint32 c)
{
	SDL_SetRenderDrawColor(ren, c >> 16 & 255, c >> 8 & 255, c & 255, 255);
}

static void round_rect(int x, int y, int w, int h, int r, Uint32 c)
{
	rgb(c);
	for (int i = 0; i < h; i++) {
		int d = 0,
		    dy = i < r	     ? r - i
			: i >= h - r ? i - (h - r - 1)
				     : 0;

		while (d < r && (r - d) * (r - d) + dy * dy > r * r)
			d++;
		if (!dy)
			d = 0;
		SDL_RenderDrawLine(ren, x + d, y + i, x + w - 1 - d, y + i);
	}
}

static void disc(int cx, int cy, int r, Uint32 c)
{
	round_rect(cx - r, cy - r, 2 * r, 2 * r, r, c);
}

static void text(const char *s, const char *font, int px, Uint32 c, int cx,
		 int cy, int wrap)
{
	TTF_Font *f = TTF_OpenFont(font, px);
	SDL_Color col = { c >> 16 & 255, c >> 8 & 255, c & 255, 255 };
	SDL_Surface *surf;
	SDL_Texture *t;
	SDL_Rect d;

	if (!f)
		return;
	TTF_SetFontWrappedAlign(f, TTF_WRAPPED_ALIGN_CENTER);
	surf = wrap ? TTF_RenderUTF8_Blended_Wrapped(f, s, col, wrap)
		    : TTF_RenderUTF8_Blended(f, s, col);
	if (surf) {
		t = SDL_CreateTextureFromSurface(ren, surf);
		d = (SDL_Rect){ cx - surf->w / 2, cy - surf->h / 2, surf->w,
				surf->h };
		SDL_RenderCopy(ren, t, NULL, &d);
		SDL_DestroyTexture(t);
		SDL_FreeSurface(surf);
	}
	TTF_CloseFont(f);
}

static void draw(const struct pic *p)
{
	int dw = p->dev == TABLET ? 520 : 280,
	    dh = p->dev == TABLET ? 400 : 440;
	int dx = (W - dw) / 2, dy = (H - dh) / 2,
	    b = p->dev == TABLET ? 24 : 16;
	int sx = dx + b, sy = dy + b + (p->dev == PHONE ? 16 : 0);
	int sw = dw - 2 * b, sh = dh - 2 * b - (p->dev == PHONE ? 32 : 0);
	int cx = sx + sw / 2, gy = sy + 60 + (sh - 60) * 2 / 5;
	int by = sy + sh - 70;

	rgb(0xeaf2fb);
	SDL_RenderClear(ren);
	round_rect(dx, dy, dw, dh, 36, 0x2b2b2b);
	round_rect(sx, sy, sw, sh, 8, 0xffffff);
	round_rect(sx, sy, sw, 48, 8, NAVY);
	text(p->header, BOLD, 24, 0xffffff, cx, sy + 24, 0);
	if (p->bubble) {
		round_rect(sx + 16, sy + 80, sw - 32, 190, 24, 0xe3e3e3);
		text(p->bubble, FONT, 26, 0x111111, cx, sy + 175, sw - 70);
	}
	if (p->glyph) {
		if (!p->button)
			gy = sy + 48 + (sh - 48) / 2;
		text(p->glyph, FONT, p->button ? 120 : 170, p->glyph_rgb, cx,
		     gy, 0);
	}
	if (p->button) {
		int bw = sw - 60 < 300 ? sw - 60 : 300;

		round_rect(cx - bw / 2, by - 34, bw, 68, 16, p->button_rgb);
		text(p->button, BOLD, 30, 0xffffff, cx, by, 0);
	}
	if (p->finger) {
		/* Where to touch: a dot with two rings, as tutorials draw a
		 * tap (an outline finger glyph reads badly when small). */
		int bw = sw - 60 < 300 ? sw - 60 : 300;
		int tx = cx + bw / 2 - 4, ty = by + 30;

		disc(tx, ty, 30, 0x111111);
		disc(tx, ty, 25, 0xf2c14e);
		disc(tx, ty, 15, 0x111111);
		disc(tx, ty, 10, 0xf2c14e);
	}
	if (p->mark == TICK) {
		disc(dx + dw - 20, dy + 30, 56, GREEN);
		text("✔", BOLD, 70, 0xffffff, dx + dw - 20, dy + 32, 0);
	} else if (p->mark == CROSS) {
		disc(dx + dw - 20, dy + 30, 56, RED);
		text("✘", BOLD, 70, 0xffffff, dx + dw - 20, dy + 32, 0);
	}
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "kiosk/lessons";
	SDL_Surface *s;
	char path[1024];
	int rc = 0;

	if (SDL_Init(0) < 0 || TTF_Init() < 0)
		return 1;
	s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32,
					   SDL_PIXELFORMAT_ABGR8888);
	ren = SDL_CreateSoftwareRenderer(s);
	for (size_t i = 0; i < sizeof(pics) / sizeof(pics[0]); i++) {
		draw(&pics[i]);
		SDL_RenderPresent(ren);
		snprintf(path, sizeof(path), "%s/%s", dir, pics[i].file);
		if (IMG_SavePNG(s, path) < 0) {
			fprintf(stderr, "%s: %s\n", path, SDL_GetError());
			rc = 1;
		}
	}
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(s);
	TTF_Quit();
	SDL_Quit();
	return rc;
}
