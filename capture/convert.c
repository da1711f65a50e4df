#include "capture/convert.h"
#include "common/err.h"

#include <libyuv.h>
#include <linux/videodev2.h>

int convert_rank(uint32_t fourcc)
{
	switch (fourcc) {
	case V4L2_PIX_FMT_YUV420:
		return 5; /* a plain copy */
	case V4L2_PIX_FMT_NV12:
		return 4;
	case V4L2_PIX_FMT_YVU420:
		return 3;
	case V4L2_PIX_FMT_YUYV:
		return 2;
	case V4L2_PIX_FMT_UYVY:
		return 1;
	default:
		return 0;
	}
}

bool convert_supported(uint32_t fourcc)
{
	return convert_rank(fourcc) > 0;
}

int convert_to_i420(uint32_t fourcc, const uint8_t *src, size_t len,
		    int bytesperline, int width, int height, struct frame *dst)
{
	size_t need;
	int ch = height / 2;
	int rc;

	if (dst->width != width || dst->height != height)
		return LC_EINVAL;
	switch (fourcc) {
	case V4L2_PIX_FMT_YUYV:
	case V4L2_PIX_FMT_UYVY:
		if (bytesperline < width * 2)
			bytesperline = width * 2;
		need = (size_t)bytesperline * (size_t)height;
		break;
	default:
		if (bytesperline < width)
			bytesperline = width;
		need = (size_t)bytesperline * (size_t)height * 3 / 2;
		break;
	}
	if (len < need)
		return LC_EINVAL;
	switch (fourcc) {
	case V4L2_PIX_FMT_YUYV:
		rc = YUY2ToI420(src, bytesperline, dst->y, dst->stride_y,
				dst->u, dst->stride_uv, dst->v, dst->stride_uv,
				width, height);
		break;
	case V4L2_PIX_FMT_UYVY:
		rc = UYVYToI420(src, bytesperline, dst->y, dst->stride_y,
				dst->u, dst->stride_uv, dst->v, dst->stride_uv,
				width, height);
		break;
	case V4L2_PIX_FMT_NV12: {
		const uint8_t *uv = src + (size_t)bytesperline * height;

		rc = NV12ToI420(src, bytesperline, uv, bytesperline, dst->y,
				dst->stride_y, dst->u, dst->stride_uv, dst->v,
				dst->stride_uv, width, height);
		break;
	}
	case V4L2_PIX_FMT_YUV420:
	case V4L2_PIX_FMT_YVU420: {
		/* Chroma planes follow the luma at half the stride. */
		int cs = bytesperline / 2;
		const uint8_t *p1 = src + (size_t)bytesperline * height;
		const uint8_t *p2 = p1 + (size_t)cs * ch;
		bool swap = fourcc == V4L2_PIX_FMT_YVU420;

		rc = I420Copy(src, bytesperline, swap ? p2 : p1, cs,
			      swap ? p1 : p2, cs, dst->y, dst->stride_y, dst->u,
			      dst->stride_uv, dst->v, dst->stride_uv, width,
			      height);
		break;
	}
	default:
		return LC_EINVAL;
	}
	return rc == 0 ? 0 : LC_EINVAL;
}
