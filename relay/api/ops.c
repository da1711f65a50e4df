/* The operator's endpoints (docs/api.md): GET /healthz for a load
 * balancer or systemd, GET /metrics for a Prometheus scraper on the box
 * or an admin's session. */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"

#include <stdlib.h>

int api_healthz(struct relay *r, struct http_req *q, const char *name,
		const char *arg)
{
	(void)r;
	(void)name;
	(void)arg;
	return http_respond(q, 200, "text/plain; charset=utf-8", "ok\n", 3,
			    NULL);
}

int api_metrics(struct relay *r, struct http_req *q, const char *name,
		const char *arg)
{
	struct ident who;
	bool by_cookie;
	struct metrics_src src;
	unsigned char *buf;
	size_t len;
	int rc;

	(void)name;
	(void)arg;
	/* Operators only: a local scraper, or an admin's session. */
	if (!ident_peer_is_loopback(q->addr) &&
	    !(ident_from_request(relay_store(r), q->wsi, &who, &by_cookie) ==
		      0 &&
	      who.kind == ID_USER && who.role == ROLE_ADMIN))
		return http_respond_error(q, 403, LC_EPERM,
					  "metrics are for loopback or admins",
					  NULL);
	relay_metrics_src(r, &src);
	buf = metrics_render(&src, &len);
	rc = http_respond(q, 200, "text/plain; version=0.0.4; charset=utf-8",
			  (const char *)buf + LWS_PRE, len, NULL);
	free(buf);
	return rc;
}
