#define LOG_TAG "v4l2ctl"
#include "capture/v4l2ctl.h"
#include "common/err.h"
#include "common/log.h"

#include <errno.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <stdio.h>
#include <string.h>

/* Our names for the controls we offer, in the order the page shows them:
 * an automatic mode comes before the value it governs, so that a change
 * set applied in list order turns the mode off before setting the value. */
static const struct {
	uint32_t id;
	const char *name;
} known[] = {
	{ V4L2_CID_BRIGHTNESS, "brightness" },
	{ V4L2_CID_CONTRAST, "contrast" },
	{ V4L2_CID_SATURATION, "saturation" },
	{ V4L2_CID_HUE, "hue" },
	{ V4L2_CID_GAMMA, "gamma" },
	{ V4L2_CID_SHARPNESS, "sharpness" },
	{ V4L2_CID_BACKLIGHT_COMPENSATION, "backlight" },
	{ V4L2_CID_POWER_LINE_FREQUENCY, "power_line" },
	{ V4L2_CID_AUTO_WHITE_BALANCE, "white_balance_auto" },
	{ V4L2_CID_WHITE_BALANCE_TEMPERATURE, "white_balance" },
	{ V4L2_CID_AUTOGAIN, "gain_auto" },
	{ V4L2_CID_GAIN, "gain" },
	{ V4L2_CID_EXPOSURE_AUTO, "exposure_auto" },
	{ V4L2_CID_EXPOSURE_ABSOLUTE, "exposure" },
	{ V4L2_CID_FOCUS_AUTO, "focus_auto" },
	{ V4L2_CID_FOCUS_ABSOLUTE, "focus" },
	{ V4L2_CID_ZOOM_ABSOLUTE, "zoom" },
	{ V4L2_CID_PAN_ABSOLUTE, "pan" },
	{ V4L2_CID_TILT_ABSOLUTE, "tilt" },
};
#define N_KNOWN (int)(sizeof(known) / sizeof(known[0]))
_Static_assert(sizeof(known) / sizeof(known[0]) <= CAMCTL_MAX,
	       "more known controls than a list holds");

static int xioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	do
		rc = v4l2_ioctl(fd, req, arg);
	while (rc < 0 && errno == EINTR);
	return rc;
}

/* A driver's name as a label: printable, within CAMCTL_LABEL_MAX. */
static void copy_label(char *dst, const unsigned char *src, size_t srclen)
{
	size_t n = 0;

	for (size_t i = 0; i < srclen && src[i] && n + 1 < CAMCTL_LABEL_MAX;
	     i++)
		dst[n++] = src[i] < 0x20 || src[i] == 0x7f ? ' ' : (char)src[i];
	dst[n] = '\0';
}

static void read_menu(int fd, const struct v4l2_queryctrl *qc, struct camctl *c)
{
	for (int i = qc->minimum;
	     i <= qc->maximum && c->n_items < CAMCTL_ITEMS_MAX; i++) {
		struct v4l2_querymenu qm = { .id = qc->id, .index = (__u32)i };

		if (xioctl(fd, VIDIOC_QUERYMENU, &qm) < 0)
			continue; /* holes in a menu are allowed */
		c->items[c->n_items].value = i;
		copy_label(c->items[c->n_items].label, qm.name,
			   sizeof(qm.name));
		c->n_items++;
	}
}

/* Query one known control into @c; false if the device lacks it or it
 * cannot be changed now. */
static bool query_one(int fd, int k, struct camctl *c)
{
	struct v4l2_queryctrl qc = { .id = known[k].id };
	struct v4l2_control gc = { .id = known[k].id };

	if (xioctl(fd, VIDIOC_QUERYCTRL, &qc) < 0 || qc.id != known[k].id)
		return false;
	if (qc.flags &
	    (V4L2_CTRL_FLAG_DISABLED | V4L2_CTRL_FLAG_READ_ONLY |
	     V4L2_CTRL_FLAG_INACTIVE | V4L2_CTRL_FLAG_GRABBED))
		return false;
	memset(c, 0, sizeof(*c));
	switch (qc.type) {
	case V4L2_CTRL_TYPE_INTEGER:
		c->kind = CAMCTL_INT;
		break;
	case V4L2_CTRL_TYPE_BOOLEAN:
		c->kind = CAMCTL_BOOL;
		break;
	case V4L2_CTRL_TYPE_MENU:
		c->kind = CAMCTL_MENU;
		break;
	default:
		return false;
	}
	snprintf(c->name, sizeof(c->name), "%s", known[k].name);
	copy_label(c->label, qc.name, sizeof(qc.name));
	c->min = qc.minimum;
	c->max = qc.maximum;
	c->step = qc.step > 0 ? qc.step : 1;
	if (c->kind == CAMCTL_BOOL) {
		c->min = 0;
		c->max = 1;
		c->step = 1;
	}
	if (c->min > c->max)
		return false;
	c->def = qc.default_value;
	if (xioctl(fd, VIDIOC_G_CTRL, &gc) < 0)
		return false;
	c->value = gc.value;
	/* A few drivers report values off their own range; the list must
	 * stay within it for the relay's parser. */
	if (c->def < c->min || c->def > c->max)
		c->def = c->min;
	if (c->value < c->min || c->value > c->max)
		c->value = c->def;
	if (c->kind == CAMCTL_MENU) {
		read_menu(fd, &qc, c);
		if (!c->n_items)
			return false;
	}
	return true;
}

int v4l2ctl_list(int fd, struct camctl_list *out)
{
	memset(out, 0, sizeof(*out));
	for (int k = 0; k < N_KNOWN; k++)
		if (query_one(fd, k, &out->c[out->n]))
			out->n++;
	return out->n;
}

int v4l2ctl_set(int fd, const char *name, int value, int *readback, char *err,
		size_t errlen)
{
	struct v4l2_control sc = { .value = value };
	int k;

	for (k = 0; k < N_KNOWN && strcmp(known[k].name, name); k++)
		;
	if (k == N_KNOWN)
		return LC_ENOENT;
	sc.id = known[k].id;
	if (xioctl(fd, VIDIOC_S_CTRL, &sc) < 0) {
		snprintf(err, errlen, "setting %s to %d: %s", name, value,
			 strerror(errno));
		return errno == EINVAL ? LC_ENOENT : LC_EIO;
	}
	sc.value = value;
	if (xioctl(fd, VIDIOC_G_CTRL, &sc) < 0) {
		snprintf(err, errlen, "reading %s back: %s", name,
			 strerror(errno));
		return LC_EIO;
	}
	*readback = sc.value;
	return 0;
}
