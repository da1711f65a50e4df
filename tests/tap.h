/* A small TAP producer for the C unit tests (one program per module).
 *
 *   plan(3); ok(x == 1, "x is one"); is_int(n, 2, "two"); return done();
 *
 * done() returns the exit status: 0 when every planned test passed.
 */
#ifndef LUCARNE_TAP_H
#define LUCARNE_TAP_H

#include <stdbool.h>

void plan(int n);
/* Print "ok N - name" or "not ok N - name"; returns @cond. */
bool ok_at(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
bool is_int_at(long long got, long long want, const char *file, int line,
	       const char *name);
bool is_str_at(const char *got, const char *want, const char *file, int line,
	       const char *name);
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void skip(int n, const char *why);
/* Ends the run; plans the count now if plan() was not called. */
int done(void);

#define ok(cond, ...) ok_at(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, name) is_int_at(got, want, __FILE__, __LINE__, name)
#define is_str(got, want, name) is_str_at(got, want, __FILE__, __LINE__, name)

#endif
