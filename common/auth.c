/* Password and token secrets with libsodium. */
#define LOG_TAG "auth"
#include "common/auth.h"
#include "common/err.h"
#include "common/log.h"

#include <sodium.h>
#include <string.h>

static unsigned long long cost_ops;
static size_t cost_mem;
static char dummy_hash[crypto_pwhash_STRBYTES];

static unsigned long long ops_now(void)
{
	return cost_ops ? cost_ops : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t mem_now(void)
{
	return cost_mem ? cost_mem : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int auth_init(void)
{
	if (sodium_init() < 0) {
		log_error("libsodium failed to initialise");
		return LC_EIO;
	}
	if (!dummy_hash[0]) {
		char pw[32];

		/* A hash of a random password nobody knows: verifying an
		 * unknown account against it costs what a real check costs,
		 * so timing does not tell which accounts exist. */
		randombytes_buf(pw, sizeof(pw));
		if (crypto_pwhash_str(dummy_hash, pw, sizeof(pw), ops_now(),
				      mem_now()) != 0)
			return LC_EIO;
	}
	return 0;
}

void auth_set_cost(unsigned long long ops, size_t mem)
{
	cost_ops = ops;
	cost_mem = mem;
	dummy_hash[0] = '\0';
	auth_init();
}

int auth_password_hash(const char *pw, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return LC_EINVAL;
	if (crypto_pwhash_str(out, pw, strlen(pw), ops_now(), mem_now()) != 0)
		return LC_EIO;
	return 0;
}

int auth_password_verify(const char *hash, const char *pw)
{
	if (!hash || !hash[0]) {
		/* Same work, same answer: the result does not matter. */
		if (crypto_pwhash_str_verify(dummy_hash, pw, strlen(pw)) == 0)
			return LC_EAUTH;
		return LC_EAUTH;
	}
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 ? 0
								   : LC_EAUTH;
}

bool auth_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, ops_now(), mem_now()) != 0;
}

int auth_password_check(const char *pw)
{
	size_t n = strlen(pw);

	if (n < AUTH_PW_MIN || n > AUTH_PW_MAX)
		return LC_EINVAL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return LC_EINVAL;
	return 0;
}

void auth_token_new(enum auth_token_kind kind, char *out)
{
	unsigned char raw[32];

	memcpy(out,
	       kind == AUTH_TOKEN_DEVICE ? AUTH_DEVICE_PREFIX
					 : AUTH_SESSION_PREFIX,
	       4);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out + 4, AUTH_TOKEN_LEN + 1 - 4, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

enum auth_token_kind auth_token_kind(const char *token)
{
	enum auth_token_kind k;

	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return AUTH_TOKEN_BAD;
	if (memcmp(token, AUTH_SESSION_PREFIX, 4) == 0)
		k = AUTH_TOKEN_SESSION;
	else if (memcmp(token, AUTH_DEVICE_PREFIX, 4) == 0)
		k = AUTH_TOKEN_DEVICE;
	else
		return AUTH_TOKEN_BAD;
	for (const char *p = token + 4; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return AUTH_TOKEN_BAD;
	return k;
}

void auth_token_hash(const char *token, char *out)
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_TOKEN_HASH_LEN + 1, h, sizeof(h));
}
