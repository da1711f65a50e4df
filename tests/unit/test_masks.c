/* Privacy masks' text form and checks (common/masks): parse, canonical
 * format, rounding, and every kind of bad input refused with a sentence. */
#include "common/err.h"
#include "common/masks.h"
#include "tests/tap.h"

#include <math.h>
#include <string.h>

static void test_parse(void)
{
	struct masks m;
	char err[128], out[MASKS_TEXT_MAX];
	int n;

	is_int(masks_parse("", &m, err, sizeof(err)), 0, "empty text: none");
	is_int(m.n, 0, "no rectangle");
	is_int(masks_parse("none", &m, err, sizeof(err)), 0, "\"none\"");
	is_int(masks_parse(NULL, &m, err, sizeof(err)), 0, "NULL: none");
	is_int(masks_parse("0.25,0.1,0.5,0.3", &m, err, sizeof(err)), 0,
	       "one rectangle");
	ok(m.n == 1 && m.r[0].x == 2500 && m.r[0].y == 1000 &&
		   m.r[0].w == 5000 && m.r[0].h == 3000,
	   "in 1/10000 units");
	is_int(masks_parse("0,0,1,1;0.123456,0.5,0.00005,0.5", &m, err,
			   sizeof(err)),
	       0, "two, six decimals");
	ok(m.n == 2 && m.r[1].x == 1235 && m.r[1].w == 1,
	   "rounded to the nearest unit");
	n = masks_format(&m, out, sizeof(out));
	is_int(n, (int)strlen(out), "format returns the length");
	is_str(out, "0,0,1,1;0.1235,0.5,0.0001,0.5", "canonical text");
	m.n = 0;
	is_int(masks_format(&m, out, sizeof(out)), 0, "none formats as \"\"");
	is_str(out, "", "empty text");
}

static void test_bad(void)
{
	static const struct {
		const char *text;
		int rc;
		const char *want; /* in the message */
	} bad[] = {
		{ "0.1,0.1,0.5", LC_EINVAL, "mask 1: expected x,y,w,h" },
		{ "0.1,0.1,0.5,0.5,", LC_EINVAL, "separated by ';'" },
		{ "0.1,0.1,0.5,0.5;", LC_EINVAL, "separated by ';'" },
		{ "0.1,0.1,0.5,0.5;;", LC_EINVAL, "mask 2: expected" },
		{ "1.5,0,0.1,0.1", LC_EINVAL, "expected" },
		{ "-0.1,0,0.1,0.1", LC_EINVAL, "expected" },
		{ "0.,0,0.1,0.1", LC_EINVAL, "expected" },
		{ ".5,0,0.1,0.1", LC_EINVAL, "expected" },
		{ "0.1234567,0,0.1,0.1", LC_EINVAL, "expected" },
		{ "1e-1,0,0.1,0.1", LC_EINVAL, "expected" },
		{ " 0.1,0,0.1,0.1", LC_EINVAL, "expected" },
		{ "0,0,0,0.5", LC_EINVAL, "w and h must be more than 0" },
		{ "0,0,0.00004,0.5", LC_EINVAL, "more than 0" },
		{ "0.6,0,0.5,0.5", LC_EINVAL, "goes past the picture" },
		{ "0,0.75,0.5,0.5", LC_EINVAL, "goes past the picture" },
		{ "0,0,1,1;0,0,1,1;0,0,1,1;0,0,1,1;0,0,1,1;0,0,1,1;0,0,1,1;"
		  "0,0,1,1;0,0,1,1",
		  LC_ETOOBIG, "at most 8" },
		{ "0,0,1,1;0.1,0.1,1,0.1", LC_EINVAL, "mask 2:" },
	};
	struct masks m;
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ok(masks_parse(bad[i].text, &m, err, sizeof(err)) == bad[i].rc,
		   "refused: \"%s\"", bad[i].text);
		ok(strstr(err, bad[i].want) && m.n == 0, "  says: %s", err);
	}
}

static void test_add(void)
{
	struct masks m = { 0 }, all;
	char err[128], out[MASKS_TEXT_MAX];

	is_int(masks_add(&m, 0.1, 0.2, 0.3, 0.4, err, sizeof(err)), 0,
	       "add fractions");
	is_int(masks_add(&m, NAN, 0, 0.1, 0.1, err, sizeof(err)), LC_EINVAL,
	       "NaN refused");
	ok(strstr(err, "mask 2: x must be a number"), "says which: %s", err);
	is_int(masks_add(&m, 0, 0, INFINITY, 0.1, err, sizeof(err)), LC_EINVAL,
	       "infinity refused");
	is_int(masks_add(&m, 0.5, 0, 0.6, 0.1, err, sizeof(err)), LC_EINVAL,
	       "past the edge refused");
	is_int(m.n, 1, "refusals change nothing");
	for (int i = 1; i < MASKS_MAX; i++)
		masks_add(&m, 0, 0, 1, 1, err, sizeof(err));
	is_int(masks_add(&m, 0, 0, 1, 1, err, sizeof(err)), LC_ETOOBIG,
	       "a ninth refused");
	ok(masks_format(&m, out, sizeof(out)) > 0, "eight fit the text cap");
	is_int(masks_format(&m, out, 10), LC_ETOOBIG, "small buffer");
	masks_set_all(&all);
	ok(all.n == 1 && masks_format(&all, out, sizeof(out)) > 0 &&
		   strcmp(out, "0,0,1,1") == 0,
	   "fail-closed mask covers all: %s", out);
	ok(!masks_equal(&m, &all) && masks_equal(&all, &all), "equality");
	all.r[0].w = 0;
	is_int(masks_format(&all, out, sizeof(out)), LC_EINVAL,
	       "an invalid rectangle is not formatted");
}

int main(void)
{
	test_parse();
	test_bad();
	test_add();
	return done();
}
