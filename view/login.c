#define LOG_TAG "login"
#include "view/login.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/wsc.h"

#include <jansson.h>
#include <libwebsockets.h>
#include <string.h>

struct login {
	char *body;
	size_t body_len;
	bool sent, done;
	int status;
	char cookie[256];
	char reply[1024]; /* start of the response body */
	size_t reply_len;
	char err[256];
};

/* Pick "lucarne_session=VALUE" out of a Set-Cookie value. */
static void take_cookie(struct login *l, const char *hdr)
{
	const char *p = strstr(hdr, "lucarne_session=");
	size_t n;

	if (!p)
		return;
	p += strlen("lucarne_session=");
	n = strcspn(p, "; \t\r\n");
	if (n && n < sizeof(l->cookie)) {
		memcpy(l->cookie, p, n);
		l->cookie[n] = '\0';
	}
}

static int login_cb(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	struct login *l = user;
	char buf[LWS_PRE + 2048];

	switch (reason) {
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
		unsigned char **p = in, *end = *p + len;
		char n[32];

		snprintf(n, sizeof(n), "%zu", l->body_len);
		if (lws_add_http_header_by_token(
			    wsi, WSI_TOKEN_HTTP_CONTENT_TYPE,
			    (const unsigned char *)"application/json", 16, p,
			    end) ||
		    lws_add_http_header_by_token(
			    wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH,
			    (unsigned char *)n, (int)strlen(n), p, end))
			return -1;
		lws_client_http_body_pending(wsi, 1);
		lws_callback_on_writable(wsi);
		break;
	}
	case LWS_CALLBACK_CLIENT_HTTP_WRITEABLE:
		if (l->sent)
			break;
		l->sent = true;
		memcpy(buf + LWS_PRE, l->body, l->body_len);
		if (lws_write(wsi, (unsigned char *)buf + LWS_PRE, l->body_len,
			      LWS_WRITE_HTTP_FINAL) != (int)l->body_len)
			return -1;
		lws_client_http_body_pending(wsi, 0);
		break;
	case LWS_CALLBACK_ESTABLISHED_CLIENT_HTTP:
		l->status = (int)lws_http_client_http_response(wsi);
		if (lws_hdr_copy(wsi, buf, sizeof(buf),
				 WSI_TOKEN_HTTP_SET_COOKIE) > 0)
			take_cookie(l, buf);
		break;
	case LWS_CALLBACK_RECEIVE_CLIENT_HTTP_READ: {
		size_t room = sizeof(l->reply) - 1 - l->reply_len;
		size_t n = len < room ? len : room;

		memcpy(l->reply + l->reply_len, in, n);
		l->reply_len += n;
		l->reply[l->reply_len] = '\0';
		break;
	}
	case LWS_CALLBACK_RECEIVE_CLIENT_HTTP: {
		char *px = buf + LWS_PRE;
		int lenx = (int)sizeof(buf) - LWS_PRE;

		if (lws_http_client_read(wsi, &px, &lenx) < 0)
			return -1;
		break;
	}
	case LWS_CALLBACK_COMPLETED_CLIENT_HTTP:
		l->done = true;
		return -1; /* one request: hang up */
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		snprintf(l->err, sizeof(l->err), "%s",
			 in ? (const char *)in : "connection failed");
		l->done = true;
		break;
	case LWS_CALLBACK_CLOSED_CLIENT_HTTP:
		l->done = true;
		break;
	default:
		break;
	}
	return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static const struct lws_protocols login_protocols[] = {
	{ "http", login_cb, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 },
};

/* A relay that answers with the token in the JSON body instead of (or as
 * well as) the cookie is fine too. */
static void take_body_token(struct login *l)
{
	json_t *j = json_loadb(l->reply, l->reply_len, 0, NULL);
	const char *t = json_string_value(json_object_get(j, "token"));

	if (t && strlen(t) < sizeof(l->cookie) && !l->cookie[0])
		snprintf(l->cookie, sizeof(l->cookie), "%s", t);
	json_decref(j);
}

int login_session(const char *relay_url, const char *ca_file, const char *user,
		  const char *password, int timeout_ms, char *token,
		  size_t toklen, char *err, size_t errlen)
{
	struct lws_context_creation_info info;
	struct lws_client_connect_info ci;
	struct lws_context *ctx = NULL;
	struct login l = { 0 };
	struct wsc_url u;
	json_t *body;
	int64_t deadline = clock_mono_ms() + timeout_ms;
	int rc = LC_EIO;

	if (wsc_url_parse(relay_url, &u) < 0) {
		snprintf(err, errlen, "bad relay address \"%s\"", relay_url);
		return LC_EINVAL;
	}
	body = json_pack("{ssss}", "user", user, "password", password);
	l.body = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	l.body_len = l.body ? strlen(l.body) : 0;
	if (!l.body || l.body_len > 1500) {
		snprintf(err, errlen, "user name or password too long");
		goto out;
	}
	wsc_route_lws_logs();
	memset(&info, 0, sizeof(info));
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = login_protocols;
	info.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.client_ssl_ca_filepath = ca_file;
	info.connect_timeout_secs = 5;
	ctx = lws_create_context(&info);
	if (!ctx) {
		snprintf(err, errlen, "cannot create an HTTP client");
		goto out;
	}
	memset(&ci, 0, sizeof(ci));
	ci.context = ctx;
	ci.address = u.host;
	ci.port = u.port;
	ci.path = "/api/login";
	ci.host = u.host;
	/* No Origin: that is a browser's header, and lws would write
	 * "http://" before it even over TLS, which the relay's login refuses
	 * as a foreign origin (docs/api.md). */
	ci.method = "POST";
	ci.protocol = login_protocols[0].name;
	ci.ssl_connection = u.tls ? LCCSCF_USE_SSL : 0;
	ci.userdata = &l;
	if (!lws_client_connect_via_info(&ci) && !l.done) {
		snprintf(err, errlen, "cannot connect to %s:%d", u.host,
			 u.port);
		goto out;
	}
	while (!l.done && clock_mono_ms() < deadline)
		lws_service(ctx, 0);
	take_body_token(&l);
	if (!l.done) {
		snprintf(err, errlen, "login at %s:%d timed out", u.host,
			 u.port);
	} else if (l.err[0] && !l.status) {
		snprintf(err, errlen, "cannot reach %s:%d: %s", u.host, u.port,
			 l.err);
	} else if (l.status == 401 || l.status == 403) {
		snprintf(err, errlen, "login refused for \"%s\" (HTTP %d)",
			 user, l.status);
		rc = LC_EAUTH;
	} else if (l.status == 429) {
		snprintf(err, errlen, "too many login attempts (HTTP 429)");
		rc = LC_ERATE;
	} else if (l.status != 200 || !l.cookie[0]) {
		snprintf(err, errlen, "login failed: HTTP %d%s", l.status,
			 l.cookie[0] ? "" : " without a session cookie");
	} else if (strlen(l.cookie) >= toklen) {
		snprintf(err, errlen, "session token too long");
	} else {
		strcpy(token, l.cookie);
		rc = 0;
	}
out:
	if (ctx)
		lws_context_destroy(ctx);
	free(l.body);
	return rc;
}
