/* RFC 6455 rules the relay checks on top of lws (see wsspec.h). */
#include "relay/wsspec.h"

#include <string.h>

static bool is_b64(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		(ch >= '0' && ch <= '9') || ch == '+' || ch == '/';
}

bool wsspec_key_valid(const char *key)
{
	/* 16 bytes are 5 groups of 3 (20 characters) and one byte left:
	 * two characters and "==". */
	if (!key || strlen(key) != 24 || key[22] != '=' || key[23] != '=')
		return false;
	for (int i = 0; i < 22; i++)
		if (!is_b64(key[i]))
			return false;
	return true;
}

/* "HTTP/1.1" or a later 1.x: the handshake needs HTTP/1.1 (4.1). */
static bool http11(const char *v)
{
	if (!v || strncmp(v, "HTTP/1.", 7) != 0 || !v[7])
		return false;
	for (const char *p = v + 7; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return strcmp(v + 7, "0") != 0;
}

unsigned wsspec_check_upgrade(const struct wsspec_upgrade *u, const char **why)
{
	*why = "";
	if (!u->method || strcmp(u->method, "GET") != 0) {
		*why = "a WebSocket upgrade is a GET";
		return 400;
	}
	if (!http11(u->http_version)) {
		*why = "a WebSocket upgrade needs HTTP/1.1";
		return 400;
	}
	if (!u->version || !*u->version) {
		*why = "Sec-WebSocket-Version missing";
		return 400;
	}
	if (strcmp(u->version, WSSPEC_VERSION) != 0) {
		*why = "unsupported Sec-WebSocket-Version (13 only)";
		return 426;
	}
	if (!wsspec_key_valid(u->key)) {
		*why = "Sec-WebSocket-Key missing or not 16 bytes in base64";
		return 400;
	}
	return 0;
}

bool wsspec_close_code_valid(unsigned code)
{
	if (code >= 1000 && code <= 1003)
		return true;
	if (code >= 1007 && code <= 1014)
		return true;
	return code >= 3000 && code <= 4999;
}

bool wsspec_close_payload_valid(const unsigned char *payload, size_t len)
{
	if (len == 0)
		return true;
	if (len == 1 || !payload)
		return false;
	return wsspec_close_code_valid((unsigned)payload[0] << 8 | payload[1]);
}
