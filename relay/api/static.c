/* The web app's files (--www, see find_www in relay.c), for GET and
 * HEAD: no "..", no hidden files, nothing outside the folder even
 * through a symlink; revalidated on every use (no-cache), so that an
 * update is seen at once. */
#define LOG_TAG "http"
#include "relay/api/http.h"
#include "common/err.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *mime_of(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".webmanifest", "application/manifest+json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".wasm", "application/wasm" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

int static_serve(struct relay *r, struct http_req *q)
{
	static const char cc[] = "cache-control: no-cache\r\n";
	char rel[PATH_MAX], *real;
	size_t rootlen;
	struct stat sb;
	int rc;

	/* No "..", no hidden files, no backslashes: then resolve and check
	 * that the result is still inside the folder (symlinks). */
	if (!relay_www(r) || q->path[0] != '/' || strstr(q->path, "/.") ||
	    strchr(q->path, '\\'))
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	/* Never a truncated path: it could name another file. */
	if (snprintf(rel, sizeof(rel), "%s%s%s", relay_www(r), q->path,
		     q->path[strlen(q->path) - 1] == '/' ? "index.html" : "") >=
	    (int)sizeof(rel))
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	real = realpath(rel, NULL);
	rootlen = strlen(relay_www(r));
	if (!real || strncmp(real, relay_www(r), rootlen) != 0 ||
	    real[rootlen] != '/' || stat(real, &sb) < 0 ||
	    !S_ISREG(sb.st_mode)) {
		free(real);
		return http_respond_error(q, 404, LC_ENOENT, NULL, NULL);
	}
	rc = lws_serve_http_file(q->wsi, real, mime_of(real), cc,
				 (int)sizeof(cc) - 1);
	free(real);
	if (rc < 0)
		return -1;
	return 0;
}
