/* The relay: one lws context with one vhost (HTTP and WebSocket on one
 * port), credentials, and the periodic tick that sends due keyframe
 * requests, cuts slow viewers and picks up changes lucarne-admin made to
 * the database.
 */
#define LOG_TAG "relay"
#include "relay/relay.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/window.h"
#include "common/xalloc.h"
#include "common/auth.h"
#include "relay/acctcap.h"
#include "relay/api/knowndev.h"
#include "relay/fanout.h"
#include "relay/metrics.h"
#include "relay/pwpool.h"
#include "relay/ratelimit.h"
#include "relay/preflight.h"
#include "relay/room.h"
#include "relay/ws.h"
#include "store/datalock.h"

#include <arpa/inet.h>
#include <libwebsockets.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef LUCARNE_DATADIR
#define LUCARNE_DATADIR "/usr/local/share/lucarne"
#endif

#define TICK_US 100000 /* room tick: key requests, slow viewers */
#define POLL_US 1000000 /* database change poll, session expiry */
#define PURGE_US (600 * 1000000LL) /* expired sessions, old audit rows */

struct relay {
	struct lws_context *ctx;
	struct lws_vhost *vh;
	struct store *store;
	struct datalock *lock; /* this relay owns cfg->data */
	struct ratelimit *rl;
	struct knowndev *kd; /* known device cookies (api/knowndev.h) */
	struct acctcap *vcap; /* viewer sockets per account */
	struct pwpool *pw;
	struct metrics met;
	struct fanout_stats fst;
	struct rooms *rooms; /* each loaded on first use */
	struct ws_hub *hub; /* every WebSocket session */
	bool tls;
	char *www; /* absolute path of the static files */
	char **origins; /* --allow-origin values */
	size_t n_origins;
	int64_t data_version;
	int64_t next_poll_us, next_purge_us;
	/* Civil time of windows and quotas, read once per tick: the real
	 * clock, or the test's fake time file. */
	struct room_clock clk;
	char *fake_time; /* path, or NULL */
	int audit_retention_days; /* > 0 */
	int ping_s; /* > 0 */
	lws_retry_bo_t idle_policy; /* from ping_s */
	lws_sorted_usec_list_t tick;
	bool stopping;
};

/* Sent on every HTTP response (lws adds the vhost's list itself). The web
 * app uses no inline script or style: CSP forbids both. */
static const struct lws_protocol_vhost_options hdr_hsts = {
	NULL, NULL, "strict-transport-security:", "max-age=31536000"
};
#define HDR(next, name, value)                                                 \
	{                                                                      \
		next, NULL, name, value                                        \
	}
