/* lucarne-view's result: the per-connection counters summed up, printed
 * as one JSON object (or one line for people), and the exit status.
 */
#ifndef LUCARNE_VIEW_REPORT_H
#define LUCARNE_VIEW_REPORT_H

#include "view/hist.h"
#include "view/region.h"
#include "view/viewer.h"

#include <stdbool.h>
#include <stdint.h>

/* Regions whose luma report_print adds as "regions" (lucarne-view
 * --region); they must outlive the report_print call. */
void report_set_regions(const struct region *r, int n);

/* Print the result of @n connections whose counters are @st and whose
 * latencies are in @lat, after @elapsed_us; one message on stderr for a
 * refusal or failure. Returns the exit status (see lucarne-view --help). */
int report_print(const struct viewer_stats *st, int n, const struct hist *lat,
		 int64_t elapsed_us, bool json, int expect_frames);

/* Print the result of a run that never got to connect (login refused,
 * relay unreachable): the JSON object with zero frames when @json, and
 * @error on stderr. Returns @status. */
int report_print_failure(int status, const char *error, bool json);

#endif
