/* lucarne-capture --encode-only N: the encoder benchmark. */
#ifndef LUCARNE_CAPTURE_BENCH_H
#define LUCARNE_CAPTURE_BENCH_H

#include "capture/encoder.h"
#include "capture/source.h"

/* Read @frames pictures from @src (unpaced, looping a file) and encode
 * them with @ec (its fps taken from the source, keyframes every
 * @kf_seconds), then print one JSON object on stdout:
 *   {"frames","width","height","kbps_target","kbps_actual","bytes",
 *    "keyframes","cpu_ms_per_frame","encode_cpu_ms_per_frame",
 *    "wall_fps","frame_bytes"}
 * frame_bytes lists every frame's size in order (0: the encoder dropped
 * it): the stream's shape, which the bench's floor rows replay.
 * cpu_ms_per_frame is the whole process's CPU time (reading and
 * converting included) divided by the frames, comparable with
 * `ffmpeg -benchmark` utime on the same input. Returns the exit status. */
int bench_encode(struct source *src, struct encoder_config *ec, int kf_seconds,
		 int frames);

#endif
