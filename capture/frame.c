#include "capture/frame.h"
#include "common/xalloc.h"

#include <libyuv.h>
#include <stdlib.h>
#include <string.h>

struct frame *frame_new(int width, int height)
{
	struct frame *f = XNEW(struct frame);
	size_t ysz = (size_t)width * (size_t)height;
	size_t csz = ysz / 4;

	f->width = width;
	f->height = height;
	f->stride_y = width;
	f->stride_uv = width / 2;
	f->y = xmalloc(ysz + 2 * csz);
	f->u = f->y + ysz;
	f->v = f->u + csz;
	frame_fill(f, 16, 128, 128);
	return f;
}

void frame_free(struct frame *f)
{
	if (!f)
		return;
	free(f->y);
	free(f);
}

void frame_fill(struct frame *f, uint8_t y, uint8_t u, uint8_t v)
{
	size_t ysz = (size_t)f->stride_y * (size_t)f->height;
	size_t csz = (size_t)f->stride_uv * (size_t)(f->height / 2);

	memset(f->y, y, ysz);
	memset(f->u, u, csz);
	memset(f->v, v, csz);
}

void frame_scale(const struct frame *src, struct frame *dst)
{
	if (src->width == dst->width && src->height == dst->height)
		I420Copy(src->y, src->stride_y, src->u, src->stride_uv, src->v,
			 src->stride_uv, dst->y, dst->stride_y, dst->u,
			 dst->stride_uv, dst->v, dst->stride_uv, dst->width,
			 dst->height);
	else
		I420Scale(src->y, src->stride_y, src->u, src->stride_uv, src->v,
			  src->stride_uv, src->width, src->height, dst->y,
			  dst->stride_y, dst->u, dst->stride_uv, dst->v,
			  dst->stride_uv, dst->width, dst->height,
			  kFilterBilinear);
	dst->capture_us = src->capture_us;
	dst->slate = src->slate;
}
