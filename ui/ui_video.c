#include "ui/ui_video.h"
#include "ui/ui_private.h"
#include "common/err.h"

struct ui_video {
	struct ui_obj obj;
	struct ui_tex *tex;
	int w, h;
	long frames;
};

static void video_draw(struct ui_obj *o)
{
	struct ui_video *v = (struct ui_video *)o;
	struct ui_color black = { 0, 0, 0, 255 };

	ui_draw_fill(o->ui, o->rect, black, 0);
	if (v->tex && v->frames)
		ui_tex_draw_fit(o->ui, v->tex, o->rect);
}

static void video_destroy(struct ui_obj *o)
{
	ui_tex_free(((struct ui_video *)o)->tex);
}

static const struct ui_class video_class = {
	.name = "video",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_video),
	.destroy = video_destroy,
	.draw = video_draw,
};

struct ui_obj *ui_video_new(struct ui *ui, struct ui_obj *parent)
{
	return ui_obj_create(&video_class, ui, parent);
}

int ui_video_push_i420(struct ui_obj *o, int w, int h, const uint8_t *y,
		       int ystride, const uint8_t *u, int ustride,
		       const uint8_t *v, int vstride)
{
	struct ui_video *vid = (struct ui_video *)o;

	if (w <= 0 || h <= 0 || (w & 1) || (h & 1) || w > 4096 || h > 4096)
		return LC_EINVAL;
	if (!vid->tex || vid->w != w || vid->h != h) {
		ui_tex_free(vid->tex);
		vid->tex = ui_tex_new_yuv(o->ui, w, h);
		if (!vid->tex)
			return LC_EIO;
		vid->w = w;
		vid->h = h;
	}
	if (ui_tex_update_yuv(vid->tex, y, ystride, u, ustride, v, vstride))
		return LC_EIO;
	vid->frames++;
	ui_obj_invalidate(o);
	return 0;
}

long ui_video_frames(const struct ui_obj *o)
{
	return ((const struct ui_video *)o)->frames;
}

void ui_video_clear(struct ui_obj *o)
{
	((struct ui_video *)o)->frames = 0;
	ui_obj_invalidate(o);
}
