/* POST /api/login and POST /api/logout (docs/api.md, "Login").
 *
 * Passwords are checked on the pwpool thread so that a login never
 * stalls the media loop. The rate limit (ratelimit.c) counts an attempt
 * when it starts, not when its check ends, so that concurrent attempts
 * cannot buy more guesses than RELAY_LOGIN_FAILS a minute; a success
 * gives its attempt back. Attempts are counted per account name as
 * typed (whether it exists or not: a 429 tells nothing) and per client
 * address, except those from a browser with a valid known device cookie
 * for the account (knowndev.h), which count against that device alone:
 * a stranger who used up the account's allowance does not lock its
 * owner out.
 *
 * Login needs a JSON body (415 otherwise) and, when the browser sends an
 * Origin, the relay's own or an --allow-origin one (403 otherwise: no
 * login CSRF).
 */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/auth.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "relay/api/knowndev.h"
#include "relay/hdr.h"
#include "relay/pwpool.h"
#include "relay/ratelimit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void login_finish(struct relay *r, struct http_req *q, struct pwjob *j)
{
	char tok[AUTH_TOKEN_LEN + 1], hash[AUTH_TOKEN_HASH_LEN + 1],
		cookie[160], dev[KNOWNDEV_VALUE_MAX], devcookie[256];
	int64_t now = (int64_t)time(NULL), expires = now + RELAY_SESSION_S;
	const char *extra[] = { "set-cookie:", cookie, "set-cookie:", devcookie,
				NULL };
	bool known = j->user.id != 0;
	json_t *v;

	if (j->result != 0 || !known) {
		/* Counted when it started (api_login). */
		relay_metrics(r)->logins_refused++;
		store_audit_add(relay_store(r), "login_failed",
				j->user.name[0] ? j->user.name : NULL, NULL,
				q->addr, NULL);
		log_info("login refused for %s from %s",
			 j->user.name[0] ? j->user.name : "?", q->addr);
		/* The same answer whether the account exists or not. */
		if (http_respond_error(q, 401, LC_EAUTH,
				       "wrong user name or password", NULL) < 0)
			lws_set_timeout(q->wsi, PENDING_TIMEOUT_USER_OK,
					LWS_TO_KILL_ASYNC);
		return;
	}
	if (j->rehashed &&
	    store_user_set_password(relay_store(r), j->user.id, j->newhash,
				    false) < 0)
		log_warn("could not store the rehashed password");
	auth_token_new(AUTH_TOKEN_SESSION, tok);
	auth_token_hash(tok, hash);
	if (store_session_add(relay_store(r), hash, j->user.id, expires, NULL) <
	    0) {
		http_respond_error(q, 500, LC_EDB, NULL, NULL);
		return;
	}
	/* The account's (or the device's) slate is clean again; the
	 * address gives back the attempt it was charged. */
	ratelimit_reset(relay_ratelimit(r), q->rl_key);
	if (q->rl_addr[0])
		ratelimit_forgive(relay_ratelimit(r), q->rl_addr);
	relay_metrics(r)->logins_ok++;
	store_audit_add(relay_store(r), "login", j->user.name, NULL, q->addr,
			NULL);
	log_info("login %s from %s", j->user.name, q->addr);
	snprintf(cookie, sizeof(cookie),
		 IDENT_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; "
			      "SameSite=Strict%s",
		 tok, RELAY_SESSION_S, relay_tls(r) ? "; Secure" : "");
	/* A fresh device cookie at each login: this browser is known to
	 * the account from now on (only the login page sees it). */
	knowndev_issue(relay_knowndev(r), j->user.name, dev);
	snprintf(devcookie, sizeof(devcookie),
		 KNOWNDEV_COOKIE "=%s; Path=/api/login; Max-Age=%d; "
				 "HttpOnly; SameSite=Strict%s",
		 dev, KNOWNDEV_MAX_AGE_S, relay_tls(r) ? "; Secure" : "");
	v = json_pack("{s:s,s:s,s:I}", "user", j->user.name, "role",
		      store_role_name(j->user.role), "expires",
		      (json_int_t)expires);
	if (q->want_token)
		json_object_set_new(v, "token", json_string(tok));
	if (http_respond_json(q, 200, v, extra) < 0)
		lws_set_timeout(q->wsi, PENDING_TIMEOUT_USER_OK,
				LWS_TO_KILL_ASYNC);
}

/* Whether the request says its body is JSON ("application/json", any
 * parameters after it). */
