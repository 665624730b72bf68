/* socket, socketpair, bind, connect, listen, accept, accept4, shutdown,
 * getsockname, getpeername: one ring entry each on a socket capability.
 * The families, types and protocols Exo-OS's sockets have are AF_UNIX
 * (stream, datagram, seqpacket) and AF_INET/AF_INET6 (TCP, UDP); the
 * other real Linux ones (netlink, packet, raw...) are reported. */
#include "../internal/net.h"

#define AF_MAX 46

static long open_flags(long domain, long type, long protocol, unsigned *f)
{
	unsigned family, kind, proto;

	if (domain < 0 || domain >= AF_MAX)
		return -EAFNOSUPPORT;
	switch (domain) {
	case AF_UNIX: family = EXO_AF_UNIX; break;
	case AF_INET: family = EXO_AF_INET; break;
	case AF_INET6: family = EXO_AF_INET6; break;
	default: return untranslated(SYS_socket, domain);
	}
	if (type & ~(long)(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	switch (type & SOCK_TYPE_MASK) {
	case SOCK_STREAM: kind = EXO_SOCK_STREAM; break;
	case SOCK_DGRAM: kind = EXO_SOCK_DGRAM; break;
	case SOCK_SEQPACKET: kind = EXO_SOCK_SEQPACKET; break;
	case 3: case 4: case 10: return untranslated(SYS_socket, type);  /* raw, rdm, packet */
	default: return -EINVAL;
	}
	if (protocol == 0 || (domain == AF_UNIX && protocol == AF_UNIX))
		proto = EXO_PROTO_DEFAULT;
	else if (protocol == IPPROTO_TCP && domain != AF_UNIX)
		proto = EXO_PROTO_TCP;
	else if (protocol == IPPROTO_UDP && domain != AF_UNIX)
		proto = EXO_PROTO_UDP;
	else
		return -EPROTONOSUPPORT;
	*f = EXO_SOCK_OPEN(family, kind, proto) | ((type & SOCK_NONBLOCK) ? EXO_NET_NONBLOCK : 0);
	return 0;
}

hidden long sys_socket(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SOCKET };
	long fd, r;

	if ((r = open_flags(a1, a2, a3, &sqe.op_flags)) < 0)
		return r;
	if ((fd = fd_alloc(0)) < 0)
		return fd;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((fd = net_install(fd, (exo_cap_t)r, EXO_OBJ_SOCKET, a2, EXO_FD_READ | EXO_FD_WRITE)) < 0)
		return fd;
	return fd;
}

/* As Linux does, a pair the program cannot be told of is closed again. */
hidden long give_pair(int *user, long fd0, long fd1)
{
	int fds[2] = { (int)fd0, (int)fd1 };

	if (user_write(user, fds, sizeof fds) == 0)
		return 0;
	sys_close(fd0, 0, 0, 0, 0, 0);
	sys_close(fd1, 0, 0, 0, 0, 0);
	return -EFAULT;
}

hidden long sys_socketpair(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SOCKETPAIR };
	exo_cap_t caps[2];
	int *user = (int *)a4;
	long fd0, fd1, r;

	if ((r = open_flags(a1, a2, a3, &sqe.op_flags)) < 0)
		return r;
	if (a1 != AF_UNIX)
		return -EOPNOTSUPP;   /* Linux pairs only AF_UNIX sockets */
	if ((unsigned long)user < EXO_PAGE_SIZE)
		return -EFAULT;
	if ((fd0 = fd_alloc(0)) < 0)
		return fd0;
	if ((fd1 = fd_alloc((unsigned long)fd0 + 1)) < 0)
		return fd1;
	sqe.addr = (exo_u64)caps;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((fd0 = net_install(fd0, caps[0], EXO_OBJ_SOCKET, a2, EXO_FD_READ | EXO_FD_WRITE)) < 0) {
		cap_release(caps[1]);
		return fd0;
	}
	if ((fd1 = net_install(fd1, caps[1], EXO_OBJ_SOCKET, a2, EXO_FD_READ | EXO_FD_WRITE)) < 0) {
		sys_close(fd0, 0, 0, 0, 0, 0);  /* the pair is all or nothing */
		return fd1;
	}
	return give_pair(user, fd0, fd1);
}

