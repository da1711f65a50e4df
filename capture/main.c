/* lucarne-capture: the classroom camera's agent. Reads a camera (or a
 * y4m file, or a test pattern), encodes VP8 and publishes it to the relay.
 *
 * Threads: the pipeline thread captures and encodes; the main thread runs
 * the lws loop (publisher). See pipeline.h and publisher.h.
 */
#define LOG_TAG "capture"
#include "capture/bench.h"
#include "capture/encoder.h"
#include "capture/onair.h"
#include "capture/pipeline.h"
#include "capture/publisher.h"
#include "capture/ring.h"
#include "capture/source.h"
#include "common/clock.h"
#include "common/conf.h"
#include "common/err.h"
#include "common/log.h"
#include "common/wsc.h"
#include "common/xalloc.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RING_SLOTS 8 /* ~0.25 s at 30 fps: a live stream never waits more */

static char *o_relay, *o_token_file, *o_source, *o_size, *o_ca_file;
static char *o_on_air_command;
static int o_fps, o_kbps, o_layers, o_kf_interval, o_log_level, o_encode_only;
static int o_cpu_used, o_threads;
static bool o_stats;
static const char *const levels[] = { "error", "warn", "info", "debug", NULL };

static const struct conf_opt opts[] = {
	{ "relay", CONF_STR, &o_relay, NULL, 0, 0, NULL, "URL",
	  "Relay WebSocket address, ws://HOST:PORT or wss://HOST:PORT (path "
	  "/ws implied)." },
	{ "token-file", CONF_STR, &o_token_file, NULL, 0, 0, NULL, "FILE",
	  "File holding this camera's device token (lucarne-admin device add)." },
	{ "source", CONF_STR, &o_source, "testpattern", 0, 0, NULL, "SRC",
	  "testpattern, y4m:FILE (looped at its own rate) or v4l2:/dev/videoN." },
	{ "size", CONF_STR, &o_size, "640x480", 0, 0, NULL, "WxH",
	  "Picture size sent (the source is scaled if it differs)." },
	{ "fps", CONF_INT, &o_fps, "30", 1, 240, NULL, "N",
	  "Frame rate of the test pattern and the camera." },
	{ "kbps", CONF_INT, &o_kbps, "800", 16, 100000, NULL, "N",
	  "Target bitrate (CBR); the relay may change it." },
	{ "layers", CONF_INT, &o_layers, "3", 1, 3, NULL, "N",
	  "VP8 temporal layers (1-3) the relay can drop for slow viewers." },
	{ "keyframe-interval", CONF_INT, &o_kf_interval, "2", 0, 3600, NULL,
	  "SECONDS", "Longest time between keyframes (0: only on request)." },
	{ "cpu-used", CONF_INT, &o_cpu_used, "-8", -16, 16, NULL, "N",
	  "libvpx realtime speed: -N fixes speed N (higher is faster, lower "
	  "quality); a positive N lets libvpx adapt speed to the frame time "
	  "(as ffmpeg's -cpu-used N)." },
	{ "threads", CONF_INT, &o_threads, "1", 1, 16, NULL, "N",
	  "Encoder threads." },
	{ "ca-file", CONF_STR, &o_ca_file, NULL, 0, 0, NULL, "FILE",
	  "CA certificate(s) to verify a wss:// relay (default: system CAs)." },
	{ "on-air-command", CONF_STR, &o_on_air_command, NULL, 0, 0, NULL,
	  "CMD",
	  "Run CMD with /bin/sh -c when the number or names of the parents "
	  "watching change (at start, when the relay is lost or the room "
	  "paused: 0), with LUCARNE_VIEWERS=N, LUCARNE_VIEWER_NAMES=a,b, "
	  "LUCARNE_ROOM=R and LUCARNE_ON_AIR=1|0 in its environment; for an "
	  "on-air lamp or screen. Never two at once: the latest state runs "
	  "when the previous command ends." },
	{ "stats", CONF_BOOL, &o_stats, "no", 0, 0, NULL, NULL,
	  "Log counters every 5 seconds." },
	{ "encode-only", CONF_INT, &o_encode_only, "0", 0, 10000000, NULL, "N",
	  "Benchmark: encode N frames from the source as fast as possible, "
	  "without a relay, and print one JSON object with the CPU time per "
	  "frame." },
	{ "log-level", CONF_ENUM, &o_log_level, "info", 0, 0, levels, "LEVEL",
	  "error, warn, info or debug." },
};

