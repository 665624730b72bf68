/* Linux socket addresses <-> Exo-OS's (struct exo_sockaddr, ring_net.h).
 * A UNIX path is a name: it starts from the root capability when
 * absolute, from the current directory's otherwise, like open's. */
#include "../internal/net.h"

static long unix_from_linux(const struct linux_sockaddr_un *un, long len, struct exo_sockaddr *a,
                            exo_cap_t *dir)
{
	unsigned long n = (unsigned long)len - 2;

	if (n > sizeof un->path)
		n = sizeof un->path;
	a->family = EXO_AF_UNIX;
	if (n && un->path[0])
		n = vdso_strnlen(un->path, n);   /* a path ends at its NUL */
	memcpy(a->path, un->path, n);
	a->length = (exo_u32)n;
	if (n && un->path[0]) {
		*dir = un->path[0] == '/' ? exo_vdso_process.root_cap : exo_vdso_process.cwd_cap;
		if (*dir == EXO_CAP_INVALID)
			return -ENOENT;
	}
	return 0;
}

hidden long sockaddr_from_linux(const void *user, long len, struct exo_sockaddr *a,
                                exo_cap_t *dir)
{
	union {
		exo_u16 family;
		struct linux_sockaddr_in in;
		struct linux_sockaddr_in6 in6;
		struct linux_sockaddr_un un;
		char bytes[LINUX_SOCKADDR_MAX];
	} u;
	const void *addr = &u;
	exo_u16 family;

	memset(a, 0, sizeof *a);
	*dir = EXO_CAP_INVALID;
	if (len < 0 || len > LINUX_SOCKADDR_MAX)
		return -EINVAL;
	if (!user)
		return len ? -EFAULT : -EINVAL;
	if (len < 2)
		return -EINVAL;
	if (user_read(&u, user, (unsigned long)len) < 0)
		return -EFAULT;
	family = u.family;
	switch (family) {
	case AF_UNIX:
		return unix_from_linux(addr, len, a, dir);
	case AF_INET: {
		const struct linux_sockaddr_in *in = addr;
		if (len < (long)sizeof *in)
			return -EINVAL;
		a->family = EXO_AF_INET;
		a->port = __builtin_bswap16(in->port_be);
		memcpy(a->addr, in->addr, 4);
		return 0;
	}
	case AF_INET6: {
		const struct linux_sockaddr_in6 *in6 = addr;
		if (len < 24)   /* RFC 2133's size, without scope_id, is accepted */
			return -EINVAL;
		a->family = EXO_AF_INET6;
		a->port = __builtin_bswap16(in6->port_be);
		a->flowinfo = __builtin_bswap32(in6->flowinfo_be);
		a->scope_id = len >= (long)sizeof *in6 ? in6->scope_id : 0;
		memcpy(a->addr, in6->addr, 16);
		return 0;
	}
	default:
		return -EAFNOSUPPORT;
	}
}

/* addr is the program's; *lenp is the vDSO's. */
hidden long sockaddr_to_linux(const struct exo_sockaddr *a, void *addr, exo_u32 *lenp)
{
	union {
		exo_u16 family;
		struct linux_sockaddr_in in;
		struct linux_sockaddr_in6 in6;
		struct linux_sockaddr_un un;
	} u;
	exo_u32 len = 0;

	memset(&u, 0, sizeof u);
	switch (a->family) {
	case EXO_AF_UNIX:
		if (a->length > sizeof u.un.path)
			return -EINVAL;
		u.un.family = AF_UNIX;
		memcpy(u.un.path, a->path, a->length);
		/* Linux counts the NUL of a path name, never of an abstract one. */
		len = 2 + a->length + (a->length && a->path[0] && a->length < sizeof u.un.path);
		break;
	case EXO_AF_INET:
		u.in.family = AF_INET;
		u.in.port_be = __builtin_bswap16(a->port);
		memcpy(u.in.addr, a->addr, 4);
		len = sizeof u.in;
		break;
	case EXO_AF_INET6:
		u.in6.family = AF_INET6;
		u.in6.port_be = __builtin_bswap16(a->port);
		u.in6.flowinfo_be = __builtin_bswap32(a->flowinfo);
		u.in6.scope_id = a->scope_id;
		memcpy(u.in6.addr, a->addr, 16);
		len = sizeof u.in6;
		break;
	}
	if (addr && user_write(addr, &u, *lenp < len ? *lenp : len) < 0)
		return -EFAULT;
	*lenp = len;
	return 0;
}
