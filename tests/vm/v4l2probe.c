/*
 * v4l2probe - the capture check of the QEMU/vivid test rig (tests/vm).
 *
 * Usage: v4l2probe [-d DEVICE] [-s WxH] [-r FPS] [-n FRAMES]
 *
 * Opens DEVICE (default /dev/video0) through libv4l2, as lucarne-capture
 * does, asks for WxH (default 640x480) YUYV at FPS (default 25, set with
 * VIDIOC_S_PARM: vivid starts at 5), streams FRAMES (default 50) mmap
 * buffers and prints one line of key=value results on stdout:
 *
 *   driver=vivid size=640x480 format=YUYV interval=1/25 frames=50
 *   seconds=1.92 fps=25.47 first=b3.80.b3.80 lumas=8 ts_age_ms=-39.2
 *
 * fps is measured between the first and the last frame; first is the top
 * left two pixels (Y U Y V bytes, hex); lumas is the number of distinct Y
 * values along the middle row, which is above 1 for any real picture
 * (vivid's default colour bars give 8); ts_age_ms is the mean time from a
 * buffer's timestamp to its dequeueing (none unless CLOCK_MONOTONIC): what
 * a capture program adds to latency by trusting the driver's stamps. Exit status 0 when every
 * frame arrived in the asked size and format, 1 otherwise, with the reason
 * on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define N_BUFS 4
#define FRAME_TIMEOUT_MS 5000

struct probe_buf {
	void *start;
	size_t len;
};

struct probe {
	const char *dev;
	unsigned width, height, fps, frames;
	int fd;
	struct probe_buf bufs[N_BUFS];
	unsigned n_bufs;
};

static int fail(const char *what)
{
	fprintf(stderr, "v4l2probe: %s: %s\n", what, strerror(errno));
	return -1;
}

/* xioctl: v4l2_ioctl, retried on EINTR. */
static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do {
		r = v4l2_ioctl(fd, req, arg);
	} while (r < 0 && errno == EINTR);
	return r;
}

static double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * probe_setup: format, frame rate and buffers. Prints the driver, size,
 * format and interval fields. Returns 0, or -1 with the reason on stderr.
 */
static int probe_setup(struct probe *p)
{
	struct v4l2_capability cap;
	struct v4l2_format fmt;
	struct v4l2_streamparm parm;
	struct v4l2_requestbuffers req;
	unsigned i;

	memset(&cap, 0, sizeof(cap));
	if (xioctl(p->fd, VIDIOC_QUERYCAP, &cap) < 0)
		return fail("VIDIOC_QUERYCAP");
	if (!(cap.capabilities & V4L2_CAP_VIDEO_CAPTURE) ||
	    !(cap.capabilities & V4L2_CAP_STREAMING)) {
		fprintf(stderr, "v4l2probe: %s cannot stream capture\n",
			p->dev);
		return -1;
	}

	memset(&fmt, 0, sizeof(fmt));
	fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	fmt.fmt.pix.width = p->width;
	fmt.fmt.pix.height = p->height;
	fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
	fmt.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(p->fd, VIDIOC_S_FMT, &fmt) < 0)
		return fail("VIDIOC_S_FMT");

	/* The driver may pick another rate; G_PARM tells which. */
	memset(&parm, 0, sizeof(parm));
	parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	parm.parm.capture.timeperframe.numerator = 1;
	parm.parm.capture.timeperframe.denominator = p->fps;
	if (xioctl(p->fd, VIDIOC_S_PARM, &parm) < 0)
		return fail("VIDIOC_S_PARM");
	if (xioctl(p->fd, VIDIOC_G_PARM, &parm) < 0)
		return fail("VIDIOC_G_PARM");

	printf("driver=%s size=%ux%u format=%.4s interval=%u/%u",
	       (const char *)cap.driver, fmt.fmt.pix.width, fmt.fmt.pix.height,
	       (const char *)&fmt.fmt.pix.pixelformat,
	       parm.parm.capture.timeperframe.numerator,
	       parm.parm.capture.timeperframe.denominator);
	if (fmt.fmt.pix.width != p->width || fmt.fmt.pix.height != p->height ||
	    fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_YUYV) {
		printf("\n");
		fprintf(stderr, "v4l2probe: driver changed the format\n");
		return -1;
	}
	p->width = fmt.fmt.pix.width;
	p->height = fmt.fmt.pix.height;

	memset(&req, 0, sizeof(req));
	req.count = N_BUFS;
	req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	req.memory = V4L2_MEMORY_MMAP;
	if (xioctl(p->fd, VIDIOC_REQBUFS, &req) < 0)
		return fail("VIDIOC_REQBUFS");
	if (req.count < 2) {
		fprintf(stderr, "v4l2probe: only %u buffers\n", req.count);
		return -1;
	}
	p->n_bufs = req.count < N_BUFS ? req.count : N_BUFS;
	for (i = 0; i < p->n_bufs; i++) {
		struct v4l2_buffer b;

		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		if (xioctl(p->fd, VIDIOC_QUERYBUF, &b) < 0)
			return fail("VIDIOC_QUERYBUF");
		p->bufs[i].len = b.length;
		p->bufs[i].start =
			v4l2_mmap(NULL, b.length, PROT_READ | PROT_WRITE,
				  MAP_SHARED, p->fd, b.m.offset);
		if (p->bufs[i].start == MAP_FAILED) {
			p->bufs[i].start = NULL;
			return fail("v4l2_mmap");
		}
		if (xioctl(p->fd, VIDIOC_QBUF, &b) < 0)
			return fail("VIDIOC_QBUF");
	}
	return 0;
}