static const struct conf_spec spec = {
	.prog = "lucarne-capture",
	.section = "capture",
	.usage = "--relay URL --token-file FILE [--source SRC] [OPTIONS]",
	.about =
		"Capture a camera (or a y4m file, or a test pattern), encode "
		"it as VP8 with temporal layers and publish it to a Lucarne "
		"relay with this camera's device token. Keeps running when the "
		"relay or the camera goes away, reconnecting and reopening.\n"
		"Exit status: 0 after SIGINT/SIGTERM, 1 if the relay refuses "
		"the token or the source fails for good, 2 for bad usage.",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int parse_size(const char *s, int *w, int *h)
{
	char x;

	if (sscanf(s, "%d%c%d", w, &x, h) != 3 || (x != 'x' && x != 'X') ||
	    *w < 16 || *h < 16 || *w > 8192 || *h > 8192 || *w % 2 || *h % 2)
		return LC_EINVAL;
	return 0;
}

struct app {
	struct pipeline *pl;
	struct publisher *pub;
	struct wsc *wsc;
};

static void wake_loop(void *user)
{
	struct app *a = user;

	if (a->wsc)
		wsc_wake(a->wsc);
}

static void on_wake(void *user)
{
	struct app *a = user;

	if (a->pub)
		publisher_poll(a->pub);
}

static void print_stats(struct app *a)
{
	struct pipeline_stats ps;
	struct publisher_stats us;

	pipeline_get_stats(a->pl, &ps);
	publisher_get_stats(a->pub, &us);
	log_info("captured %llu encoded %llu keyframes %llu sent %llu "
		 "(%llu kB) dropped offline %llu full %llu; %s %s, %d viewers, "
		 "%d masks, encode %.2f ms/frame",
		 (unsigned long long)ps.captured,
		 (unsigned long long)ps.encoded,
		 (unsigned long long)ps.keyframes, (unsigned long long)us.sent,
		 (unsigned long long)(us.sent_bytes / 1000),
		 (unsigned long long)ps.dropped_offline,
		 (unsigned long long)ps.dropped_full,
		 us.publishing ? "publishing" : "not publishing", us.room,
		 us.viewers, us.masks,
		 ps.encoded ? ps.encode_us / 1000.0 / (double)ps.encoded : 0.0);
}

static int run(struct source *src, struct encoder_config *ec, const char *token)
{
	char err[300];
	struct app a = { 0 };
	struct wsc_config wc = { .ca_file = o_ca_file,
				 .max_conns = 1,
				 .on_wake = on_wake,
				 .user = &a };
	struct onair *onair = onair_new(o_on_air_command);
	struct publisher_config pc = {
		.url = o_relay,
		.token = token,
		.width = ec->width,
		.height = ec->height,
		.fps = ec->fps,
		.layers = ec->layers,
		.onair = onair,
	};
	struct encoder *enc = encoder_new(ec, err, sizeof(err));
	struct ring *ring = ring_new(RING_SLOTS);
	int64_t next_stats = clock_mono_ms() + 5000;
	const char *why = NULL;
	int status = 1;

	if (!enc) {
		log_error("%s", err);
		goto out;
	}
	onair_set(onair, "", 0, ""); /* the lamp is off until told */
	a.wsc = wsc_new(&wc);
	if (!a.wsc)
		goto out;
	a.pl = pipeline_new(src, enc, ring, ec->width, ec->height, wake_loop,
			    &a);
	a.pub = publisher_new(a.wsc, &pc, ring, a.pl);
	if (!a.pub) {
		log_error("bad relay address \"%s\" (want ws://HOST:PORT or "
			  "wss://HOST:PORT)",
			  o_relay);
		goto out;
	}
	if (pipeline_start(a.pl) < 0) {
		log_error("cannot start the capture thread");
		goto out;
	}
	while (!stop) {
		wsc_service(a.wsc, 250);
		publisher_poll(a.pub);
		onair_poll(onair);
		if ((why = publisher_failed(a.pub)) ||
		    (why = pipeline_fatal(a.pl)))
			break;
		if (o_stats && clock_mono_ms() >= next_stats) {
			next_stats += 5000;
			print_stats(&a);
		}
	}
	if (why)
		log_error("%s", why);
	else
		status = 0;
	if (o_stats)
		print_stats(&a);
out:
	pipeline_free(a.pl); /* stops the thread before the rest goes */
	wsc_free(a.wsc);
	publisher_free(a.pub);
	ring_free(ring);
	encoder_free(enc);
	onair_free(onair); /* last: signals 0 viewers if it was on air */
	return status;
}

int main(int argc, char **argv)
{
	char err[300];
	struct encoder_config ec = { 0 };
	struct source_config sc = { 0 };
	struct source *src = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	char token[512];
	int rc, status;

	status = conf_parse_main(&spec, argc, argv, NULL);
	if (status >= 0)
		return status;
	status = 2;
	log_set_level((enum log_level)o_log_level);
	sc.spec = o_source;
	sc.fps = o_fps;
	sc.unpaced = o_encode_only > 0;
	if (parse_size(o_size, &sc.width, &sc.height) < 0) {
		fprintf(stderr,
			"lucarne-capture: size \"%s\" is not WxH "
			"(even numbers, 16 to 8192)\n",
			o_size);
		goto out;
	}
	src = source_new(&sc, err, sizeof(err));
	if (!src) {
		fprintf(stderr, "lucarne-capture: %s\n", err);
		goto out;
	}
	ec.width = sc.width;
	ec.height = sc.height;
	ec.kbps = o_kbps;
	ec.layers = o_layers;
	ec.cpu_used = o_cpu_used;
	ec.threads = o_threads;
	if (o_encode_only) {
		status = bench_encode(src, &ec, o_kf_interval, o_encode_only);
		goto out;
	}
	if (!o_relay || !o_token_file) {
		fprintf(stderr,
			"lucarne-capture: --relay and --token-file are "
			"required (see --help)\n");
		goto out;
	}
	if (conf_read_line_file(o_token_file, token, sizeof(token), err,
				sizeof(err)) < 0) {
		fprintf(stderr, "lucarne-capture: %s\n", err);
		goto out;
	}
	/* The y4m rate is only known once the file is open. */
	rc = source_open(src);
	if (rc < 0 && !source_is_camera(src)) {
		fprintf(stderr, "lucarne-capture: %s\n", source_error(src));
		status = 1;
		goto out;
	}
	ec.fps = rc == 0 ? source_fps(src) : o_fps;
	source_close(src);
	ec.keyframe_interval = o_kf_interval * ec.fps;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	status = run(src, &ec, token);
out:
	source_free(src);
	conf_free(&spec);
	return status;
}
