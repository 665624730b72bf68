/* Exo-OS addresses (struct exo_sockaddr) to and from the host's. A UNIX
 * path is a name in the file tree, resolved below a directory capability
 * like every other name: the host sees it as /proc/self/fd/N/PATH, N the
 * directory's host descriptor, which keeps the guest inside the directory
 * it was given. Linux has no bindat(); the price is that the whole host
 * path must fit sun_path's 108 bytes. An absolute name keeps its slash
 * (the host reads "N//tmp/x" as "N/tmp/x"), so that the name given back
 * by getsockname is the one the program bound: everything after "N/". */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <exo/status.h>
#include "net.h"

static long unix_to_host(const struct exo_sockaddr *a, exo_cap_t dir, struct sockaddr_un *un,
                         unsigned *len)
{
	const unsigned base = offsetof(struct sockaddr_un, sun_path);
	struct kcap *d;
	long status;
	int n;

	if (a->length > EXO_UNIX_PATH_MAX)
		return EXO_ERR_INVALID;
	un->sun_family = AF_UNIX;
	if (a->length == 0) {           /* unnamed: autobind */
		*len = base;
		return 0;
	}
	if (a->path[0] == 0) {          /* abstract: no file, no directory */
		memcpy(un->sun_path, a->path, a->length);
		*len = base + a->length;
		return 0;
	}
	if (memchr(a->path, 0, a->length))
		return EXO_ERR_INVALID;
	if (!(d = cap_get(dir, EXO_RIGHT_LOOKUP, &status)))
		return status == EXO_ERR_BAD_CAP ? EXO_ERR_NOT_FOUND : status;
	n = snprintf(un->sun_path, sizeof un->sun_path, "/proc/self/fd/%d/%.*s", d->host_fd,
	             (int)a->length, (const char *)a->path);
	if (n < 0 || (unsigned)n >= sizeof un->sun_path)
		return EXO_ERR_NAME_TOO_LONG;
	*len = base + (unsigned)n + 1;
	return 0;
}

long sockaddr_to_host(exo_u64 guest, exo_cap_t dir, struct sockaddr_storage *ss, unsigned *len)
{
	struct exo_sockaddr a;
	long r;

	if ((r = copy_from_guest(&a, guest, sizeof a)) < 0)
		return r;
	memset(ss, 0, sizeof *ss);
	switch (a.family) {
	case EXO_AF_UNIX:
		return unix_to_host(&a, dir, (struct sockaddr_un *)ss, len);
	case EXO_AF_INET: {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;
		in->sin_family = AF_INET;
		in->sin_port = htons(a.port);
		memcpy(&in->sin_addr, a.addr, 4);
		*len = sizeof *in;
		return 0;
	}
	case EXO_AF_INET6: {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(a.port);
		in6->sin6_flowinfo = htonl(a.flowinfo);
		in6->sin6_scope_id = a.scope_id;
		memcpy(&in6->sin6_addr, a.addr, 16);
		*len = sizeof *in6;
		return 0;
	}
	default:
		return EXO_ERR_FAMILY;
	}
}

/* A host UNIX name under /proc/self/fd/N/ goes back as the guest gave it. */
static void unix_from_host(struct exo_sockaddr *a, const struct sockaddr_un *un, unsigned len)
{
	const unsigned base = offsetof(struct sockaddr_un, sun_path);
	const char *p = un->sun_path;
	unsigned n = len > base ? len - base : 0;

	a->family = EXO_AF_UNIX;
	if (n && p[0]) {
		n = (unsigned)strnlen(p, n);
		if (!strncmp(p, "/proc/self/fd/", 14)) {
			const char *slash = memchr(p + 14, '/', n - 14);
			if (slash) {
				n -= (unsigned)(slash + 1 - p);
				p = slash + 1;
			}
		}
	}
	a->length = n;
	memcpy(a->path, p, n);
}

long sockaddr_to_guest(exo_u64 guest, const struct sockaddr_storage *ss, unsigned len)
{
	struct exo_sockaddr a = {0};

	switch (ss->ss_family) {
	case AF_UNIX:
		unix_from_host(&a, (const struct sockaddr_un *)ss, len);
		break;
	case AF_INET: {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
		a.family = EXO_AF_INET;
		a.port = ntohs(in->sin_port);
		memcpy(a.addr, &in->sin_addr, 4);
		break;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
		a.family = EXO_AF_INET6;
		a.port = ntohs(in6->sin6_port);
		a.flowinfo = ntohl(in6->sin6_flowinfo);
		a.scope_id = in6->sin6_scope_id;
		memcpy(a.addr, &in6->sin6_addr, 16);
		break;
	}
	default:
		a.family = 0;  /* an address the host gave none for */
		break;
	}
	return copy_to_guest(guest, &a, sizeof a);
}
