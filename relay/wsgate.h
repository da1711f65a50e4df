/* The RFC 6455 checks lws 4.1.6 leaves to its user, wired to lws: the
 * opening handshake (before the upgrade, in HTTP_CONFIRM_UPGRADE) and the
 * peer's close frame (WS_PEER_INITIATED_CLOSE). The rules themselves are
 * in wsspec.c.
 *
 * What lws 4.1.6 lets through by itself, and so what these refuse: any
 * Sec-WebSocket-Version, or none (it answers as 13); any key, even one
 * that is not base64 of 16 bytes (a missing key makes it drop the socket
 * without an answer); an upgrade over HTTP/1.0 or with POST or another
 * method; a close frame of one byte (echoed back as is) and codes of
 * 5000 and above. Codes lws knows to be invalid it already answers with
 * 1002. It also accepts unmasked frames from a client and tells its user
 * nothing of the mask: the relay cannot refuse those on lws 4.1.6.
 */
#ifndef LUCARNE_RELAY_WSGATE_H
#define LUCARNE_RELAY_WSGATE_H

#include <libwebsockets.h>
#include <stddef.h>

/* Check the handshake of upgrade request @wsi. Returns 0 when it may go
 * on, 1 when refused with an HTTP answer (400, or 426 and
 * "Sec-WebSocket-Version: 13") already written, -1 when even that could
 * not be written (hang up). */
int wsgate_check_upgrade(struct lws *wsi);

/* The peer of @wsi sent a close frame with @len bytes of payload @in.
 * Returns 0 when it is valid (lws answers it), or -1 after setting close
 * code 1002 on @wsi: return that from the callback, and lws closes with
 * it. */
int wsgate_check_close(struct lws *wsi, const void *in, size_t len);

#endif
