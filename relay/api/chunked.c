/* "Transfer-Encoding: chunked" bodies (see chunked.h):
 *
 *   chunk = size-hex [";" ext] CRLF data CRLF, last = "0" [";" ext] CRLF,
 *   then trailer lines, each CRLF-ended, then an empty line (CRLF).
 */
#include "relay/api/chunked.h"
#include "common/err.h"

#include <string.h>

enum {
	CK_SIZE, /* hex digits of a chunk size */
	CK_EXT, /* ";..." after the size, up to CR */
	CK_SIZE_LF, /* the LF after the size line */
	CK_DATA,
	CK_DATA_CR, /* the CRLF after a chunk's data */
	CK_DATA_LF,
	CK_TRAILER, /* start of a trailer line, or the final CRLF */
	CK_TRAILER_LINE, /* inside a trailer line, up to CR */
	CK_TRAILER_LF, /* the LF that ends a trailer line */
	CK_END_LF, /* the LF of the final empty line */
	CK_DONE,
	CK_FAILED,
};

void chunked_init(struct chunked *c)
{
	memset(c, 0, sizeof(*c));
	c->state = CK_SIZE;
}

static int hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* One byte of the framing (not of chunk data). 0, 1 done, or -1. */
static int step(struct chunked *c, unsigned char ch)
{
	int h;

	switch (c->state) {
	case CK_SIZE:
		h = hexval(ch);
		if (h >= 0 && c->digits < CHUNKED_SIZE_DIGITS) {
			c->left = c->left * 16 + (uint64_t)h;
			c->digits++;
			return 0;
		}
		if (!c->digits || h >= 0)
			return -1;
		if (ch == ';' || ch == ' ' || ch == '\t') {
			c->state = CK_EXT;
			c->line = 0;
			return 0;
		}
		if (ch != '\r')
			return -1;
		c->state = CK_SIZE_LF;
		return 0;
	case CK_EXT:
		if (ch == '\r')
			c->state = CK_SIZE_LF;
		else if (ch == '\n' || ++c->line > CHUNKED_LINE_MAX)
			return -1;
		return 0;
	case CK_SIZE_LF:
		if (ch != '\n')
			return -1;
		c->state = c->left ? CK_DATA : CK_TRAILER;
		return 0;
	case CK_DATA_CR:
		if (ch != '\r')
			return -1;
		c->state = CK_DATA_LF;
		return 0;
	case CK_DATA_LF:
		if (ch != '\n')
			return -1;
		c->state = CK_SIZE;
		c->digits = 0;
		c->left = 0;
		return 0;
	case CK_TRAILER:
		if (ch == '\r') {
			c->state = CK_END_LF;
			return 0;
		}
		c->state = CK_TRAILER_LINE;
		c->line = 0;
		/* fall through */
	case CK_TRAILER_LINE:
		if (ch == '\r')
			c->state = CK_TRAILER_LF;
		else if (ch == '\n' || ++c->line > CHUNKED_LINE_MAX)
			return -1;
		return 0;
	case CK_TRAILER_LF:
		if (ch != '\n')
			return -1;
		c->state = CK_TRAILER;
		return 0;
	case CK_END_LF:
		if (ch != '\n')
			return -1;
		c->state = CK_DONE;
		return 1;
	default:
		return -1;
	}
}

int chunked_feed(struct chunked *c, const unsigned char *in, size_t len,
		 unsigned char *out, size_t *out_len, size_t *used)
{
	size_t i = 0, o = 0;
	int rc = 0;

	while (i < len && !rc) {
		if (c->state == CK_DATA) {
			size_t n = len - i;

			if (n > c->left)
				n = (size_t)c->left;
			memmove(out + o, in + i, n);
			o += n;
			i += n;
			c->left -= n;
			if (!c->left)
				c->state = CK_DATA_CR;
			continue;
		}
		rc = step(c, in[i++]);
		if (rc < 0)
			c->state = CK_FAILED;
	}
	if (c->state == CK_FAILED)
		rc = -1;
	*out_len = o;
	*used = i;
	return rc < 0 ? LC_EINVAL : rc;
}
