#include "view/report.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Percentile of the @n sorted values at @s. */
static int64_t pick(const int64_t *s, int n, double pct)
{
	int i = (int)((double)n * pct / 100.0 + 0.999999) - 1;

	if (n == 0)
		return 0;
	return s[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static json_t *ms(int64_t us)
{
	return json_real((double)(us / 10) / 100.0); /* 0.01 ms */
}

/* {min, p50, p99, max} of @n values, in ms if @in_ms (values in µs),
 * else as integers. */
static json_t *spread(int64_t *vals, int n, bool in_ms)
{
	static const double pct[4] = { 0, 50, 99, 100 };
	static const char *const name[4] = { "min", "p50", "p99", "max" };
	json_t *o = json_object();

	qsort(vals, (size_t)n, sizeof(*vals), cmp_i64);
	for (int i = 0; i < 4; i++) {
		int64_t x = pick(vals, n, pct[i]);

		json_object_set_new(o, name[i],
				    in_ms ? ms(x)
					  : json_integer((json_int_t)x));
	}
	return o;
}

static const struct region *regions;
static int n_regions;

void report_set_regions(const struct region *r, int n)
{
	regions = r;
	n_regions = n;
}

/* [{"x","y","w","h","mean","max"}], mean and max null when unmeasured. */
static json_t *regions_json(void)
{
	json_t *a = json_array();

	for (int i = 0; i < n_regions; i++) {
		const struct region *r = &regions[i];

		json_array_append_new(
			a,
			json_pack("{s:i,s:i,s:i,s:i,s:o,s:o}", "x", r->x, "y",
				  r->y, "w", r->w, "h", r->h, "mean",
				  r->measured ? json_real(r->mean)
					      : json_null(),
				  "max",
				  r->measured ? json_integer(r->max)
					      : json_null()));
	}
	return a;
}

int report_print(const struct viewer_stats *all, int n, const struct hist *lat,
		 int64_t elapsed_us, bool json, int expect_frames)
{
	struct viewer_stats st, sum = { 0 };
	int64_t *conn = xcalloc((size_t)n, sizeof(int64_t));
	int64_t *first = xcalloc((size_t)n, sizeof(int64_t));
	int64_t *per = xcalloc((size_t)n, sizeof(int64_t));
	int n_conn = 0, n_first = 0, unreach = 0, lost = 0, unauth = 0,
	    forbid = 0, short_of = 0, status = 0;
	json_t *o, *states = json_array();

	for (int i = 0; i < n; i++) {
		st = all[i];
		sum.frames += st.frames;
		sum.received += st.received;
		sum.backlog_frames += st.backlog_frames;
		sum.keyframes += st.keyframes;
		sum.decode_errors += st.decode_errors;
		sum.bad_frames += st.bad_frames;
		sum.slate_frames += st.slate_frames;
		sum.bytes += st.bytes;
		for (int l = 0; l < 3; l++)
			sum.layers[l] += st.layers[l];
		sum.seq_gaps += st.seq_gaps;
		sum.pings += st.pings;
		sum.seq_missing += st.seq_missing;
		sum.keyframe_requests += st.keyframe_requests;
		sum.connects += st.connects;
		sum.states |= st.states;
		if (st.width) {
			sum.width = st.width;
			sum.height = st.height;
		}
		if (st.connects)
			conn[n_conn++] = st.connect_us;
		if (st.frames)
			first[n_first++] = st.first_frame_us;
		per[i] = (int64_t)st.frames;
		if (st.close_code)
			sum.close_code = st.close_code;
		if (st.frames < (uint64_t)expect_frames)
			short_of++;
		switch (st.end) {
		case VIEWER_UNAUTHORIZED:
			unauth++;
			break;
		case VIEWER_FORBIDDEN:
			forbid++;
			break;
		case VIEWER_UNREACHABLE:
			unreach++;
			break;
		case VIEWER_CLOSED:
			lost++;
			break;
		default:
			break;
		}
		if (st.end != VIEWER_RUNNING && !sum.error[0])
			snprintf(sum.error, sizeof(sum.error), "%s", st.error);
	}
	if (unauth)
		status = 2;
	else if (forbid)
		status = 3;
	else if (unreach || lost)
		status = 4;
	else if (short_of)
		status = 5;
	for (int s = 0; s < PROTO_ST_COUNT; s++)
		if (sum.states & (1u << s))
			json_array_append_new(states,
					      json_string(proto_state_name(s)));
	o = json_pack(
		"{s:I,s:I,s:I,s:I,s:i,s:i,s:o,s:{s:o,s:o,s:o,s:o},s:I,s:[I,I,I],"
		"s:o,s:I,s:I,s:I,s:I,s:I,s:I,s:i,s:i,s:o,s:o,s:o}",
		"frames", (json_int_t)sum.frames, "received",
		(json_int_t)sum.received, "keyframes",
		(json_int_t)sum.keyframes, "decode_errors",
		(json_int_t)sum.decode_errors, "width", sum.width, "height",
		sum.height, "first_frame_ms",
		n_first ? json_integer((first[0] + 500) / 1000) : json_null(),
		"latency_ms", "p50", ms(hist_percentile(lat, 50)), "p95",
		ms(hist_percentile(lat, 95)), "p99",
		ms(hist_percentile(lat, 99)), "max", ms(hist_max(lat)), "bytes",
		(json_int_t)sum.bytes, "layers", (json_int_t)sum.layers[0],
		(json_int_t)sum.layers[1], (json_int_t)sum.layers[2], "states",
		states, "seq_gaps", (json_int_t)sum.seq_gaps, "seq_missing",
		(json_int_t)sum.seq_missing, "bad_frames",
		(json_int_t)sum.bad_frames, "slate_frames",
		(json_int_t)sum.slate_frames, "keyframe_requests",
		(json_int_t)sum.keyframe_requests, "connects",
		(json_int_t)sum.connects, "connections", n, "close_code",
		sum.close_code, "seconds",
		json_real((double)(elapsed_us / 1000) / 1000.0), "refused",
		unauth		 ? json_string("unauthorized")
			: forbid ? json_string("forbidden")
				 : json_null(),
		"error", status ? json_string(sum.error) : json_null());
	json_object_set_new(o, "pings", json_integer((json_int_t)sum.pings));
	if (n >= 1) {
		st = all[0];
		json_object_set_new(
			o, "backlog_frames",
			json_integer((json_int_t)sum.backlog_frames));
		json_object_set_new(o, "seq_first", json_integer(st.seq_first));
		json_object_set_new(o, "seq_last", json_integer(st.seq_last));
	}
	if (n_regions)
		json_object_set_new(o, "regions", regions_json());
	if (n > 1) {
		/* The load generator's view: how evenly frames arrived. */
		json_object_set_new(o, "connect_ms",
				    spread(conn, n_conn, true));
		json_object_set_new(o, "first_frame_spread_ms",
				    spread(first, n_first, true));
		json_object_set_new(o, "frames_per_connection",
				    spread(per, n, false));
		json_object_set_new(
			o, "connections_ok",
			json_integer(n - unauth - forbid - unreach - lost));
		json_object_set_new(o, "connections_lost", json_integer(lost));
		json_object_set_new(o, "connections_unreachable",
				    json_integer(unreach));
	}
	if (n_first && n > 1) {
		qsort(first, (size_t)n_first, sizeof(*first), cmp_i64);
		json_object_set_new(
			o, "first_frame_ms",
			json_integer((pick(first, n_first, 50) + 500) / 1000));
	}
	if (json) {
		char *text =
			json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(8));

		puts(text);
		free(text);
	} else {
		printf("%llu frames (%llu keyframes, %llu decode errors) "
		       "%dx%d, latency p50 %.1f ms p99 %.1f ms\n",
		       (unsigned long long)sum.frames,
		       (unsigned long long)sum.keyframes,
		       (unsigned long long)sum.decode_errors, sum.width,
		       sum.height, hist_percentile(lat, 50) / 1000.0,
		       hist_percentile(lat, 99) / 1000.0);
	}
	fflush(stdout);
	if (status && status != 5)
		fprintf(stderr, "lucarne-view: %s\n", sum.error);
	else if (status == 5)
		fprintf(stderr,
			"lucarne-view: %d connection(s) got fewer "
			"than %d frames\n",
			short_of, expect_frames);
	json_decref(o);
	free(conn);
	free(first);
	free(per);
	return status;
}

int report_print_failure(int status, const char *error, bool json)
{
	if (json) {
		json_t *o = json_pack(
			"{s:i,s:i,s:i,s:i,s:i,s:n,s:o,s:s}", "frames", 0,
			"received", 0, "keyframes", 0, "decode_errors", 0,
			"bytes", 0, "first_frame_ms", "refused",
			status == 2 ? json_string("unauthorized") : json_null(),
			"error", error);
		char *text =
			json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(8));

		puts(text);
		fflush(stdout);
		free(text);
		json_decref(o);
	}
	fprintf(stderr, "lucarne-view: %s\n", error);
	return status;
}
