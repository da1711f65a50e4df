/* The "lucarne.v1" WebSocket protocol (ws.c): the sessions, what they
 * send and receive, and the hub that lists them. A viewer or publisher
 * session joins a room (room.h) and hands it a sink; the room never calls
 * into this file by name.
 */
#ifndef LUCARNE_RELAY_WS_H
#define LUCARNE_RELAY_WS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "relay/relay.h"

struct lws;
struct lws_vhost;
struct lws_protocols;
struct conn;
struct ws_hub;

/* The protocol, for the vhost's table. */
extern const struct lws_protocols ws_protocol;

struct ws_hub_config {
	struct rooms *rooms; /* where sessions subscribe and publish */
	struct store *store; /* rights, consent, audit */
	struct metrics *met; /* refusal counters */
	struct acctcap *vcap; /* viewer sockets per account */
	int ping_s; /* > 0: see ws_confirm_alive in ws.c */
};

/* The sessions of the WebSocket protocol on @vh; everything in @cfg must
 * outlive it. NULL if @vh does not serve ws_protocol. */
struct ws_hub *ws_hub_new(struct lws_vhost *vh,
			  const struct ws_hub_config *cfg);
/* Free it, after the lws context (whose sockets it lists) is destroyed.
 * NULL is accepted. */
void ws_hub_free(struct ws_hub *h);
/* Open sessions. */
size_t ws_hub_count(const struct ws_hub *h);
/* Close every session of session row @session_id (logout) with 4401. */
void ws_hub_revoke_session(struct ws_hub *h, int64_t session_id);
/* Re-check sessions now: every right of each one when @changed (the
 * database changed, or a consent was withdrawn), else only the expiry of
 * account sessions; only the sessions of account @user_id if nonzero. */
void ws_hub_recheck(struct ws_hub *h, int64_t user_id, bool changed);
/* Close every session with @code after what is queued (shutdown). */
void ws_hub_close_all(struct ws_hub *h, int code);

#endif
