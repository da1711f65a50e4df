/* Allocation helpers: on failure they log and abort, because a service
 * that cannot allocate is restarted by systemd rather than limping on.
 */
#ifndef LUCARNE_XALLOC_H
#define LUCARNE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define XNEW(type) ((type *)xcalloc(1, sizeof(type)))

#endif
