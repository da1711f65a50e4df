#include "ui/ui_image.h"
#include "ui/ui_private.h"

struct ui_image {
	struct ui_obj obj;
	struct ui_tex *tex;
};

static void image_draw(struct ui_obj *o)
{
	struct ui_image *im = (struct ui_image *)o;

	if (im->tex)
		ui_tex_draw_fit(o->ui, im->tex, o->rect);
	else
		ui_draw_frame(o->ui, o->rect, o->ui->theme->border,
			      ui_mm(o->ui, 0.6), ui_mm(o->ui, 3));
}

static void image_destroy(struct ui_obj *o)
{
	ui_tex_free(((struct ui_image *)o)->tex);
}

static const struct ui_class image_class = {
	.name = "image",
	.base = &ui_obj_class,
	.size = sizeof(struct ui_image),
	.destroy = image_destroy,
	.draw = image_draw,
};

struct ui_obj *ui_image_new(struct ui *ui, struct ui_obj *parent,
			    const char *path)
{
	struct ui_obj *o = ui_obj_create(&image_class, ui, parent);

	if (path)
		((struct ui_image *)o)->tex = ui_tex_load(ui, path);
	return o;
}

bool ui_image_ok(const struct ui_obj *o)
{
	return ((const struct ui_image *)o)->tex != NULL;
}
