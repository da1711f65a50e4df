/* Privacy masks: up to MASKS_MAX rectangles of a camera's picture that
 * the capture agent blacks out before encoding (docs/protocol.md,
 * "masks"). Coordinates are fractions of the picture, kept as integers in
 * 1/MASKS_SCALE units so that they survive a change of resolution, compare
 * exactly and have one canonical text form.
 *
 * Text form (rooms.masks, lucarne-admin --masks): "x,y,w,h;x,y,w,h" with
 * decimal fractions from 0 to 1 (at most 6 decimals, rounded to 1/10000),
 * "" or "none" for no mask. Canonical output trims trailing zeros:
 * "0.25,0.1,0.5,0.3".
 *
 * A plain value type (like struct proto_ctl): pure, no allocation.
 */
#ifndef LUCARNE_MASKS_H
#define LUCARNE_MASKS_H

#include <stdbool.h>
#include <stddef.h>

#define MASKS_MAX 8
#define MASKS_SCALE 10000 /* units per picture width or height */
#define MASKS_TEXT_MAX 256 /* canonical text of MASKS_MAX rectangles fits */

/* One rectangle; all in 1/MASKS_SCALE of the picture. Valid when
 * x, y >= 0, w, h >= 1, x + w <= MASKS_SCALE and y + h <= MASKS_SCALE. */
struct mask_rect {
	int x, y, w, h;
};

struct masks {
	int n; /* 0..MASKS_MAX */
	struct mask_rect r[MASKS_MAX];
};

/* Append a rectangle given as fractions of the picture (rounded to the
 * nearest unit). Returns 0, or LC_EINVAL (not a number, out of the
 * picture, empty) or LC_ETOOBIG (already MASKS_MAX) with a sentence in
 * @err naming the rectangle; @m is unchanged on error. */
int masks_add(struct masks *m, double x, double y, double w, double h,
	      char *err, size_t errlen);
/* Parse the text form into @out. Returns 0, or LC_EINVAL / LC_ETOOBIG
 * with a sentence in @err; @out then holds no rectangle. */
int masks_parse(const char *text, struct masks *out, char *err, size_t errlen);
/* Write the canonical text form ("" when none) into @out. Returns its
 * length, LC_EINVAL if a rectangle is invalid, or LC_ETOOBIG. */
int masks_format(const struct masks *m, char *out, size_t outlen);
/* True if @a and @b hold the same rectangles in the same order. */
bool masks_equal(const struct masks *a, const struct masks *b);
/* A unit value as a fraction (for JSON). */
double masks_frac(int units);
/* The whole picture masked: what to send when the stored masks cannot be
 * read (fail closed). */
void masks_set_all(struct masks *m);

#endif