/* distinct_lumas: distinct Y values along the middle row of a YUYV frame. */
static unsigned distinct_lumas(const struct probe *p, const uint8_t *frame)
{
	const uint8_t *row = frame + (size_t)(p->height / 2) * p->width * 2;
	uint8_t seen[256] = { 0 };
	unsigned i, n = 0;

	for (i = 0; i < p->width; i++) {
		if (!seen[row[2 * i]]) {
			seen[row[2 * i]] = 1;
			n++;
		}
	}
	return n;
}

/*
 * probe_stream: dequeue and requeue p->frames frames, then print the
 * measured fields. Returns 0, or -1 with the reason on stderr.
 */
static int probe_stream(struct probe *p)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	size_t frame_len = (size_t)p->width * p->height * 2;
	double t_first = 0, t_last = 0, fps = 0, age = 0;
	uint8_t first[4] = { 0 };
	unsigned got = 0, lumas = 0, mono = 0;

	if (xioctl(p->fd, VIDIOC_STREAMON, &type) < 0)
		return fail("VIDIOC_STREAMON");
	while (got < p->frames) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		struct v4l2_buffer b;
		int r = poll(&pfd, 1, FRAME_TIMEOUT_MS);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = ETIMEDOUT;
			return fail("waiting for a frame");
		}
		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		if (xioctl(p->fd, VIDIOC_DQBUF, &b) < 0)
			return fail("VIDIOC_DQBUF");
		t_last = mono_seconds();
		if (got == 0)
			t_first = t_last;
		if ((b.flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) ==
		    V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) {
			mono++;
			age += t_last - (double)b.timestamp.tv_sec -
				(double)b.timestamp.tv_usec / 1e6;
		}
		if (b.index >= p->n_bufs || b.bytesused < frame_len) {
			fprintf(stderr, "v4l2probe: short frame (%u of %zu)\n",
				b.bytesused, frame_len);
			return -1;
		}
		if (got == 0) {
			memcpy(first, p->bufs[b.index].start, sizeof(first));
			lumas = distinct_lumas(p, p->bufs[b.index].start);
		}
		got++;
		if (xioctl(p->fd, VIDIOC_QBUF, &b) < 0)
			return fail("VIDIOC_QBUF");
	}
	xioctl(p->fd, VIDIOC_STREAMOFF, &type);

	if (got > 1 && t_last > t_first)
		fps = (got - 1) / (t_last - t_first);
	printf(" frames=%u seconds=%.2f fps=%.2f first=%02x.%02x.%02x.%02x"
	       " lumas=%u",
	       got, t_last - t_first, fps, first[0], first[1], first[2],
	       first[3], lumas);
	if (mono == got)
		printf(" ts_age_ms=%.1f", age / got * 1000);
	else
		printf(" ts_age_ms=none");
	return 0;
}

static void probe_close(struct probe *p)
{
	unsigned i;

	for (i = 0; i < p->n_bufs; i++) {
		if (p->bufs[i].start)
			v4l2_munmap(p->bufs[i].start, p->bufs[i].len);
	}
	if (p->fd >= 0)
		v4l2_close(p->fd);
	p->fd = -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: v4l2probe [-d DEVICE] [-s WxH] [-r FPS] [-n FRAMES]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct probe p = { .dev = "/dev/video0",
			   .width = 640,
			   .height = 480,
			   .fps = 25,
			   .frames = 50,
			   .fd = -1 };
	int opt, r;

	while ((opt = getopt(argc, argv, "d:s:r:n:")) != -1) {
		switch (opt) {
		case 'd':
			p.dev = optarg;
			break;
		case 's':
			if (sscanf(optarg, "%ux%u", &p.width, &p.height) != 2 ||
			    p.width == 0 || p.height == 0)
				usage();
			break;
		case 'r':
			p.fps = (unsigned)atoi(optarg);
			if (p.fps == 0)
				usage();
			break;
		case 'n':
			p.frames = (unsigned)atoi(optarg);
			if (p.frames == 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	p.fd = v4l2_open(p.dev, O_RDWR);
	if (p.fd < 0) {
		fail(p.dev);
		return 1;
	}
	r = probe_setup(&p);
	if (r == 0)
		r = probe_stream(&p);
	printf("\n");
	probe_close(&p);
	return r == 0 ? 0 : 1;
}
