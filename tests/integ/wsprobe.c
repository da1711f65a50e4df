/* wsprobe: a small lucarne.v1 WebSocket client for the relay's
 * integration tests. It connects with a given credential and Origin,
 * optionally subscribes or publishes synthetic frames, and prints one
 * JSON line of what happened:
 *
 *   {"connected":true,"error":"","hello_role":"parent","states":["live"],
 *    "errors":["forbidden"],"close":4403,"binary":0,"binary_bytes":0,
 *    "keyframes":0,"first_is_key":false,"layers":[0,0,0],
 *    "first_ms":-1,"keyframe_requests":0,"viewers":0}
 *
 * As a publisher it sends a 3-layer pattern (0,2,1,2; layer 1 and the
 * first layer-2 frame after the base are SYNC) with a keyframe every
 * --gop frames and on request. --slow-ms N pauses reading for N ms after
 * each binary message (a slow viewer), with a receive buffer of --rcvbuf
 * bytes (4096 by default). --trace FILE appends every control
 * message received to FILE as it arrives (one line each, flushed), so a
 * test can wait for one while the probe still runs. The JSON line also
 * has "last_state" (the last state message, parsed as JSON),
 * "binary_after_state" and "camera_after_state" (media frames, and those
 * not flagged SLATE, received after it) and "slates" (frames flagged
 * SLATE). --send JSON sends one control message (after the publish
 * message when publishing).
 *
 * --pattern TEXT fills a publisher's payloads with TEXT repeated instead
 * of 0x5a bytes, so a test can look for the stream's bytes elsewhere.
 * --stall 1: after its first media message the probe reads nothing
 * more (with a normal receive buffer) until SIGUSR1, so a test can let a
 * stalled viewer read, at full speed, the close the relay sent it once
 * it was cut. SIGTERM ends the probe as --seconds would, with its JSON
 * line, so a test can stop a viewer once what it waits for happened. A
 * publisher never obeys "pause": it stands for a camera that does not
 * stop.
 *
 * Every media message received is checked whole: its header parses (with
 * the length it announces), its payload is the publisher's fill byte, and
 * its seq is above the one before ("torn" and "out_of_order" count the
 * messages that fail; frames the relay skipped leave gaps, not errors).
 * "dropped" is true when the relay ended the connection without a close
 * frame, before the probe's own end.
 */
#include "common/clock.h"
#include "common/proto.h"

#include <jansson.h>
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static struct {
	const char *url, *token, *cookie, *origin, *protocol, *subscribe,
		*publish, *send, *cacert, *trace, *pattern;
	int frames, fps, gop, size, slow_ms, count, stall, rcvbuf;
	double seconds;
} o = { .protocol = PROTO_SUBPROTOCOL,
	.fps = 30,
	.gop = 30,
	.size = 2000,
	.rcvbuf = 4096,
	.seconds = 3 };

static struct {
	bool connected, done, key_next, paused;
	char error[160];
	json_t *states, *errors;
	char hello_role[32];
	int close, binary, keyframes, layers[3], key_requests, viewers;
	int viewers_max, binary_after_state, camera_after_state, slates;
	int torn, out_of_order;
	bool have_seq, dropped;
	uint32_t last_seq;
	json_t *last_state;
	FILE *trace;
	long long binary_bytes;
	bool first_is_key;
	int64_t start_us, first_us;
	uint32_t seq;
	int sent;
	unsigned char *out; /* frame waiting for WRITEABLE */
	size_t out_len;
	bool publishing;
	struct lws *wsi;
	struct lws_context *ctx;
	lws_sorted_usec_list_t sul_frame, sul_end, sul_resume;
} s;

static volatile sig_atomic_t g_unstall, g_term; /* SIGUSR1, SIGTERM */

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		g_unstall = 1;
	else
		g_term = 1;
}