static long address_op(unsigned op, long fd, const void *addr, long len)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)op };
	struct exo_sockaddr a;
	exo_cap_t dir;
	long r;

	if ((r = socket_cap(fd, &sqe.cap)) < 0)
		return r;
	exo_u16 family;
	if (op == EXO_OP_CONNECT && len >= 2 && user_read(&family, addr, 2) == 0 &&
	    family == AF_UNSPEC)
		return untranslated(SYS_connect, AF_UNSPEC);   /* dissolving an association */
	if ((r = sockaddr_from_linux(addr, len, &a, &dir)) < 0)
		return r;
	sqe.addr = (exo_u64)&a;
	sqe.len = sizeof a;
	sqe.offset = dir;
	return net_errno(ring_run(&sqe));
}

hidden long sys_bind(SYSCALL_ARGS)
{
	return address_op(EXO_OP_BIND, a1, (const void *)a2, a3);
}

hidden long sys_connect(SYSCALL_ARGS)
{
	return address_op(EXO_OP_CONNECT, a1, (const void *)a2, a3);
}

hidden long sys_listen(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_LISTEN };
	long r;

	if ((r = socket_cap(a1, &sqe.cap)) < 0)
		return r;
	sqe.len = (exo_u32)a2;
	return net_errno(ring_run(&sqe));
}

/* Where getsockname, getpeername and accept put an address: *lenp is read
 * first (a negative one is EINVAL), the address truncated to it. */
static long give_address(const struct exo_sockaddr *a, void *addr, int *lenp)
{
	int ulen;
	exo_u32 len;

	if (!addr)
		return 0;
	if (user_read(&ulen, lenp, sizeof ulen) < 0)
		return -EFAULT;
	if (ulen < 0)
		return -EINVAL;
	len = (exo_u32)ulen;
	if (sockaddr_to_linux(a, addr, &len) < 0)
		return -EFAULT;
	ulen = (int)len;
	return user_write(lenp, &ulen, sizeof ulen);
}

/* *lenp before the call: EFAULT or EINVAL as Linux says them. */
static long check_length(const int *lenp)
{
	int ulen;

	if (user_read(&ulen, lenp, sizeof ulen) < 0)
		return -EFAULT;
	return ulen < 0 ? -EINVAL : 0;
}

static long accept_flags(long fd, void *addr, int *lenp, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_ACCEPT };
	struct exo_sockaddr a;
	long nfd, r;

	if (flags & ~(long)(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if ((r = socket_cap(fd, &sqe.cap)) < 0)
		return r;
	if (addr && (r = check_length(lenp)) < 0)
		return r;
	if ((nfd = fd_alloc(0)) < 0)
		return nfd;
	sqe.addr = addr ? (exo_u64)&a : 0;
	sqe.op_flags = (flags & SOCK_NONBLOCK) ? EXO_NET_NONBLOCK : 0;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((nfd = net_install(nfd, (exo_cap_t)r, EXO_OBJ_SOCKET, flags, EXO_FD_READ | EXO_FD_WRITE)) < 0)
		return nfd;
	/* Linux drops the connection it cannot describe to the program. */
	if ((r = give_address(&a, addr, lenp)) < 0) {
		sys_close(nfd, 0, 0, 0, 0, 0);
		return r;
	}
	return nfd;
}

hidden long sys_accept(SYSCALL_ARGS)
{
	return accept_flags(a1, (void *)a2, (int *)a3, 0);
}

hidden long sys_accept4(SYSCALL_ARGS)
{
	return accept_flags(a1, (void *)a2, (int *)a3, a4);
}

hidden long sys_shutdown(SYSCALL_ARGS)
{
	static const exo_u32 how[] = { [SHUT_RD] = EXO_SHUT_READ, [SHUT_WR] = EXO_SHUT_WRITE,
	                               [SHUT_RDWR] = EXO_SHUT_READ | EXO_SHUT_WRITE };
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SHUTDOWN };
	long r;

	if ((r = socket_cap(a1, &sqe.cap)) < 0)
		return r;
	if ((unsigned long)a2 > SHUT_RDWR)
		return -EINVAL;
	sqe.len = how[a2];
	return net_errno(ring_run(&sqe));
}

static long name_of(long fd, void *addr, int *lenp, unsigned which)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SOCKNAME };
	struct exo_sockaddr a;
	long r;

	if ((r = socket_cap(fd, &sqe.cap)) < 0)
		return r;
	if (!addr)
		return -EFAULT;
	if ((r = check_length(lenp)) < 0)
		return r;
	sqe.addr = (exo_u64)&a;
	sqe.op_flags = which;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	return give_address(&a, addr, lenp);
}

hidden long sys_getsockname(SYSCALL_ARGS)
{
	return name_of(a1, (void *)a2, (int *)a3, EXO_NAME_LOCAL);
}

hidden long sys_getpeername(SYSCALL_ARGS)
{
	return name_of(a1, (void *)a2, (int *)a3, EXO_NAME_PEER);
}
