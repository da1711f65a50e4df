/* lucarne-view: a headless viewer for diagnostics, tests and benchmarks.
 * Subscribes to a room, decodes what the relay sends and prints one JSON
 * object with what it measured; with --connections N and --no-decode it
 * is the load generator of the fan-out benchmark.
 */
#define LOG_TAG "view"
#include "common/clock.h"
#include "common/conf.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/wsc.h"
#include "common/xalloc.h"
#include "view/hist.h"
#include "view/loadgen.h"
#include "view/login.h"
#include "view/report.h"
#include "view/viewer.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static char *o_relay, *o_token_file, *o_user, *o_password_file, *o_room;
static char *o_ca_file, *o_region;
static struct region regions[REGION_MAX];
static int n_regions;
static int o_seconds, o_slow_ms, o_connections, o_connect_rate;
static int o_expect_frames, o_until_frames, o_log_level;
static bool o_json, o_retry, o_decode;
static const char *const levels[] = { "error", "warn", "info", "debug", NULL };

static const struct conf_opt opts[] = {
	{ "relay", CONF_STR, &o_relay, NULL, 0, 0, NULL, "URL",
	  "Relay address, ws://HOST:PORT or wss://HOST:PORT (path /ws "
	  "implied)." },
	{ "token-file", CONF_STR, &o_token_file, NULL, 0, 0, NULL, "FILE",
	  "File holding a device or session token, sent as a Bearer token." },
	{ "user", CONF_STR, &o_user, NULL, 0, 0, NULL, "NAME",
	  "Log in as this account (POST /api/login) instead of --token-file." },
	{ "password-file", CONF_STR, &o_password_file, NULL, 0, 0, NULL, "FILE",
	  "File holding the password for --user (first line)." },
	{ "room", CONF_STR, &o_room, NULL, 0, 0, NULL, "ROOM",
	  "Room to watch." },
	{ "seconds", CONF_INT, &o_seconds, "10", 1, 86400, NULL, "N",
	  "How long to watch." },
	{ "json", CONF_BOOL, &o_json, "no", 0, 0, NULL, NULL,
	  "Print the result as one JSON object on stdout." },
	{ "decode", CONF_BOOL, &o_decode, "yes", 0, 0, NULL, NULL,
	  "Decode VP8 (--no-decode: read headers only, for load tests)." },
	{ "retry", CONF_BOOL, &o_retry, "no", 0, 0, NULL, NULL,
	  "Reconnect with backoff when the relay goes away." },
	{ "slow-ms", CONF_INT, &o_slow_ms, "0", 0, 60000, NULL, "MS",
	  "Simulate a slow viewer: stop reading for MS after each frame." },
	{ "connections", CONF_INT, &o_connections, "1", 1, 100000, NULL, "N",
	  "Hold N viewer connections in this process (load generator)." },
	{ "connect-rate", CONF_INT, &o_connect_rate, "0", 0, 1000000, NULL, "N",
	  "Open at most N connections per second (0: all at once)." },
	{ "expect-frames", CONF_INT, &o_expect_frames, "0", 0, 100000000, NULL,
	  "N",
	  "Exit with status 5 unless every connection got N "
	  "frames." },
	{ "until-frames", CONF_INT, &o_until_frames, "0", 0, 100000000, NULL,
	  "N", "Stop early once every connection got N frames." },
	{ "region", CONF_STR, &o_region, NULL, 0, 0, NULL, "X,Y,W,H[;...]",
	  "Report the mean and max luma of these rectangles (pixels) in the "
	  "last decoded picture, as \"regions\" in the JSON (for tests; "
	  "up to 16, separated by ';')." },
	{ "ca-file", CONF_STR, &o_ca_file, NULL, 0, 0, NULL, "FILE",
	  "CA certificate(s) to verify a wss:// relay (default: system CAs)." },
	{ "log-level", CONF_ENUM, &o_log_level, "warn", 0, 0, levels, "LEVEL",
	  "error, warn, info or debug." },
};

static const struct conf_spec spec = {
	.prog = "lucarne-view",
	.section = "view",
	.usage = "--relay URL (--token-file F | --user NAME --password-file F) "
		 "--room ROOM [--seconds N] [--json] [OPTIONS]",
	.about = "Watch a room of a Lucarne relay without a screen: subscribe, "
		 "decode the VP8 frames and report frames, keyframes, decode "
		 "errors, picture size, time to first frame and latency "
		 "(capture time to decoded picture) percentiles.\n"
		 "Exit status: 0 success; 1 bad usage or other error; 2 "
		 "credentials refused (login failed, error unauthorized, close "
		 "4401); 3 room refused (error forbidden, close 4403); 4 relay "
		 "unreachable or connection lost (without --retry); 5 fewer "
		 "frames than --expect-frames.",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void raise_fd_limit(int conns)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	if (rl.rlim_cur < (rlim_t)conns + 64) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0 ||
		    rl.rlim_cur < (rlim_t)conns + 64)
			log_warn("only %llu file descriptors for %d "
				 "connections",
				 (unsigned long long)rl.rlim_cur, conns);
	}
}

/* Get the Bearer token: from the file, or by logging in. Returns 0 or the
 * exit status. */