static bool body_is_json(struct lws *wsi)
{
	char *ct = hdr_dup(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE);
	bool ok = ct && strncasecmp(ct, "application/json", 16) == 0 &&
		(ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');

	free(ct);
	return ok;
}

/* Milliseconds until @key may try again (0: now). */
static int64_t wait_of(struct relay *r, const char *key, int64_t now_ms)
{
	return key[0] ? ratelimit_check(relay_ratelimit(r), key, now_ms) : 0;
}

int api_login(struct relay *r, struct http_req *q, const char *name,
	      const char *arg)
{
	struct ident_origins o = http_origins(r);
	const char *user = NULL, *pw = NULL;
	char retry[24], dev[KNOWNDEV_VALUE_MAX], id[KNOWNDEV_ID_MAX];
	const char *extra[] = { "retry-after:", retry, NULL };
	int64_t wait, w2, now_ms = clock_mono_ms();
	int bearer = 0;
	struct pwjob *j;
	json_error_t jerr;
	json_t *v;
	bool sent;

	(void)name;
	(void)arg;
	if (!body_is_json(q->wsi))
		return http_respond_error(
			q, 415, LC_EINVAL,
			"send the login as JSON (Content-Type: "
			"application/json)",
			NULL);
	if (!ident_request_origin_ok(q->wsi, &o, &sent) && sent)
		return http_respond_error(q, 403, LC_EPERM,
					  "origin not allowed", NULL);
	v = json_loadb((const char *)q->body, q->body_len,
		       JSON_REJECT_DUPLICATES, &jerr);
	if (!v ||
	    json_unpack(v, "{s:s,s:s,s?b}", "user", &user, "password", &pw,
			"bearer", &bearer) < 0) {
		json_decref(v);
		return http_respond_error(
			q, 400, LC_EINVAL,
			"expected {\"user\": ..., \"password\": "
			"...}",
			NULL);
	}
	j = pwjob_new();
	/* Limit on the name as typed, whether or not it exists, so a 429
	 * tells nothing about accounts; a known device on its own. */
	snprintf(j->user.name, sizeof(j->user.name), "%s",
		 proto_name_valid(user) ? user : "");
	if (ident_cookie(q->wsi, KNOWNDEV_COOKIE, dev, sizeof(dev)) &&
	    knowndev_check(relay_knowndev(r), j->user.name, dev, id)) {
		snprintf(q->rl_key, sizeof(q->rl_key), "d:%s", id);
		q->rl_addr[0] = '\0';
	} else {
		snprintf(q->rl_key, sizeof(q->rl_key), "u:%s", j->user.name);
		snprintf(q->rl_addr, sizeof(q->rl_addr), "a:%s", q->addr);
	}
	wait = wait_of(r, q->rl_key, now_ms);
	w2 = wait_of(r, q->rl_addr, now_ms);
	if (w2 > wait)
		wait = w2;
	if (wait > 0) {
		json_decref(v);
		pwjob_free(j);
		relay_metrics(r)->logins_rate_limited++;
		snprintf(retry, sizeof(retry), "%lld",
			 (long long)((wait + 999) / 1000));
		return http_respond_error(
			q, 429, LC_ERATE,
			"too many failed logins, wait a moment", extra);
	}
	if (j->user.name[0] &&
	    store_user_get(relay_store(r), j->user.name, &j->user) == 0)
		snprintf(j->hash, sizeof(j->hash), "%s", j->user.pwhash);
	else
		j->user.id = 0; /* unknown: the dummy hash takes its place */
	snprintf(j->password, sizeof(j->password), "%s", pw);
	json_decref(v);
	j->owner = q;
	q->want_token = bearer;
	if (pwpool_submit(relay_pwpool(r), j) < 0) {
		pwjob_free(j);
		snprintf(retry, sizeof(retry), "1");
		return http_respond_error(q, 503, LC_EAGAIN, NULL, extra);
	}
	/* Counted now: the attempts still being checked take their place
	 * in the limit, so that concurrency cannot buy extra guesses. */
	ratelimit_fail(relay_ratelimit(r), q->rl_key, now_ms);
	if (q->rl_addr[0])
		ratelimit_fail(relay_ratelimit(r), q->rl_addr, now_ms);
	q->job = j;
	return 0; /* answered when the password thread is done */
}

void login_collect(struct relay *r)
{
	struct pwjob *j;

	while (relay_pwpool(r) && (j = pwpool_take(relay_pwpool(r)))) {
		struct http_req *q = j->owner;

		if (q) {
			q->job = NULL;
			login_finish(r, q, j);
		}
		pwjob_free(j);
	}
}

int api_logout(struct relay *r, struct http_req *q, const char *name,
	       const char *arg)
{
	static const char *const extra[] = {
		"set-cookie:",
		IDENT_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
		NULL
	};
	struct ident who;
	int rc;

	(void)name;
	(void)arg;
	if ((rc = http_need_user(r, q, &who, true)))
		return rc < 0 ? -1 : 0;
	store_session_remove(relay_store(r), who.token_hash);
	ws_hub_revoke_session(relay_ws_hub(r), who.session_id);
	store_audit_add(relay_store(r), "logout", who.name, NULL, q->addr,
			NULL);
	log_info("logout %s", who.name);
	return http_respond_json(q, 200, json_pack("{s:b}", "ok", 1), extra);
}
