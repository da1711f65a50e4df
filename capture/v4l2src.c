#define LOG_TAG "v4l2"
#include "capture/v4l2src.h"
#include "capture/convert.h"
#include "capture/v4l2ctl.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define N_BUFFERS 4

struct v4l2src {
	struct v4l2src_config cfg;
	char *path;
	/* runtime state, valid between open and close */
	int fd;
	bool streaming;
	uint32_t fourcc;
	int width, height, bytesperline;
	struct {
		void *start;
		size_t len;
	} bufs[N_BUFFERS];
	unsigned n_bufs;
	char err[256];
};

static int xioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = v4l2_ioctl(fd, req, arg);
	while (rc < 0 && errno == EINTR);
	return rc;
}

static int errno_code(int e)
{
	switch (e) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return LC_ENODEV;
	case EBUSY:
		return LC_EBUSY;
	default:
		return LC_EIO;
	}
}

static int fail_errno(struct v4l2src *s, const char *what)
{
	int e = errno;

	snprintf(s->err, sizeof(s->err), "%s: %s: %s", s->path, what,
		 strerror(e));
	return errno_code(e);
}

struct v4l2src *v4l2src_new(const struct v4l2src_config *cfg)
{
	struct v4l2src *s = XNEW(struct v4l2src);

	s->cfg = *cfg;
	s->path = xstrdup(cfg->path);
	s->cfg.path = s->path;
	s->fd = -1;
	return s;
}

void v4l2src_free(struct v4l2src *s)
{
	if (!s)
		return;
	v4l2src_close(s);
	free(s->path);
	free(s);
}

/* The best format the camera gives natively, else one libv4l converts
 * to (its emulated formats are flagged). */
static uint32_t pick_format(struct v4l2src *s)
{
	struct v4l2_fmtdesc d;
	uint32_t best = 0;
	int best_rank = -1;

	for (d = (struct v4l2_fmtdesc){ .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	     xioctl(s->fd, VIDIOC_ENUM_FMT, &d) == 0; d.index++) {
		int rank = convert_rank(d.pixelformat);

		if (!rank)
			continue;
		if (!(d.flags & V4L2_FMT_FLAG_EMULATED))
			rank += 10;
		if (rank > best_rank) {
			best_rank = rank;
			best = d.pixelformat;
		}
	}
	return best;
}

static int set_format(struct v4l2src *s)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	uint32_t fourcc = pick_format(s);

	if (!fourcc) {
		snprintf(s->err, sizeof(s->err),
			 "%s: no usable pixel format (need YUYV, UYVY, NV12, "
			 "I420 or one libv4l converts)",
			 s->path);
		return LC_EINVAL;
	}
	fmt.fmt.pix.width = (unsigned)s->cfg.width;
	fmt.fmt.pix.height = (unsigned)s->cfg.height;
	fmt.fmt.pix.pixelformat = fourcc;
	fmt.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(s->fd, VIDIOC_S_FMT, &fmt) < 0)
		return fail_errno(s, "VIDIOC_S_FMT");
	if (!convert_supported(fmt.fmt.pix.pixelformat) ||
	    fmt.fmt.pix.width % 2 || fmt.fmt.pix.height % 2) {
		snprintf(s->err, sizeof(s->err),
			 "%s: driver chose an unusable format %.4s %ux%u",
			 s->path, (const char *)&fmt.fmt.pix.pixelformat,
			 fmt.fmt.pix.width, fmt.fmt.pix.height);
		return LC_EINVAL;
	}
	s->fourcc = fmt.fmt.pix.pixelformat;
	s->width = (int)fmt.fmt.pix.width;
	s->height = (int)fmt.fmt.pix.height;
	s->bytesperline = (int)fmt.fmt.pix.bytesperline;
	/* The rate: many drivers (vivid included) default to 5 fps. */
	parm.parm.capture.timeperframe.numerator = 1;
	parm.parm.capture.timeperframe.denominator = (unsigned)s->cfg.fps;
	if (xioctl(s->fd, VIDIOC_S_PARM, &parm) < 0)
		log_warn("%s: cannot set %d fps: %s", s->path, s->cfg.fps,
			 strerror(errno));
	else if (parm.parm.capture.timeperframe.numerator)
		log_info("%s: %.4s %dx%d at %u/%u fps", s->path,
			 (const char *)&s->fourcc, s->width, s->height,
			 parm.parm.capture.timeperframe.denominator,
			 parm.parm.capture.timeperframe.numerator);
	return 0;
}

static int start_streaming(struct v4l2src *s)
{
	struct v4l2_requestbuffers req = {
		.count = N_BUFFERS,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (xioctl(s->fd, VIDIOC_REQBUFS, &req) < 0)
		return fail_errno(s, "VIDIOC_REQBUFS");
	if (req.count < 2) {
		snprintf(s->err, sizeof(s->err), "%s: too few buffers",
			 s->path);
		return LC_EIO;
	}
	for (unsigned i = 0; i < req.count && i < N_BUFFERS; i++) {
		struct v4l2_buffer b = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP,
			.index = i,
		};

		if (xioctl(s->fd, VIDIOC_QUERYBUF, &b) < 0)
			return fail_errno(s, "VIDIOC_QUERYBUF");
		s->bufs[i].start =
			v4l2_mmap(NULL, b.length, PROT_READ | PROT_WRITE,
				  MAP_SHARED, s->fd, b.m.offset);
		if (s->bufs[i].start == MAP_FAILED) {
			s->bufs[i].start = NULL;
			return fail_errno(s, "mmap");
		}
		s->bufs[i].len = b.length;
		s->n_bufs = i + 1;
		if (xioctl(s->fd, VIDIOC_QBUF, &b) < 0)
			return fail_errno(s, "VIDIOC_QBUF");
	}
	if (xioctl(s->fd, VIDIOC_STREAMON, &type) < 0)
		return fail_errno(s, "VIDIOC_STREAMON");
	s->streaming = true;
	return 0;
}