static int get_token(char **token)
{
	char err[300], tok[300], password[300];
	int rc;

	if (o_token_file) {
		rc = conf_read_line_file(o_token_file, tok, sizeof(tok), err,
					 sizeof(err));
		if (rc == 0)
			*token = xstrdup(tok);
	} else {
		rc = conf_read_line_file(o_password_file, password,
					 sizeof(password), err, sizeof(err));
		if (rc == 0) {
			rc = login_session(o_relay, o_ca_file, o_user, password,
					   10000, tok, sizeof(tok), err,
					   sizeof(err));
			explicit_bzero(password, sizeof(password));
			if (rc < 0)
				return report_print_failure(
					rc == LC_EAUTH || rc == LC_ERATE ? 2
									 : 4,
					err, o_json);
			*token = xstrdup(tok);
		}
	}
	if (rc < 0) {
		fprintf(stderr, "lucarne-view: %s\n", err);
		return 1;
	}
	return 0;
}

static bool all_have(struct viewer **v, int n, int frames)
{
	struct viewer_stats st;

	for (int i = 0; i < n; i++) {
		viewer_get_stats(v[i], &st);
		if (st.frames < (uint64_t)frames)
			return false;
	}
	return true;
}

/* True when no connection can make progress any more. */
static bool all_ended(struct viewer **v, int n, int opened)
{
	if (opened < n)
		return false;
	for (int i = 0; i < n; i++)
		if (!viewer_finished(v[i]))
			return false;
	return true;
}

/* --no-decode on ws:// or wss://: the epoll load generator (see loadgen.h). */
static int run_loadgen(const char *token)
{
	struct hist *lat = hist_new();
	struct viewer_stats *sts = xcalloc((size_t)o_connections, sizeof(*sts));
	struct loadgen_config lc = {
		.url = o_relay,
		.ca_file = o_ca_file,
		.token = token,
		.room = o_room,
		.connections = o_connections,
		.connect_rate = o_connect_rate,
		.duration_us = (int64_t)o_seconds * 1000000,
		.until_frames = o_until_frames,
		.latency = lat,
	};
	int64_t t0 = clock_mono_us();
	char err[300];
	int status;

	if (loadgen_run(&lc, &stop, sts, err, sizeof(err)) < 0)
		status = report_print_failure(1, err, o_json);
	else
		status = report_print(sts, o_connections, lat,
				      clock_mono_us() - t0, o_json,
				      o_expect_frames);
	free(sts);
	hist_free(lat);
	return status;
}

static int run(const char *token)
{
	struct wsc_config wc = {
		.ca_file = o_ca_file,
		.max_conns = o_connections,
		.rx_buffer = o_slow_ms ? 4096
			: o_decode     ? 65536
				       : 8192,
	};
	struct wsc *w;
	struct viewer_stats *sts;
	struct viewer **v = xcalloc((size_t)o_connections, sizeof(*v));
	struct hist *lat = hist_new();
	struct viewer_config vc = { o_relay,  token,   o_room,
				    o_decode, o_retry, o_slow_ms,
				    lat,      regions, n_regions };
	int64_t t0 = clock_mono_us(), end = t0 + (int64_t)o_seconds * 1000000;
	int opened = 0, status = 1, n = o_connections;

	w = wsc_new(&wc);
	if (!w)
		goto out;
	for (int i = 0; i < n; i++) {
		v[i] = viewer_new(w, &vc);
		if (!v[i]) {
			fprintf(stderr,
				"lucarne-view: bad relay address "
				"\"%s\"\n",
				o_relay);
			goto out;
		}
	}
	while (!stop) {
		int64_t now = clock_mono_us();
		int due = o_connect_rate
			? (int)((now - t0) * o_connect_rate / 1000000) + 1
			: n;

		for (; opened < n && opened < due; opened++)
			viewer_open(v[opened], clock_mono_us());
		if (now >= end || all_ended(v, n, opened) ||
		    (o_until_frames && all_have(v, n, o_until_frames)))
			break;
		wsc_service(w, o_slow_ms ? 5 : 50);
		now = clock_mono_us();
		for (int i = 0; i < opened; i++)
			viewer_tick(v[i], now);
	}
	sts = xcalloc((size_t)n, sizeof(*sts));
	for (int i = 0; i < n; i++)
		viewer_get_stats(v[i], &sts[i]);
	status = report_print(sts, n, lat, clock_mono_us() - t0, o_json,
			      o_expect_frames);
	free(sts);
out:
	wsc_free(w);
	for (int i = 0; i < n; i++)
		viewer_free(v[i]);
	free(v);
	hist_free(lat);
	return status;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	char *token = NULL;
	int status;

	/* Exit status 2 means "credentials refused" here: a usage error is 1. */
	status = conf_parse_main(&spec, argc, argv, NULL);
	if (status >= 0)
		return status == 2 ? 1 : status;
	status = 1;
	log_set_level((enum log_level)o_log_level);
	if (!o_relay || !o_room || !proto_name_valid(o_room) ||
	    (!o_token_file == !o_user) || (o_user && !o_password_file)) {
		fprintf(stderr,
			"lucarne-view: need --relay, a valid --room and "
			"either --token-file or --user with "
			"--password-file (see --help)\n");
		goto out;
	}
	if (o_region) {
		char err[160];

		n_regions = region_parse(o_region, regions, REGION_MAX, err,
					 sizeof(err));
		if (n_regions < 0) {
			fprintf(stderr, "lucarne-view: --region: %s\n", err);
			goto out;
		}
		report_set_regions(regions, n_regions);
	}
	status = get_token(&token);
	if (status)
		goto out;
	raise_fd_limit(o_connections);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (!o_decode && !o_retry && !o_slow_ms &&
	    (strncmp(o_relay, "ws://", 5) == 0 ||
	     strncmp(o_relay, "wss://", 6) == 0))
		status = run_loadgen(token);
	else
		status = run(token);
out:
	free(token);
	conf_free(&spec);
	return status;
}
