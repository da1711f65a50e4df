/* Privacy masks: text form parser and formatter, and the checks shared by
 * the relay (API, lucarne-admin, store) and the capture agent (wire). */
#include "common/masks.h"
#include "common/err.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const names[4] = { "x", "y", "w", "h" };

/* 0, or LC_EINVAL with a sentence naming rectangle @i (1-based). */
static int rect_check(const struct mask_rect *r, int i, char *err,
		      size_t errlen)
{
	const char *why = NULL;

	if (r->x < 0 || r->y < 0 || r->x > MASKS_SCALE || r->y > MASKS_SCALE)
		why = "x and y must be from 0 to 1";
	else if (r->w < 1 || r->h < 1)
		why = "w and h must be more than 0";
	else if (r->x + r->w > MASKS_SCALE || r->y + r->h > MASKS_SCALE)
		why = "it goes past the picture (x + w and y + h at most 1)";
	if (!why)
		return 0;
	snprintf(err, errlen, "mask %d: %s", i, why);
	return LC_EINVAL;
}

int masks_add(struct masks *m, double x, double y, double w, double h,
	      char *err, size_t errlen)
{
	const double v[4] = { x, y, w, h };
	int u[4];
	struct mask_rect r;
	int rc;

	if (m->n >= MASKS_MAX) {
		snprintf(err, errlen, "at most %d masks", MASKS_MAX);
		return LC_ETOOBIG;
	}
	for (int i = 0; i < 4; i++) {
		if (!isfinite(v[i]) || v[i] < 0 || v[i] > 1) {
			snprintf(err, errlen,
				 "mask %d: %s must be a number from 0 to 1",
				 m->n + 1, names[i]);
			return LC_EINVAL;
		}
		u[i] = (int)(v[i] * MASKS_SCALE + 0.5); /* v >= 0: rounds */
	}
	r = (struct mask_rect){ u[0], u[1], u[2], u[3] };
	if ((rc = rect_check(&r, m->n + 1, err, errlen)) < 0)
		return rc;
	m->r[m->n++] = r;
	return 0;
}

/* Read one decimal fraction "D[.DDDDDD]" (0 to 1) at *@p into units,
 * rounding to the nearest; advances *@p. Returns 0 or LC_EINVAL. */
static int read_frac(const char **p, int *units)
{
	const char *s = *p;
	long long num = 0, den = 1;
	int whole, digits = 0;

	if (*s < '0' || *s > '9')
		return LC_EINVAL;
	whole = *s++ - '0';
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			if (++digits > 6)
				return LC_EINVAL;
			num = num * 10 + (*s++ - '0');
			den *= 10;
		}
		if (!digits)
			return LC_EINVAL;
	}
	if (whole > 1 || (whole == 1 && num))
		return LC_EINVAL;
	*units = whole * MASKS_SCALE +
		(int)((num * MASKS_SCALE * 2 + den) / (den * 2));
	*p = s;
	return 0;
}

int masks_parse(const char *text, struct masks *out, char *err, size_t errlen)
{
	const char *p = text;
	struct masks m = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if (!p || !*p || strcmp(p, "none") == 0)
		return 0;
	for (;;) {
		int u[4];
		struct mask_rect r;

		if (m.n >= MASKS_MAX) {
			snprintf(err, errlen, "at most %d masks", MASKS_MAX);
			return LC_ETOOBIG;
		}
		for (int i = 0; i < 4; i++) {
			if (read_frac(&p, &u[i]) < 0 ||
			    (i < 3 && *p++ != ',')) {
				snprintf(err, errlen,
					 "mask %d: expected x,y,w,h as "
					 "fractions from 0 to 1 (such as "
					 "0.25,0.1,0.5,0.3)",
					 m.n + 1);
				return LC_EINVAL;
			}
		}
		r = (struct mask_rect){ u[0], u[1], u[2], u[3] };
		if ((rc = rect_check(&r, m.n + 1, err, errlen)) < 0)
			return rc;
		m.r[m.n++] = r;
		if (!*p)
			break;
		if (*p++ != ';' || !*p) {
			snprintf(err, errlen,
				 "masks are separated by ';' (after mask %d)",
				 m.n);
			return LC_EINVAL;
		}
	}
	*out = m;
	return 0;
}

/* "0", "1" or "0.DDDD" without trailing zeros. */
static void frac_text(int units, char *buf, size_t size)
{
	int d = units % MASKS_SCALE, n = 4;

	if (units >= MASKS_SCALE || units <= 0) {
		snprintf(buf, size, "%d", units >= MASKS_SCALE ? 1 : 0);
		return;
	}
	while (d % 10 == 0) {
		d /= 10;
		n--;
	}
	snprintf(buf, size, "0.%0*d", n, d);
}

int masks_format(const struct masks *m, char *out, size_t outlen)
{
	char err[96], num[4][8];
	size_t len = 0;

	if (outlen == 0)
		return LC_ETOOBIG;
	out[0] = '\0';
	if (m->n < 0 || m->n > MASKS_MAX)
		return LC_EINVAL;
	for (int i = 0; i < m->n; i++) {
		const struct mask_rect *r = &m->r[i];
		int n;

		if (rect_check(r, i + 1, err, sizeof(err)) < 0)
			return LC_EINVAL;
		frac_text(r->x, num[0], sizeof(num[0]));
		frac_text(r->y, num[1], sizeof(num[1]));
		frac_text(r->w, num[2], sizeof(num[2]));
		frac_text(r->h, num[3], sizeof(num[3]));
		n = snprintf(out + len, outlen - len, "%s%s,%s,%s,%s",
			     i ? ";" : "", num[0], num[1], num[2], num[3]);
		if (n < 0 || (size_t)n >= outlen - len) {
			out[0] = '\0';
			return LC_ETOOBIG;
		}
		len += (size_t)n;
	}
	return (int)len;
}

bool masks_equal(const struct masks *a, const struct masks *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (memcmp(&a->r[i], &b->r[i], sizeof(a->r[i])) != 0)
			return false;
	return true;
}

double masks_frac(int units)
{
	return (double)units / MASKS_SCALE;
}

void masks_set_all(struct masks *m)
{
	memset(m, 0, sizeof(*m));
	m->n = 1;
	m->r[0] = (struct mask_rect){ 0, 0, MASKS_SCALE, MASKS_SCALE };
}
