/* Camera formats to I420 on known pixels. */
#include "capture/convert.h"
#include "common/err.h"
#include "tests/tap.h"

#include <linux/videodev2.h>
#include <string.h>

#define W 16
#define H 4

int main(void)
{
	struct frame *f = frame_new(W, H);
	uint8_t yuyv[W * 2 * H], nv12[W * H * 3 / 2], i420[32 * H * 3 / 2];
	bool good = true;

	plan(9);
	/* YUYV: Y0 U Y1 V per pixel pair; luma = column, U = 100 + row,
	 * V = 200 - row. Chroma of row pairs is averaged by I420. */
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x += 2) {
			uint8_t *p = yuyv + y * W * 2 + x * 2;

			p[0] = (uint8_t)(x * 10);
			p[1] = (uint8_t)(100 + y);
			p[2] = (uint8_t)(x * 10 + 5);
			p[3] = (uint8_t)(200 - y);
		}
	ok(convert_to_i420(V4L2_PIX_FMT_YUYV, yuyv, sizeof(yuyv), 0, W, H, f) ==
		   0,
	   "YUYV converts");
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			good &= f->y[y * f->stride_y + x] ==
				(uint8_t)((x & ~1) * 10 + (x & 1) * 5);
	ok(good, "YUYV luma in place");
	/* Rows 0,1 -> U (100+101)/2 rounded = 101 (libyuv rounds up). */
	ok((f->u[0] == 100 || f->u[0] == 101) &&
		   (f->u[f->stride_uv] == 102 || f->u[f->stride_uv] == 103) &&
		   (f->v[0] == 199 || f->v[0] == 200),
	   "YUYV chroma averaged over row pairs (%d %d %d)", f->u[0],
	   f->u[f->stride_uv], f->v[0]);

	/* NV12: Y plane, then interleaved UV. */
	for (int i = 0; i < W * H; i++)
		nv12[i] = (uint8_t)i;
	for (int i = 0; i < W * H / 2; i += 2) {
		nv12[W * H + i] = (uint8_t)(16 + i / 2); /* U */
		nv12[W * H + i + 1] = (uint8_t)(240 - i / 2); /* V */
	}
	ok(convert_to_i420(V4L2_PIX_FMT_NV12, nv12, sizeof(nv12), W, W, H, f) ==
		   0,
	   "NV12 converts");
	ok(f->y[5] == 5 && f->y[f->stride_y * 3 + 2] == 50, "NV12 luma copied");
	ok(f->u[0] == 16 && f->v[0] == 240 && f->u[9] == 25 && f->v[9] == 231,
	   "NV12 chroma de-interleaved (%d %d %d %d)", f->u[0], f->v[0],
	   f->u[9], f->v[9]);

	/* I420 with a 32-byte stride (padding the driver adds). */
	memset(i420, 0, sizeof(i420));
	for (int y = 0; y < H; y++)
		memset(i420 + y * 32, 77, W);
	memset(i420 + 32 * H, 55, 16 * H / 2);
	memset(i420 + 32 * H + 16 * H / 2, 66, 16 * H / 2);
	ok(convert_to_i420(V4L2_PIX_FMT_YUV420, i420, sizeof(i420), 32, W, H,
			   f) == 0 &&
		   f->y[W - 1] == 77 && f->y[f->stride_y] == 77 &&
		   f->u[0] == 55 && f->v[0] == 66,
	   "I420 with padded lines");

	ok(convert_to_i420(V4L2_PIX_FMT_YUYV, yuyv, sizeof(yuyv) - 1, 0, W, H,
			   f) == LC_EINVAL,
	   "short buffer refused");
	ok(convert_to_i420(V4L2_PIX_FMT_RGB24, yuyv, sizeof(yuyv), 0, W, H,
			   f) == LC_EINVAL &&
		   !convert_supported(V4L2_PIX_FMT_MJPEG),
	   "unsupported formats refused (libv4l converts those)");
	frame_free(f);
	return done();
}
