/* Time helpers. Monotonic time measures intervals; wall-clock time stamps
 * media frames (capture time, in microseconds since the Unix epoch) so
 * that a viewer on another process can compute glass-to-glass latency.
 */
#ifndef LUCARNE_CLOCK_H
#define LUCARNE_CLOCK_H

#include <stdint.h>

/* Monotonic clock (CLOCK_MONOTONIC) in microseconds. */
int64_t clock_mono_us(void);
/* Monotonic clock in milliseconds. */
int64_t clock_mono_ms(void);
/* Wall-clock time (CLOCK_REALTIME) in microseconds since the epoch. */
int64_t clock_wall_us(void);
/* Offset to add to a CLOCK_MONOTONIC reading (µs) to get wall time (µs),
 * sampled now; used to map V4L2 buffer timestamps to wall time. */
int64_t clock_mono_to_wall_offset_us(void);
/* Sleep for @us microseconds, restarting after signals. */
void clock_sleep_us(int64_t us);

#endif
