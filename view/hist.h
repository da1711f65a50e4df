/* A latency histogram: constant memory whatever the number of samples
 * (the load generator records millions), 10 µs resolution below 100 ms
 * and 1 ms above, up to 60 s.
 */
#ifndef LUCARNE_VIEW_HIST_H
#define LUCARNE_VIEW_HIST_H

#include <stdint.h>

struct hist;

/* An empty histogram. Aborts if out of memory. */
struct hist *hist_new(void);
/* NULL is fine. */
void hist_free(struct hist *h);
/* Record one sample in µs; negatives count as 0 (clock skew), values
 * past 60 s as 60 s. */
void hist_add(struct hist *h, int64_t us);
/* Samples recorded. */
uint64_t hist_count(const struct hist *h);
/* Smallest recorded value v such that at least @pct percent of samples
 * are <= v (bucket resolution), in µs; 0 if empty. */
int64_t hist_percentile(const struct hist *h, double pct);
/* Largest sample (exact), 0 if empty. */
int64_t hist_max(const struct hist *h);

#endif