static const struct lws_protocol_vhost_options sec_headers[] = {
	HDR(NULL, "content-security-policy:",
	    "default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data: blob:; connect-src 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
	HDR(&sec_headers[0], "x-content-type-options:", "nosniff"),
	HDR(&sec_headers[1], "referrer-policy:", "no-referrer"),
	HDR(&sec_headers[2], "x-frame-options:", "DENY"),
	HDR(&sec_headers[3], "permissions-policy:",
	    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
};
/* The same list with HSTS in front, for TLS. */
static struct lws_protocol_vhost_options sec_headers_tls;

/* lucarne-admin wrote something: re-read rooms, re-check every socket's
 * credentials and rights. Rare, so a pass over all sockets is fine. */
static void poll_database(struct relay *r)
{
	int64_t v = store_data_version(r->store);
	bool changed = v != r->data_version;

	r->data_version = v;
	if (changed)
		rooms_refresh_all(r->rooms);
	ws_hub_recheck(r->hub, 0, changed);
}

/* Read the civil clock of windows and quotas once per tick. The fake
 * time file (tests only) is re-read every time, so that a test moves the
 * clock by rewriting it; a file that cannot be read keeps the last
 * value. */
static void clock_update(struct relay *r)
{
	int64_t t = (int64_t)time(NULL);

	if (r->fake_time) {
		char buf[32], *end;
		FILE *f = fopen(r->fake_time, "r");
		long long v = -1;

		if (f) {
			if (fgets(buf, sizeof(buf), f)) {
				v = strtoll(buf, &end, 10);
				if (end == buf || v < 0)
					v = -1;
			}
			fclose(f);
		}
		t = v >= 0 ? (int64_t)v : r->clk.now_s ? r->clk.now_s : t;
	}
	r->clk.prev_now_s = r->clk.now_s ? r->clk.now_s : t;
	r->clk.now_s = t;
	r->clk.today = window_day_key(t);
	r->clk.ticks++;
}

static void tick(lws_sorted_usec_list_t *sul)
{
	struct relay *r = lws_container_of(sul, struct relay, tick);
	int64_t now = clock_mono_us();
	int n;

	clock_update(r);
	rooms_clock_tick(r->rooms, &r->clk, now);
	rooms_tick(r->rooms, now, true);
	if (now >= r->next_poll_us) {
		r->next_poll_us = now + POLL_US;
		poll_database(r);
	}
	if (now >= r->next_purge_us) {
		r->next_purge_us = now + PURGE_US;
		n = store_session_purge(r->store, (int64_t)time(NULL));
		if (n > 0)
			log_info("purged %d expired sessions", n);
		/* Retention: at the first tick (start) and every purge. */
		n = store_audit_purge(r->store,
				      (int64_t)time(NULL) -
					      (int64_t)r->audit_retention_days *
						      86400);
		if (n > 0)
			log_info("purged %d audit rows older than %d days", n,
				 r->audit_retention_days);
	}
	lws_sul_schedule(r->ctx, 0, &r->tick, tick, TICK_US);
}

/* ---- set-up ------------------------------------------------------------ */

static int parse_listen(const char *listen, char *host, size_t hostlen,
			int *port)
{
	const char *colon = strrchr(listen, ':');
	char *end;
	long p;
	size_t n;

	if (!colon)
		return LC_EINVAL;
	p = strtol(colon + 1, &end, 10);
	if (*end || p < 1 || p > 65535)
		return LC_EINVAL;
	n = (size_t)(colon - listen);
	if (n >= 2 && listen[0] == '[' && listen[n - 1] == ']') {
		listen++;
		n -= 2;
	}
	if (n >= hostlen)
		return LC_EINVAL;
	memcpy(host, listen, n);
	host[n] = '\0';
	*port = (int)p;
	return 0;
}

static bool host_is_loopback(const char *h)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (strcmp(h, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, h, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, h, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return false;
}

static char *find_www(const char *opt)
{
	char exe[PATH_MAX], try[PATH_MAX + 32], *res;
	struct stat sb;
	ssize_t n;

	if (opt)
		return realpath(opt, NULL);
	/* Run from the build tree (build/.../lucarne-relay): use the
	 * source tree's web/, found by walking up from the program. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 4; up++) {
			char *slash = strrchr(exe, '/');

			if (!slash)
				break;
			*slash = '\0';
			snprintf(try, sizeof(try), "%s/web", exe);
			if (stat(try, &sb) == 0 && S_ISDIR(sb.st_mode) &&
			    (res = realpath(try, NULL)))
				return res;
		}
	}
	return realpath(LUCARNE_DATADIR "/www", NULL);
}

/* Windows and quota days follow @tz (a tz database name such as
 * Europe/Paris). glibc silently falls back to UTC for a name it does
 * not know, so check that the zone file exists first. */
static int set_timezone(const char *tz, char *err, size_t errlen)
{
	const char *dir = getenv("TZDIR");
	char path[PATH_MAX];
	struct stat sb;

	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	if (!tz || !*tz || tz[0] == '/' || strstr(tz, "..") ||
	    snprintf(path, sizeof(path), "%s/%s", dir, tz) >=
		    (int)sizeof(path) ||
	    stat(path, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen,
			 "--timezone %s: unknown time zone (a name from the "
			 "tz database, e.g. Europe/Paris)",
			 tz ? tz : "");
		return LC_EINVAL;
	}
	setenv("TZ", tz, 1);
	tzset();
	return 0;
}

static void split_origins(struct relay *r, const char *list)
{
	char *copy, *tok, *save = NULL;

	if (!list || !*list)
		return;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		size_t n = strlen(tok);

		while (n && tok[n - 1] == '/')
			tok[--n] = '\0'; /* "https://x/" means "https://x" */
		r->origins = xrealloc(r->origins,
				      (r->n_origins + 1) * sizeof(char *));
		r->origins[r->n_origins++] = xstrdup(tok);
	}
	free(copy);
}

static void lws_log(int level, const char *line)
{
	size_t n = strlen(line);

	while (n && line[n - 1] == '\n')
		n--;
	if (level & LLL_ERR)
		log_error("lws: %.*s", (int)n, line);
	else
		log_debug("lws: %.*s", (int)n, line);
}

int relay_new(const struct relay_config *cfg, struct relay **out, char *err,
	      size_t errlen)
{
	static struct lws_protocols table[3]; /* lws keeps a pointer */
	struct lws_context_creation_info info;
	struct relay *r = XNEW(struct relay);
	char host[128];
	int port, rc = LC_EINVAL;

	*out = NULL;
	if (parse_listen(cfg->listen, host, sizeof(host), &port) < 0) {
		snprintf(err, errlen,
			 "--listen %s: expected HOST:PORT (e.g. 127.0.0.1:8080 "
			 "or [::1]:8080)",
			 cfg->listen);
		goto fail;
	}
	if (!cfg->tls_cert != !cfg->tls_key) {
		snprintf(err, errlen, "--tls-cert and --tls-key go together");
		goto fail;
	}
	r->tls = cfg->tls_cert != NULL;
	if (!r->tls && !host_is_loopback(host) && !cfg->insecure_plain) {
		snprintf(err, errlen,
			 "refusing plain HTTP on %s, which is not a loopback "
			 "address: give --tls-cert and --tls-key, or "
			 "--insecure-plain to force it",
			 host[0] ? host : "every interface");
		goto fail;
	}
	rc = set_timezone(cfg->timezone ? cfg->timezone : "Europe/Paris", err,
			  errlen);
	if (rc < 0)
		goto fail;
	if (cfg->fake_time_file && *cfg->fake_time_file) {
		r->fake_time = xstrdup(cfg->fake_time_file);
		log_warn("%s is set: viewing windows and quotas follow the "
			 "time in %s (for tests only)",
			 RELAY_FAKE_TIME_ENV, r->fake_time);
	}
	r->audit_retention_days = cfg->audit_retention_days > 0
		? cfg->audit_retention_days
		: RELAY_AUDIT_RETENTION_DAYS;
	clock_update(r);
	/* The folder first: a relay started twice is told that, rather
	 * than that its port is taken. */
	rc = datalock_take(cfg->data, &r->lock, err, errlen);
	if (rc < 0)
		goto fail;
	if ((r->tls &&
	     (rc = preflight_check_tls(cfg->tls_cert, cfg->tls_key, err,
				       errlen)) < 0) ||
	    (rc = preflight_check_listen(cfg->listen, host, port, err,
					 errlen)) < 0)
		goto fail;
	rc = store_open(cfg->data, &r->store, err, errlen);
	if (rc < 0)
		goto fail;
	r->data_version = store_data_version(r->store);
	r->rooms = rooms_new(r->store, &r->met, &r->fst, &r->clk);
	r->rl = ratelimit_new(RELAY_LOGIN_FAILS, RELAY_LOGIN_WINDOW_MS, 4096);
	r->vcap = acctcap_new(cfg->max_viewer_sockets > 0
				      ? cfg->max_viewer_sockets
				      : RELAY_VIEWER_SOCKETS);
	rc = knowndev_open(cfg->data, &r->kd, err, errlen);
	if (rc < 0)
		goto fail;
	split_origins(r, cfg->allow_origin);
	r->www = find_www(cfg->www);
	if (!r->www)
		log_warn("no web app folder found%s%s: only the API is served",
			 cfg->www ? " at " : "", cfg->www ? cfg->www : "");
	else
		log_info("web app from %s", r->www);

	lws_set_log_level(log_get_level() >= LOG_LVL_DEBUG
				  ? LLL_ERR | LLL_WARN | LLL_NOTICE
				  : LLL_ERR,
			  lws_log);
	if (cfg->http_protocol)
		table[0] = *cfg->http_protocol;
	table[1] = ws_protocol;
	memset(&info, 0, sizeof(info));
	info.port = port;
	if (host[0] && strcmp(host, "0.0.0.0") != 0 && strcmp(host, "::") != 0)
		info.iface =
			strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
	info.protocols = table;
	info.user = r;
	info.vhost_name = "default";
	/* A socket that shows no sign of life for ping_s is pinged, and
	 * dropped at twice that without an answer (viewers receiving media
	 * are confirmed by conn_confirm_alive instead). */
	r->ping_s = cfg->ping_s > 0 ? cfg->ping_s : RELAY_PING_S;
	r->idle_policy.secs_since_valid_ping = (uint16_t)r->ping_s;
	r->idle_policy.secs_since_valid_hangup = (uint16_t)(2 * r->ping_s);
	info.retry_and_idle_policy = &r->idle_policy;
	info.alpn = "http/1.1"; /* no h2: one socket per client, simple */
	info.server_string = "lucarne-relay";
	/* The read buffer behind every connection's rx_buffer_size (ws.c):
	 * a WebSocket read is never larger than this. */
	info.pt_serv_buf_size = 64 * 1024;
	/* Room for long cookies; hdr.h caps each header below this. */
	info.max_http_header_data = RELAY_HEADERS_MAX;
	info.options = LWS_SERVER_OPTION_VALIDATE_UTF8;
	if (info.iface && !strchr(info.iface, ':'))
		info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
	info.headers = &sec_headers[4];
	if (r->tls) {
		sec_headers_tls = hdr_hsts;
		sec_headers_tls.next = &sec_headers[4];
		info.headers = &sec_headers_tls;
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
		info.ssl_cert_filepath = cfg->tls_cert;
		info.ssl_private_key_filepath = cfg->tls_key;
	}
	r->ctx = lws_create_context(&info);
	if (!r->ctx) {
		/* Readable files, a free port: what is left is TLS. */
		if (r->tls)
			snprintf(err, errlen,
				 "cannot start TLS with --tls-cert %s and "
				 "--tls-key %s: not a PEM certificate and its "
				 "private key, or they do not match",
				 cfg->tls_cert, cfg->tls_key);
		else
			snprintf(err, errlen, "cannot listen on %s",
				 cfg->listen);
		rc = LC_EIO;
		goto fail;
	}
	r->vh = lws_get_vhost_by_name(r->ctx, "default");
	r->hub = ws_hub_new(r->vh,
			    &(struct ws_hub_config){
				    .rooms = r->rooms,
				    .store = r->store,
				    .met = &r->met,
				    .vcap = r->vcap,
				    .ping_s = r->ping_s,
			    });
	if (!r->hub) {
		snprintf(err, errlen, "cannot set up the WebSocket protocol");
		rc = LC_EIO;
		goto fail;
	}
	r->pw = pwpool_new(r->ctx);
	if (!r->pw) {
		snprintf(err, errlen, "cannot start the password thread");
		rc = LC_EIO;
		goto fail;
	}
	r->next_poll_us = clock_mono_us() + POLL_US;
	lws_sul_schedule(r->ctx, 0, &r->tick, tick, TICK_US);
	log_info("listening on %s://%s/ (WebSocket at /ws)",
		 r->tls ? "https" : "http", cfg->listen);
	*out = r;
	return 0;
fail:
	relay_free(r);
	return rc;
}

int relay_run(struct relay *r, volatile int *stop)
{
	int64_t deadline;

	while (!*stop)
		if (lws_service(r->ctx, 0) < 0)
			return LC_EIO;
	/* Going away: close every socket with 1001 and give them a moment
	 * to flush, without waiting for the slow ones. */
	log_info("shutting down");
	r->stopping = true;
	ws_hub_close_all(r->hub, CLOSE_GOING_AWAY);
	deadline = clock_mono_us() + 2000000;
	while (ws_hub_count(r->hub) && clock_mono_us() < deadline)
		if (lws_service(r->ctx, 0) < 0)
			break;
	return 0;
}

void relay_wake(struct relay *r)
{
	if (r && r->ctx)
		lws_cancel_service(r->ctx);
}

void relay_free(struct relay *r)
{
	if (!r)
		return;
	/* The worker wakes the context: stop it first. Its jobs stay until
	 * the sockets that wait for them are gone. */
	pwpool_stop(r->pw);
	if (r->ctx) {
		lws_sul_cancel(&r->tick);
		/* Destroying the context closes the sockets, whose
		 * callbacks still use the rooms and the store. */
		lws_context_destroy(r->ctx);
	}
	pwpool_free(r->pw);
	ws_hub_free(r->hub);
	if (r->rooms)
		rooms_flush_quotas(r->rooms);
	rooms_free(r->rooms);
	acctcap_free(r->vcap);
	ratelimit_free(r->rl);
	knowndev_free(r->kd);
	store_close(r->store);
	datalock_release(r->lock);
	for (size_t i = 0; i < r->n_origins; i++)
		free(r->origins[i]);
	free(r->origins);
	free(r->www);
	free(r->fake_time);
	free(r);
}

/* ---- what the HTTP handlers use ---------------------------------------- */

struct store *relay_store(struct relay *r)
{
	return r->store;
}

struct metrics *relay_metrics(struct relay *r)
{
	return &r->met;
}

struct ratelimit *relay_ratelimit(struct relay *r)
{
	return r->rl;
}

struct pwpool *relay_pwpool(struct relay *r)
{
	return r->pw;
}

struct rooms *relay_rooms(struct relay *r)
{
	return r->rooms;
}

struct ws_hub *relay_ws_hub(struct relay *r)
{
	return r->hub;
}

struct knowndev *relay_knowndev(struct relay *r)
{
	return r->kd;
}

void relay_origins(const struct relay *r, struct ident_origins *o)
{
	o->tls = r->tls;
	o->extra = r->origins;
	o->n_extra = r->n_origins;
}

bool relay_tls(const struct relay *r)
{
	return r->tls;
}

const char *relay_www(const struct relay *r)
{
	return r->www;
}

void relay_metrics_src(struct relay *r, struct metrics_src *src)
{
	src->met = &r->met;
	src->fst = &r->fst;
	src->websockets = ws_hub_count(r->hub);
	src->rooms = r->rooms;
}
