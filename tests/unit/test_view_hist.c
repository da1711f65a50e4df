/* lucarne-view's latency histogram. */
#include "tests/tap.h"
#include "view/hist.h"

int main(void)
{
	struct hist *h = hist_new();

	plan(7);
	ok(hist_percentile(h, 50) == 0 && hist_count(h) == 0, "empty");
	for (int i = 1; i <= 100; i++)
		hist_add(h, i * 1000); /* 1..100 ms */
	ok(hist_count(h) == 100, "count");
	ok(hist_percentile(h, 50) == 50000 || hist_percentile(h, 50) == 50010,
	   "p50 = 50 ms (%lld)", (long long)hist_percentile(h, 50));
	ok(hist_percentile(h, 99) >= 99000 && hist_percentile(h, 99) <= 99010,
	   "p99 = 99 ms");
	ok(hist_percentile(h, 100) == 100000 && hist_max(h) == 100000,
	   "max exact above 100 ms resolution");
	hist_add(h, -5);
	hist_add(h, 3600LL * 1000000);
	ok(hist_max(h) == 60000000, "clamped to 60 s");
	ok(hist_percentile(h, 0.5) <= 1000, "negatives count as zero");
	hist_free(h);
	return done();
}
