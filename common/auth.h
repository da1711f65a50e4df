/* Secrets: password hashing (argon2id through libsodium) and random
 * tokens for sessions and devices.
 *
 * Tokens are 256-bit random values written as a 4-character prefix
 * ("lcs_" session, "lcd_" device) and 43 base64url characters. Only their
 * hash (BLAKE2b-256, hex) is stored: a stolen database does not give a
 * working token, and a 256-bit random secret needs no slow hash.
 */
#ifndef LUCARNE_AUTH_H
#define LUCARNE_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define AUTH_TOKEN_LEN 47 /* "lcs_" + 43 characters */
#define AUTH_TOKEN_HASH_LEN 64 /* hex of 32 bytes */
#define AUTH_PW_MIN 8 /* shortest password accepted */
#define AUTH_PW_MAX 256 /* longest password accepted */
#define AUTH_SESSION_PREFIX "lcs_"
#define AUTH_DEVICE_PREFIX "lcd_"

enum auth_token_kind {
	AUTH_TOKEN_BAD = 0,
	AUTH_TOKEN_SESSION,
	AUTH_TOKEN_DEVICE,
};

/* Initialise libsodium and the dummy hash used for unknown accounts.
 * Returns 0 or LC_EIO. Safe to call more than once. */
int auth_init(void);

/* Use cheaper argon2id costs (tests only): @ops and @mem as for
 * crypto_pwhash_str; 0, 0 restores the defaults (interactive limits). */
void auth_set_cost(unsigned long long ops, size_t mem);

/* Hash @pw into @out (crypto_pwhash_STRBYTES bytes, NUL-terminated).
 * Returns 0 or LC_EIO (out of memory in argon2). */
int auth_password_hash(const char *pw, char *out, size_t outlen);

/* Check @pw against @hash. A NULL @hash (unknown account) is checked
 * against a dummy hash so that it costs the same time, and fails.
 * Returns 0 if it matches, else LC_EAUTH. */
int auth_password_verify(const char *hash, const char *pw);

/* True if @hash was made with other costs than the current ones. */
bool auth_password_needs_rehash(const char *hash);

/* Whether @pw is acceptable as a new password (length only: the admin
 * picks it). Returns 0 or LC_EINVAL. */
int auth_password_check(const char *pw);

/* Fill @out (AUTH_TOKEN_LEN + 1 bytes) with a new random token of @kind. */
void auth_token_new(enum auth_token_kind kind, char *out);

/* Kind of a well-formed token, or AUTH_TOKEN_BAD. */
enum auth_token_kind auth_token_kind(const char *token);

/* Hash a token into @out (AUTH_TOKEN_HASH_LEN + 1 bytes). */
void auth_token_hash(const char *token, char *out);

#endif
