#include "view/hist.h"
#include "common/xalloc.h"

#include <stdlib.h>

#define FINE_US 10
#define FINE_END 100000 /* 100 ms */
#define COARSE_US 1000
#define LAST_US 60000000 /* 60 s */
#define N_FINE (FINE_END / FINE_US)
#define N_BUCKETS (N_FINE + (LAST_US - FINE_END) / COARSE_US + 1)

struct hist {
	uint64_t n;
	int64_t max;
	uint32_t b[N_BUCKETS];
};

struct hist *hist_new(void)
{
	return XNEW(struct hist);
}

void hist_free(struct hist *h)
{
	free(h);
}

static int bucket_of(int64_t us)
{
	if (us < FINE_END)
		return (int)(us / FINE_US);
	return N_FINE + (int)((us - FINE_END) / COARSE_US);
}

/* The upper edge of bucket @i, in µs. */
static int64_t bucket_top(int i)
{
	if (i < N_FINE)
		return (int64_t)(i + 1) * FINE_US;
	return FINE_END + (int64_t)(i - N_FINE + 1) * COARSE_US;
}

void hist_add(struct hist *h, int64_t us)
{
	if (us < 0)
		us = 0;
	if (us > LAST_US)
		us = LAST_US;
	h->b[bucket_of(us)]++;
	h->n++;
	if (us > h->max)
		h->max = us;
}

uint64_t hist_count(const struct hist *h)
{
	return h->n;
}

int64_t hist_max(const struct hist *h)
{
	return h->max;
}

int64_t hist_percentile(const struct hist *h, double pct)
{
	uint64_t want, seen = 0;

	if (!h->n)
		return 0;
	want = (uint64_t)((double)h->n * pct / 100.0 + 0.999999);
	if (want < 1)
		want = 1;
	for (int i = 0; i < N_BUCKETS; i++) {
		seen += h->b[i];
		if (seen >= want) {
			int64_t top = bucket_top(i);

			return top < h->max ? top : h->max;
		}
	}
	return h->max;
}
