#define LOG_TAG "bench"
#include "capture/bench.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int64_t cpu_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int bench_encode(struct source *src, struct encoder_config *ec, int kf_seconds,
		 int frames)
{
	char err[300];
	struct encoder *enc = NULL;
	struct frame *f = NULL;
	unsigned *sizes = calloc((size_t)frames, sizeof(*sizes));
	uint64_t bytes = 0, keys = 0, key_bytes = 0, max_key = 0;
	int64_t cpu0, wall0, enc_us = 0, cpu, wall;
	int rc, n = 0, status = 1;

	if (!sizes)
		goto out;
	rc = source_open(src);
	if (rc < 0) {
		fprintf(stderr, "lucarne-capture: %s\n", source_error(src));
		goto out;
	}
	ec->fps = source_fps(src);
	ec->keyframe_interval = kf_seconds * ec->fps;
	enc = encoder_new(ec, err, sizeof(err));
	if (!enc) {
		fprintf(stderr, "lucarne-capture: %s\n", err);
		goto out;
	}
	f = frame_new(ec->width, ec->height);
	cpu0 = cpu_us(CLOCK_PROCESS_CPUTIME_ID);
	wall0 = clock_mono_us();
	while (n < frames) {
		struct ring_pkt *p;
		int64_t t0;

		rc = source_read(src, f);
		if (rc == LC_EAGAIN)
			continue;
		if (rc < 0) {
			fprintf(stderr, "lucarne-capture: %s\n",
				source_error(src));
			goto out;
		}
		t0 = cpu_us(CLOCK_THREAD_CPUTIME_ID);
		if (encoder_encode(enc, f, &p) < 0)
			goto out;
		enc_us += cpu_us(CLOCK_THREAD_CPUTIME_ID) - t0;
		if (p) {
			sizes[n] = (unsigned)p->len;
			bytes += p->len;
			if (p->flags & PROTO_FLAG_KEY) {
				keys++;
				key_bytes += p->len;
				if (p->len > max_key)
					max_key = p->len;
			}
			ring_pkt_unref(p);
		}
		n++;
	}
	cpu = cpu_us(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	wall = clock_mono_us() - wall0;
	printf("{\"frames\":%d,\"width\":%d,\"height\":%d,\"fps\":%d,"
	       "\"kbps_target\":%d,\"kbps_actual\":%.1f,\"bytes\":%llu,"
	       "\"keyframes\":%llu,\"keyframe_bytes_avg\":%llu,"
	       "\"keyframe_bytes_max\":%llu,\"cpu_ms_per_frame\":%.3f,"
	       "\"encode_cpu_ms_per_frame\":%.3f,\"wall_fps\":%.1f,"
	       "\"frame_bytes\":[",
	       n, ec->width, ec->height, ec->fps, ec->kbps,
	       (double)bytes * 8 / 1000 / ((double)n / ec->fps),
	       (unsigned long long)bytes, (unsigned long long)keys,
	       (unsigned long long)(keys ? key_bytes / keys : 0),
	       (unsigned long long)max_key, (double)cpu / 1000 / n,
	       (double)enc_us / 1000 / n,
	       (double)n * 1e6 / (double)(wall ? wall : 1));
	for (int i = 0; i < n; i++)
		printf("%s%u", i ? "," : "", sizes[i]);
	printf("]}\n");
	status = 0;
out:
	free(sizes);
	frame_free(f);
	encoder_free(enc);
	return status;
}
