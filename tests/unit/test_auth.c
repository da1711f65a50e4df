/* Password hashing, rehash detection and tokens. */
#include "common/auth.h"
#include "common/err.h"
#include "tests/tap.h"

#include <sodium.h>
#include <string.h>

int main(void)
{
	char h1[128], h2[128], tok[AUTH_TOKEN_LEN + 1],
		tok2[AUTH_TOKEN_LEN + 1];
	char th[AUTH_TOKEN_HASH_LEN + 1], th2[AUTH_TOKEN_HASH_LEN + 1];

	ok(auth_init() == 0, "init");
	/* Cheap costs keep the test fast; the algorithm is the same. */
	auth_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	ok(auth_password_hash("correct horse", h1, sizeof(h1)) == 0, "hash");
	ok(strncmp(h1, "$argon2id$", 10) == 0, "argon2id hash");
	ok(auth_password_verify(h1, "correct horse") == 0, "right password");
	is_int(auth_password_verify(h1, "wrong horse"), LC_EAUTH,
	       "wrong password");
	is_int(auth_password_verify(NULL, "anything"), LC_EAUTH,
	       "unknown account (dummy hash) fails");
	ok(auth_password_hash("correct horse", h2, sizeof(h2)) == 0 &&
		   strcmp(h1, h2) != 0,
	   "salted: two hashes differ");
	ok(!auth_password_needs_rehash(h1), "no rehash at the same cost");
	auth_set_cost(crypto_pwhash_OPSLIMIT_MIN + 1,
		      crypto_pwhash_MEMLIMIT_MIN);
	ok(auth_password_needs_rehash(h1), "rehash when the cost changed");
	ok(auth_password_verify(h1, "correct horse") == 0,
	   "old hashes still verify");

	is_int(auth_password_check("short"), LC_EINVAL, "short refused");
	is_int(auth_password_check(""), LC_EINVAL, "empty refused");
	is_int(auth_password_check("long enough\x01"), LC_EINVAL,
	       "control characters refused");
	is_int(auth_password_check("long enough"), 0, "8+ characters ok");

	auth_token_new(AUTH_TOKEN_SESSION, tok);
	auth_token_new(AUTH_TOKEN_SESSION, tok2);
	is_int((long long)strlen(tok), 47, "token is 47 characters");
	ok(strncmp(tok, "lcs_", 4) == 0, "session prefix");
	ok(strcmp(tok, tok2) != 0, "tokens are random");
	is_int(auth_token_kind(tok), AUTH_TOKEN_SESSION, "kind session");
	auth_token_new(AUTH_TOKEN_DEVICE, tok2);
	is_int(auth_token_kind(tok2), AUTH_TOKEN_DEVICE, "kind device");
	is_int(auth_token_kind("lcs_short"), AUTH_TOKEN_BAD, "short token bad");
	tok2[10] = '!';
	is_int(auth_token_kind(tok2), AUTH_TOKEN_BAD, "bad character");
	is_int(auth_token_kind(NULL), AUTH_TOKEN_BAD, "NULL bad");
	auth_token_hash(tok, th);
	auth_token_hash(tok, th2);
	ok(strlen(th) == 64 && strcmp(th, th2) == 0, "hash is stable hex");
	ok(strstr(th, tok + 4) == NULL, "hash does not contain the token");
	return done();
}