/* Fill @len bytes at @p with the payload: --pattern repeated, or 0x5a. */
static void fill_payload(unsigned char *p, size_t len)
{
	size_t n = o.pattern ? strlen(o.pattern) : 0;

	if (!n) {
		memset(p, 0x5a, len);
		return;
	}
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)o.pattern[i % n];
}

static void send_text(struct lws *wsi, const char *text)
{
	size_t n = strlen(text);
	unsigned char *buf = malloc(LWS_PRE + n);

	memcpy(buf + LWS_PRE, text, n);
	lws_write(wsi, buf + LWS_PRE, n, LWS_WRITE_TEXT);
	free(buf);
}

/* Build the next synthetic frame into s.out. */
static void make_frame(void)
{
	static const int pattern[4] = { 0, 2, 1, 2 };
	struct proto_media h = { .version = 1, .kind = PROTO_KIND_VIDEO };
	int i = s.sent % o.gop, len = o.size;

	if (i == 0 || s.key_next) {
		h.flags = PROTO_FLAG_KEY;
		h.layer = 0;
		len = o.size * 4;
		s.key_next = false;
		s.sent = 0; /* restart the pattern at the keyframe */
	} else {
		h.layer = (uint8_t)pattern[i % 4];
		if (h.layer == 1 || i % 4 == 1)
			h.flags |= PROTO_FLAG_SYNC;
		if (h.layer == 2)
			h.flags |= PROTO_FLAG_DROPPABLE;
	}
	h.seq = s.seq++;
	h.capture_us = (uint64_t)clock_wall_us();
	h.length = (uint32_t)len;
	free(s.out);
	s.out = malloc(LWS_PRE + PROTO_MEDIA_HEADER + (size_t)len);
	proto_media_write(&h, s.out + LWS_PRE);
	fill_payload(s.out + LWS_PRE + PROTO_MEDIA_HEADER, (size_t)len);
	s.out_len = PROTO_MEDIA_HEADER + (size_t)len;
	s.sent++;
}

static void frame_tick(lws_sorted_usec_list_t *sul)
{
	(void)sul;
	if (s.done || !s.wsi)
		return;
	if (o.frames && s.seq >= (uint32_t)o.frames)
		return;
	make_frame(); /* an unsent older frame is dropped, as a camera */
	lws_callback_on_writable(s.wsi);
	lws_sul_schedule(s.ctx, 0, &s.sul_frame, frame_tick, 1000000 / o.fps);
}

static void end_tick(lws_sorted_usec_list_t *sul)
{
	(void)sul;
	s.done = true;
	if (s.wsi)
		lws_callback_on_writable(s.wsi);
	lws_cancel_service(s.ctx);
}

static void resume_tick(lws_sorted_usec_list_t *sul)
{
	(void)sul;
	if (s.wsi && s.paused) {
		s.paused = false;
		lws_rx_flow_control(s.wsi, 1);
	}
}

static void on_text(const char *in, size_t len)
{
	struct proto_ctl m;

	if (s.trace) {
		fprintf(s.trace, "%.*s\n", (int)len, in);
		fflush(s.trace);
	}
	if (proto_ctl_parse(in, len, &m) < 0) {
		json_array_append_new(s.errors, json_string("unparsable"));
		return;
	}
	switch (m.type) {
	case PROTO_HELLO:
		snprintf(s.hello_role, sizeof(s.hello_role), "%s",
			 m.u.hello.role);
		if (o.subscribe || o.publish || o.send)
			lws_callback_on_writable(s.wsi);
		break;
	case PROTO_STATE:
		json_array_append_new(
			s.states,
			json_string(proto_state_name(m.u.state.state)));
		json_decref(s.last_state);
		s.last_state = json_loadb(in, len, 0, NULL);
		s.binary_after_state = 0;
		s.camera_after_state = 0;
		break;
	case PROTO_ERROR:
		json_array_append_new(s.errors, json_string(m.u.error.code));
		break;
	case PROTO_KEYFRAME:
		s.key_requests++;
		s.key_next = true;
		break;
	case PROTO_VIEWERS:
		s.viewers = m.u.viewers.viewers;
		if (m.u.viewers.viewers > s.viewers_max)
			s.viewers_max = m.u.viewers.viewers;
		break;
	default:
		break;
	}
}

