/* Reconnection backoff (0.25 s doubling to 8 s, +-25 % jitter) and relay
 * URL parsing, both in common/wsc.c. */
#include "common/err.h"
#include "common/wsc.h"
#include "tests/tap.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct wsc_url u;
	bool bounded = true, spread = false;
	int64_t lo, hi;

	plan(12);
	ok(wsc_backoff_us(0, 0) == 187500, "first retry, low jitter: 0.1875 s");
	ok(wsc_backoff_us(0, UINT32_MAX) >= 312400 &&
		   wsc_backoff_us(0, UINT32_MAX) <= 312500,
	   "first retry, high jitter: 0.3125 s");
	ok(wsc_backoff_us(1, 1u << 31) == 500000, "second retry, mid: 0.5 s");
	ok(wsc_backoff_us(5, 1u << 31) == 8000000, "sixth retry: 8 s");
	ok(wsc_backoff_us(40, 1u << 31) == 8000000, "capped at 8 s forever");
	for (unsigned a = 0; a < 20; a++) {
		int64_t base = a >= 5 ? 8000000 : 250000LL << a;

		lo = hi = wsc_backoff_us(a, 0);
		for (int i = 0; i < 2000; i++) {
			int64_t d = wsc_backoff_us(
				a, (uint32_t)random() * 2u + (uint32_t)(i & 1));

			bounded &= d >= base * 3 / 4 && d <= base * 5 / 4;
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
		spread |= hi - lo > base / 3;
	}
	ok(bounded, "every delay within +-25 %% of its base");
	ok(spread, "jitter spreads the delays");

	ok(wsc_url_parse("ws://127.0.0.1:8080", &u) == 0 && !u.tls &&
		   strcmp(u.host, "127.0.0.1") == 0 && u.port == 8080 &&
		   strcmp(u.path, "/ws") == 0,
	   "ws URL, default path /ws");
	ok(wsc_url_parse("wss://relay.example/ws", &u) == 0 && u.tls &&
		   u.port == 443 && strcmp(u.host, "relay.example") == 0,
	   "wss URL, default port");
	ok(wsc_url_parse("ws://[::1]:9000/x", &u) == 0 &&
		   strcmp(u.host, "::1") == 0 && u.port == 9000 &&
		   strcmp(u.path, "/x") == 0,
	   "IPv6 literal");
	ok(wsc_url_parse("http://h:1", &u) == 0 && !u.tls,
	   "http:// means ws://");
	ok(wsc_url_parse("ftp://h", &u) == LC_EINVAL &&
		   wsc_url_parse("ws://h:0", &u) == LC_EINVAL &&
		   wsc_url_parse("ws://:80", &u) == LC_EINVAL &&
		   wsc_url_parse("ws://h:80x/", &u) == LC_EINVAL,
	   "bad URLs refused");
	return done();
}
