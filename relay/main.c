/* lucarne-relay: options, signals and resource limits around relay.c. */
#define LOG_TAG "main"
#include "common/conf.h"
#include "common/err.h"
#include "common/log.h"
#include "common/auth.h"
#include "relay/api/http.h"
#include "relay/relay.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* lws sizes its tables by the descriptor limit: cap what we ask for. */
#define NOFILE_MAX 65536

static char *o_data, *o_listen, *o_cert, *o_key, *o_origin, *o_www, *o_tz;
static bool o_insecure;
static int o_log, o_retention, o_ping, o_viewer_sockets;
static const char *const levels[] = { "error", "warn", "info", "debug", NULL };

static const struct conf_opt opts[] = {
	{ "data", CONF_STR, &o_data, "/var/lib/lucarne", 0, 0, NULL, "DIR",
	  "Folder of the database (lucarne.db, made by lucarne-admin or "
	  "created here) and of device-cookie.key (the secret of known "
	  "device login cookies, made here)." },
	{ "listen", CONF_STR, &o_listen, "127.0.0.1:8080", 0, 0, NULL,
	  "HOST:PORT",
	  "Address and port for HTTP and WebSocket (IPv6 as [::1]:8080; "
	  "0.0.0.0 for every interface)." },
	{ "tls-cert", CONF_STR, &o_cert, NULL, 0, 0, NULL, "FILE",
	  "PEM certificate chain: serve HTTPS and wss:// only." },
	{ "tls-key", CONF_STR, &o_key, NULL, 0, 0, NULL, "FILE",
	  "PEM private key of --tls-cert." },
	{ "insecure-plain", CONF_BOOL, &o_insecure, "no", 0, 0, NULL, NULL,
	  "Allow plain HTTP on an address that is not loopback (never in "
	  "production: passwords and video would cross the network in "
	  "clear)." },
	{ "allow-origin", CONF_STR, &o_origin, NULL, 0, 0, NULL, "URLS",
	  "Extra origins (scheme://host[:port], comma-separated) allowed to "
	  "open cookie WebSockets besides the relay's own." },
	{ "www", CONF_STR, &o_www, NULL, 0, 0, NULL, "DIR",
	  "Web app folder. Default: web of the source tree when run "
	  "from the build tree, else "
	  "the installed share/lucarne/www." },
	{ "timezone", CONF_STR, &o_tz, "Europe/Paris", 0, 0, NULL, "ZONE",
	  "Time zone of the rooms' viewing windows and of the day of the "
	  "viewing quotas (a tz database name)." },
	{ "ping-seconds", CONF_INT, &o_ping, "20", 2, RELAY_PING_MAX, NULL, "S",
	  "A WebSocket that shows no sign of life for this long is pinged, "
	  "and closed if it has not answered after as long again. Viewers "
	  "receiving video count as alive while their TCP acknowledgements "
	  "arrive, so only idle ones are pinged." },
	{ "max-viewer-sockets", CONF_INT, &o_viewer_sockets, "4", 1,
	  RELAY_VIEWER_SOCKETS_MAX, NULL, "N",
	  "Sockets one account may watch with at once (tabs, devices); the "
	  "next is refused with an error and close code 4429." },
	{ "audit-retention-days", CONF_INT, &o_retention, "365", 1,
	  RELAY_AUDIT_RETENTION_MAX, NULL, "DAYS",
	  "Audit log rows (logins, viewing sessions, staff and admin "
	  "actions) older than this many days are deleted, at start and "
	  "every ten minutes." },
	{ "log-level", CONF_ENUM, &o_log, "info", 0, 0, levels, "LEVEL",
	  "Messages to log on stderr." },
};

static const struct conf_spec spec = {
	.prog = "lucarne-relay",
	.section = "relay",
	.usage = "[OPTIONS]",
	.about = "Relay live classroom video from cameras to the accounts "
		 "allowed to watch,\nover one HTTP(S) and WebSocket port. "
		 "Nothing is recorded. Stops cleanly on\nSIGINT or SIGTERM "
		 "(sockets closed with 1001).",
	.epilog = "Environment:\n  " RELAY_FAKE_TIME_ENV "=FILE\n"
		  "      For tests only: viewing windows and quotas take the "
		  "time from FILE\n      (Unix seconds, re-read every 100 ms) "
		  "instead of the clock.",
	.opts = opts,
	.n_opts = sizeof(opts) / sizeof(opts[0]),
};

static volatile int stop;
static struct relay *the_relay;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
	relay_wake(the_relay);
}

/* Many viewers need many descriptors: raise the soft limit. */
static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	rl.rlim_cur = rl.rlim_max > NOFILE_MAX ? NOFILE_MAX : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		log_warn("cannot raise the descriptor limit: %s",
			 strerror(errno));
}

int main(int argc, char **argv)
{
	struct relay_config cfg;
	struct sigaction sa;
	char err[512];
	int rc;

	rc = conf_parse_main(&spec, argc, argv, NULL);
	if (rc >= 0)
		return rc;
	log_set_level((enum log_level)o_log);
	raise_nofile();
	if (auth_init() < 0) {
		conf_free(&spec);
		return 1;
	}
	if (mkdir(o_data, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "lucarne-relay: %s: %s\n", o_data,
			strerror(errno));
		conf_free(&spec);
		return 1;
	}
	cfg = (struct relay_config){
		.data = o_data,
		.listen = o_listen,
		.tls_cert = o_cert,
		.tls_key = o_key,
		.allow_origin = o_origin,
		.www = o_www,
		.insecure_plain = o_insecure,
		.timezone = o_tz,
		.audit_retention_days = o_retention,
		.ping_s = o_ping,
		.max_viewer_sockets = o_viewer_sockets,
		.http_protocol = &http_protocol,
		/* Tests only: see RELAY_FAKE_TIME_ENV (docs/admin.md). */
		.fake_time_file = getenv(RELAY_FAKE_TIME_ENV),
	};
	signal(SIGPIPE, SIG_IGN);
	rc = relay_new(&cfg, &the_relay, err, sizeof(err));
	if (rc < 0) {
		fprintf(stderr, "lucarne-relay: %s\n", err);
		conf_free(&spec);
		return rc == LC_EINVAL ? 2 : 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = relay_run(the_relay, &stop);
	relay_free(the_relay);
	conf_free(&spec);
	log_info("stopped");
	return rc < 0 ? 1 : 0;
}