static void on_binary(const void *in, size_t len)
{
	struct proto_media h;
	const uint8_t *payload;

	if (proto_media_parse(in, len, &h, &payload) < 0) {
		json_array_append_new(s.errors, json_string("bad_media"));
		s.torn++;
		return;
	}
	/* Whole: the length the header announces, and nothing of another
	 * message inside (a publisher without --pattern fills every
	 * payload with 0x5a). */
	if (payload[0] != 0x5a || memcmp(payload, payload + 1, h.length - 1))
		s.torn++;
	if (s.have_seq && h.seq <= s.last_seq)
		s.out_of_order++;
	s.have_seq = true;
	s.last_seq = h.seq;
	if (!s.binary) {
		s.first_is_key = h.flags & PROTO_FLAG_KEY;
		s.first_us = clock_mono_us();
	}
	s.binary++;
	s.binary_after_state++;
	if (h.flags & PROTO_FLAG_SLATE)
		s.slates++;
	else
		s.camera_after_state++;
	s.binary_bytes += (long long)len;
	if (h.flags & PROTO_FLAG_KEY)
		s.keyframes++;
	if (h.layer < 3)
		s.layers[h.layer]++;
	if (o.count && s.binary >= o.count)
		end_tick(NULL);
	else if (o.stall) {
		s.paused = true;
		lws_rx_flow_control(s.wsi, 0);
	} else if (o.slow_ms) {
		s.paused = true;
		lws_rx_flow_control(s.wsi, 0);
		lws_sul_schedule(s.ctx, 0, &s.sul_resume, resume_tick,
				 o.slow_ms * 1000LL);
	}
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	static unsigned char *rx;
	static size_t rx_len;
	unsigned char **p, *end;
	char buf[256];

	(void)user;
	switch (reason) {
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
		p = (unsigned char **)in;
		end = *p + len;
		if (o.cookie) {
			snprintf(buf, sizeof(buf), "lucarne_session=%s",
				 o.cookie);
			if (lws_add_http_header_by_token(
				    wsi, WSI_TOKEN_HTTP_COOKIE,
				    (unsigned char *)buf, (int)strlen(buf), p,
				    end))
				return -1;
		}
		/* Origin written here: lws would prefix "http://" itself. */
		if (o.origin &&
		    lws_add_http_header_by_token(wsi, WSI_TOKEN_ORIGIN,
						 (unsigned char *)o.origin,
						 (int)strlen(o.origin), p, end))
			return -1;
		if (o.token) {
			snprintf(buf, sizeof(buf), "Bearer %s", o.token);
			if (lws_add_http_header_by_token(
				    wsi, WSI_TOKEN_HTTP_AUTHORIZATION,
				    (unsigned char *)buf, (int)strlen(buf), p,
				    end))
				return -1;
		}
		break;
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		snprintf(s.error, sizeof(s.error), "%s",
			 in ? (const char *)in : "connection error");
		s.done = true;
		s.wsi = NULL;
		lws_cancel_service(s.ctx);
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		s.connected = true;
		s.wsi = wsi;
		if (o.slow_ms) {
			/* A slow link: little room in our receive buffer, so
			 * the relay sees the lag instead of the kernel. */
			int fd = lws_get_socket_fd(wsi), v = o.rcvbuf;

			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
		}
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		if (lws_is_first_fragment(wsi))
			rx_len = 0;
		{
			unsigned char *n = realloc(rx, rx_len + len + 1);

			if (!n)
				return -1;
			rx = n;
		}
		memcpy(rx + rx_len, in, len);
		rx_len += len;
		if (!lws_is_final_fragment(wsi) ||
		    lws_remaining_packet_payload(wsi))
			break;
		if (lws_frame_is_binary(wsi))
			on_binary(rx, rx_len);
		else
			on_text((const char *)rx, rx_len);
		break;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (len >= 2)
			s.close = ((const unsigned char *)in)[0] << 8 |
				((const unsigned char *)in)[1];
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (s.done) {
			lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
			return -1;
		}
		if (o.subscribe) {
			snprintf(buf, sizeof(buf),
				 "{\"type\":\"subscribe\",\"room\":\"%s\"}",
				 o.subscribe);
			send_text(wsi, buf);
			o.subscribe = NULL;
		} else if (o.send && (!o.publish || s.publishing)) {
			/* A publisher's message follows its publish. */
			send_text(wsi, o.send);
			o.send = NULL;
		} else if (o.publish && !s.publishing) {
			snprintf(buf, sizeof(buf),
				 "{\"type\":\"publish\",\"room\":\"%s\","
				 "\"codec\":\"vp8\",\"width\":640,"
				 "\"height\":480,\"fps\":%d,\"layers\":3}",
				 o.publish, o.fps);
			send_text(wsi, buf);
			s.publishing = true;
			lws_sul_schedule(s.ctx, 0, &s.sul_frame, frame_tick,
					 1000);
		} else if (s.out) {
			if (lws_write(wsi, s.out + LWS_PRE, s.out_len,
				      LWS_WRITE_BINARY) < (int)s.out_len)
				return -1;
			free(s.out);
			s.out = NULL;
		}
		if (o.send || o.subscribe)
			lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (!s.done && !s.close)
			s.dropped = true; /* not our end, nor a close frame */
		s.done = true;
		s.wsi = NULL;
		lws_cancel_service(s.ctx);
		break;
	default:
		break;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: wsprobe --url ws[s]://HOST:PORT/ws [--token T] "
		"[--cookie T] [--origin O]\n"
		"  [--protocol P] [--subscribe ROOM] [--publish ROOM] "
		"[--send JSON] [--cacert F]\n"
		"  [--frames N] [--fps N] [--gop N] [--size BYTES] "
		"[--slow-ms MS] [--rcvbuf BYTES] [--count N] [--seconds S]\n"
		"  [--trace FILE] [--pattern TEXT] [--stall 1]\n"
		"--stall 1: stop reading after the first media message, "
		"until SIGUSR1.\nSIGTERM ends it as --seconds does.\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct lws_protocols prots[] = {
		{ "probe", callback, 0, 65536, 0, NULL, 0 },
		{ NULL, NULL, 0, 0, 0, NULL, 0 },
	};
	struct lws_context_creation_info info;
	struct lws_client_connect_info ci;
	const char *proto, *addr, *path;
	char url[512], host[300];
	json_t *out;
	int port;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--url"))
			o.url = v;
		else if (!strcmp(a, "--token"))
			o.token = v;
		else if (!strcmp(a, "--cookie"))
			o.cookie = v;
		else if (!strcmp(a, "--origin"))
			o.origin = v;
		else if (!strcmp(a, "--protocol"))
			o.protocol = v;
		else if (!strcmp(a, "--subscribe"))
			o.subscribe = v;
		else if (!strcmp(a, "--publish"))
			o.publish = v;
		else if (!strcmp(a, "--send"))
			o.send = v;
		else if (!strcmp(a, "--cacert"))
			o.cacert = v;
		else if (!strcmp(a, "--frames"))
			o.frames = atoi(v);
		else if (!strcmp(a, "--fps"))
			o.fps = atoi(v);
		else if (!strcmp(a, "--gop"))
			o.gop = atoi(v);
		else if (!strcmp(a, "--size"))
			o.size = atoi(v);
		else if (!strcmp(a, "--slow-ms"))
			o.slow_ms = atoi(v);
		else if (!strcmp(a, "--rcvbuf"))
			o.rcvbuf = atoi(v);
		else if (!strcmp(a, "--count"))
			o.count = atoi(v);
		else if (!strcmp(a, "--seconds"))
			o.seconds = atof(v);
		else if (!strcmp(a, "--trace"))
			o.trace = v;
		else if (!strcmp(a, "--pattern"))
			o.pattern = v;
		else if (!strcmp(a, "--stall"))
			o.stall = atoi(v);
		else
			usage();
	}
	if (!o.url || o.fps < 1 || o.gop < 1)
		usage();
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, on_signal);
	signal(SIGTERM, on_signal);
	lws_set_log_level(0, NULL);
	s.states = json_array();
	s.errors = json_array();
	s.first_us = -1;
	if (o.trace && !(s.trace = fopen(o.trace, "a"))) {
		perror(o.trace);
		return 2;
	}
	snprintf(url, sizeof(url), "%s", o.url);
	if (lws_parse_uri(url, &proto, &addr, &port, &path))
		usage();

	memset(&info, 0, sizeof(info));
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = prots;
	info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.client_ssl_ca_filepath = o.cacert;
	s.ctx = lws_create_context(&info);
	if (!s.ctx)
		return 1;

	memset(&ci, 0, sizeof(ci));
	ci.context = s.ctx;
	ci.address = addr;
	ci.port = port;
	ci.path = path[0] == '/' ? path : "/ws";
	/* Host as a browser sends it, with the port: the relay derives its
	 * own origin from it. */
	snprintf(host, sizeof(host), "%s:%d", addr, port);
	ci.host = host;
	ci.protocol = *o.protocol ? o.protocol : NULL;
	ci.local_protocol_name = "probe";
	ci.ssl_connection = strcmp(proto, "wss") == 0 ? LCCSCF_USE_SSL : 0;
	s.start_us = clock_mono_us();
	if (!lws_client_connect_via_info(&ci)) {
		snprintf(s.error, sizeof(s.error), "connect failed");
		s.done = true;
	}
	lws_sul_schedule(s.ctx, 0, &s.sul_end, end_tick,
			 (lws_usec_t)(o.seconds * 1e6));
	while (!s.done || s.wsi) {
		if (lws_service(s.ctx, 0) < 0)
			break;
		/* poll() was interrupted by a signal: back here. */
		if (g_unstall && o.stall) {
			o.stall = 0;
			resume_tick(NULL);
		}
		if (g_term && !s.done)
			end_tick(NULL);
	}
	lws_context_destroy(s.ctx);

	out = json_pack(
		"{s:b,s:s,s:s,s:o,s:o,s:i,s:i,s:I,s:i,s:b,s:[i,i,i],"
		"s:I,s:i,s:i,s:i,s:i}",
		"connected", s.connected, "error", s.error, "hello_role",
		s.hello_role, "states", s.states, "errors", s.errors, "close",
		s.close, "binary", s.binary, "binary_bytes",
		(json_int_t)s.binary_bytes, "keyframes", s.keyframes,
		"first_is_key", s.first_is_key, "layers", s.layers[0],
		s.layers[1], s.layers[2], "first_ms",
		(json_int_t)(s.first_us < 0 ? -1
					    : (s.first_us - s.start_us) / 1000),
		"keyframe_requests", s.key_requests, "viewers", s.viewers,
		"viewers_max", s.viewers_max, "sent", (int)s.seq);
	json_object_set_new(out, "last_state",
			    s.last_state ? s.last_state : json_null());
	json_object_set_new(out, "binary_after_state",
			    json_integer(s.binary_after_state));
	json_object_set_new(out, "camera_after_state",
			    json_integer(s.camera_after_state));
	json_object_set_new(out, "slates", json_integer(s.slates));
	json_object_set_new(out, "torn", json_integer(s.torn));
	json_object_set_new(out, "out_of_order", json_integer(s.out_of_order));
	json_object_set_new(out, "dropped", json_boolean(s.dropped));
	if (s.trace)
		fclose(s.trace);
	json_dumpf(out, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	printf("\n");
	json_decref(out);
	free(s.out);
	return 0;
}
