/* RFC 6455 rules the relay adds to lws: the opening handshake and the
 * close codes a peer may send. */
#include "relay/wsspec.h"
#include "tests/tap.h"

#include <string.h>

static unsigned check(const char *method, const char *http, const char *key,
		      const char *version)
{
	struct wsspec_upgrade u = { method, http, key, version };
	const char *why = NULL;
	unsigned st = wsspec_check_upgrade(&u, &why);

	ok(why != NULL && (st == 0) == (why[0] == '\0'),
	   "a reason with every refusal (%u)", st);
	return st;
}

int main(void)
{
	static const char good[] = "dGhlIHNhbXBsZSBub25jZQ==";
	const unsigned char c1000[] = { 0x03, 0xe8 }, c1005[] = { 0x03, 0xed },
			    c4429[] = { 0x11, 0x4d, 'x' }, one[] = { 0x03 };

	is_int(check("GET", "HTTP/1.1", good, "13"), 0,
	       "the RFC's sample request passes");
	is_int(check("POST", "HTTP/1.1", good, "13"), 400, "POST: 400");
	is_int(check(NULL, "HTTP/1.1", good, "13"), 400, "no method: 400");
	is_int(check("GET", "HTTP/1.0", good, "13"), 400, "HTTP/1.0: 400");
	is_int(check("GET", "HTTP/1.2", good, "13"), 0, "HTTP/1.2 passes");
	is_int(check("GET", "HTTP/1.", good, "13"), 400, "HTTP/1.: 400");
	is_int(check("GET", NULL, good, "13"), 400, "no HTTP version: 400");
	is_int(check("GET", "HTTP/1.1", good, NULL), 400, "no version: 400");
	is_int(check("GET", "HTTP/1.1", good, ""), 400, "empty version: 400");
	is_int(check("GET", "HTTP/1.1", good, "8"), 426, "version 8: 426");
	is_int(check("GET", "HTTP/1.1", good, "13, 8"), 426,
	       "a list of versions: 426");
	is_int(check("GET", "HTTP/1.1", NULL, "13"), 400, "no key: 400");
	is_int(check("GET", "HTTP/1.1", "abc", "13"), 400, "short key: 400");
	is_int(check("GET", "HTTP/1.1", "dGhlIHNhbXBsZSBub25jZQ", "13"), 400,
	       "key without its padding: 400");

	ok(wsspec_key_valid("AAAAAAAAAAAAAAAAAAAAAA=="), "16 zero bytes");
	ok(wsspec_key_valid("+/+/+/+/+/+/+/+/+/+/+/=="), "+ and / are base64");
	ok(!wsspec_key_valid("AAAAAAAAAAAAAAAAAAAAAAA="),
	   "17 bytes' worth: refused");
	ok(!wsspec_key_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
	   "24 bytes in base64: refused");
	ok(!wsspec_key_valid("AAAAAAAAAAAAAAAAAAAA-_=="),
	   "base64url characters: refused");
	ok(!wsspec_key_valid("AAAAAAAAAAAAAAAAAAAA AA=="), "a space: refused");
	ok(!wsspec_key_valid(""), "empty: refused");

	ok(wsspec_close_code_valid(1000), "1000 valid");
	ok(wsspec_close_code_valid(1001), "1001 valid");
	ok(wsspec_close_code_valid(1003), "1003 valid");
	ok(wsspec_close_code_valid(1007), "1007 valid");
	ok(wsspec_close_code_valid(1011), "1011 valid");
	ok(wsspec_close_code_valid(1014), "1014 valid (IANA)");
	ok(wsspec_close_code_valid(3000), "3000 valid");
	ok(wsspec_close_code_valid(4999), "4999 valid");
	ok(!wsspec_close_code_valid(0), "0 invalid");
	ok(!wsspec_close_code_valid(999), "999 invalid");
	ok(!wsspec_close_code_valid(1004), "1004 invalid (reserved)");
	ok(!wsspec_close_code_valid(1005), "1005 invalid (never sent)");
	ok(!wsspec_close_code_valid(1006), "1006 invalid (never sent)");
	ok(!wsspec_close_code_valid(1015), "1015 invalid (never sent)");
	ok(!wsspec_close_code_valid(1016), "1016 invalid (undefined)");
	ok(!wsspec_close_code_valid(2999), "2999 invalid (undefined)");
	ok(!wsspec_close_code_valid(5000), "5000 invalid");
	ok(!wsspec_close_code_valid(65535), "65535 invalid");

	ok(wsspec_close_payload_valid(NULL, 0), "an empty close is valid");
	ok(wsspec_close_payload_valid(c1000, 2), "1000 alone is valid");
	ok(wsspec_close_payload_valid(c4429, 3), "4429 and a reason: valid");
	ok(!wsspec_close_payload_valid(one, 1), "one byte: invalid");
	ok(!wsspec_close_payload_valid(c1005, 2), "1005 in a close: invalid");
	return done();
}