int v4l2src_open(struct v4l2src *s)
{
	struct v4l2_capability cap;
	int rc;

	v4l2src_close(s);
	s->err[0] = '\0';
	s->fd = v4l2_open(s->path, O_RDWR | O_NONBLOCK);
	if (s->fd < 0)
		return fail_errno(s, "cannot open");
	if (xioctl(s->fd, VIDIOC_QUERYCAP, &cap) < 0) {
		rc = fail_errno(s, "VIDIOC_QUERYCAP");
		goto fail;
	}
	if (!(cap.device_caps & V4L2_CAP_VIDEO_CAPTURE) ||
	    !(cap.device_caps & V4L2_CAP_STREAMING)) {
		snprintf(s->err, sizeof(s->err),
			 "%s: not a streaming capture device", s->path);
		rc = LC_ENODEV;
		goto fail;
	}
	rc = set_format(s);
	if (rc < 0)
		goto fail;
	rc = start_streaming(s);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	v4l2src_close(s);
	return rc;
}

void v4l2src_close(struct v4l2src *s)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (s->streaming)
		xioctl(s->fd, VIDIOC_STREAMOFF, &type);
	s->streaming = false;
	for (unsigned i = 0; i < s->n_bufs; i++)
		if (s->bufs[i].start)
			v4l2_munmap(s->bufs[i].start, s->bufs[i].len);
	memset(s->bufs, 0, sizeof(s->bufs));
	s->n_bufs = 0;
	if (s->fd >= 0) {
		struct v4l2_requestbuffers req = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP,
		};

		xioctl(s->fd, VIDIOC_REQBUFS, &req); /* free them */
		v4l2_close(s->fd);
	}
	s->fd = -1;
}

int v4l2src_width(const struct v4l2src *s)
{
	return s->width;
}

int v4l2src_height(const struct v4l2src *s)
{
	return s->height;
}

int v4l2src_list_controls(struct v4l2src *s, struct camctl_list *out)
{
	if (s->fd < 0) {
		memset(out, 0, sizeof(*out));
		return 0;
	}
	return v4l2ctl_list(s->fd, out);
}

int v4l2src_set_control(struct v4l2src *s, const char *name, int value,
			int *readback)
{
	if (s->fd < 0)
		return LC_ESTATE;
	s->err[0] = '\0';
	return v4l2ctl_set(s->fd, name, value, readback, s->err,
			   sizeof(s->err));
}

const char *v4l2src_error(const struct v4l2src *s)
{
	return s->err;
}

int v4l2src_read(struct v4l2src *s, struct frame *f, int timeout_ms)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	struct v4l2_buffer b = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int64_t now;
	int rc;

	s->err[0] = '\0';
	if (!s->streaming)
		return LC_ENODEV;
	rc = poll(&pfd, 1, timeout_ms);
	if (rc < 0)
		return errno == EINTR ? LC_EAGAIN : fail_errno(s, "poll");
	if (rc == 0)
		return LC_EAGAIN;
	if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
		snprintf(s->err, sizeof(s->err), "%s: device gone", s->path);
		return LC_ENODEV;
	}
	if (xioctl(s->fd, VIDIOC_DQBUF, &b) < 0)
		return errno == EAGAIN ? LC_EAGAIN
				       : fail_errno(s, "VIDIOC_DQBUF");
	if (b.index >= s->n_bufs) {
		snprintf(s->err, sizeof(s->err), "%s: bad buffer index",
			 s->path);
		return LC_EIO;
	}
	/* V4L2 stamps buffers with CLOCK_MONOTONIC at capture: map that to
	 * the wall clock so viewers elsewhere can measure latency. Some
	 * drivers (vivid among them) stamp the end of the frame period,
	 * which can lie ahead of the moment we dequeue: a capture time in
	 * the future would make latency read low, so never go past now. */
	now = clock_wall_us();
	f->capture_us = now;
	if ((b.flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) ==
		    V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC &&
	    (b.timestamp.tv_sec || b.timestamp.tv_usec)) {
		int64_t ts = (int64_t)b.timestamp.tv_sec * 1000000 +
			b.timestamp.tv_usec + clock_mono_to_wall_offset_us();

		if (ts < now)
			f->capture_us = ts;
	}
	rc = convert_to_i420(s->fourcc, s->bufs[b.index].start,
			     b.bytesused ? b.bytesused : s->bufs[b.index].len,
			     s->bytesperline, s->width, s->height, f);
	if (xioctl(s->fd, VIDIOC_QBUF, &b) < 0)
		return fail_errno(s, "VIDIOC_QBUF");
	if (rc < 0) {
		snprintf(s->err, sizeof(s->err),
			 "%s: short or bad picture (%u bytes)", s->path,
			 b.bytesused);
		return LC_EAGAIN;
	}
	f->slate = false;
	return 0;
}
