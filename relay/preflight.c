/* Start-up checks with their own messages (see preflight.h). */
#include "relay/preflight.h"
#include "common/err.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int preflight_check_listen(const char *listen, const char *host, int port,
			   char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICHOST |
					  AI_NUMERICSERV },
			*res = NULL;
	char service[8];
	int fd, one = 1, e = 0;

	snprintf(service, sizeof(service), "%d", port);
	if (strcmp(host, "localhost") == 0)
		host = "127.0.0.1"; /* as relay_new gives it to lws */
	/* Every interface: lws listens on IPv6 with IPv4 mapped. */
	hints.ai_family = *host ? AF_UNSPEC : AF_INET6;
	if (getaddrinfo(*host ? host : NULL, service, &hints, &res) != 0)
		return 0;
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		/* As lws: a port left in TIME_WAIT is not "in use". */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, res->ai_addr, res->ai_addrlen) < 0)
			e = errno;
		close(fd);
	}
	freeaddrinfo(res);
	switch (e) {
	case 0:
		return 0;
	case EADDRINUSE:
		snprintf(err, errlen,
			 "cannot listen on %s: address in use (another relay, "
			 "or another program, listens on port %d)",
			 listen, port);
		return LC_EBUSY;
	case EADDRNOTAVAIL:
		snprintf(err, errlen,
			 "cannot listen on %s: no interface of this machine "
			 "has that address",
			 listen);
		return LC_EIO;
	case EACCES:
		snprintf(err, errlen,
			 "cannot listen on %s: permission denied (a port below "
			 "1024 needs CAP_NET_BIND_SERVICE)",
			 listen);
		return LC_EIO;
	default:
		snprintf(err, errlen, "cannot listen on %s: %s", listen,
			 strerror(e));
		return LC_EIO;
	}
}

static int readable(const char *opt, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "%s %s: cannot read it: %s", opt, path,
			 strerror(errno));
		return LC_EIO;
	}
	fclose(f);
	return 0;
}

int preflight_check_tls(const char *cert, const char *key, char *err,
			size_t errlen)
{
	int rc = readable("--tls-cert", cert, err, errlen);

	return rc < 0 ? rc : readable("--tls-key", key, err, errlen);
}
