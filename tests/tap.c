#include "tests/tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_planned = -1;
static int tap_run;
static int tap_failed;

void plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static bool report(bool cond, const char *file, int line, const char *name)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_run, name);
	if (!cond)
		printf("#   Failed test at %s line %d\n", file, line);
	fflush(stdout);
	return cond;
}

bool ok_at(bool cond, const char *file, int line, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return report(cond, file, line, name);
}

bool is_int_at(long long got, long long want, const char *file, int line,
	       const char *name)
{
	bool r = report(got == want, file, line, name);

	if (!r)
		printf("#          got: %lld\n#     expected: %lld\n", got,
		       want);
	return r;
}

bool is_str_at(const char *got, const char *want, const char *file, int line,
	       const char *name)
{
	bool same = got && want ? strcmp(got, want) == 0 : got == want;
	bool r = report(same, file, line, name);

	if (!r)
		printf("#          got: '%s'\n#     expected: '%s'\n",
		       got ? got : "(null)", want ? want : "(null)");
	return r;
}

void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void skip(int n, const char *why)
{
	for (int i = 0; i < n; i++)
		printf("ok %d # skip %s\n", ++tap_run, why);
}

int done(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run)
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
	fflush(stdout);
	return tap_failed || (tap_planned >= 0 && tap_planned != tap_run);
}
