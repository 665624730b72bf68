/* Sockets: AF_UNIX (stream, datagram, seqpacket) and AF_INET/AF_INET6 on
 * the host's network, each a capability with READ and WRITE backed by a
 * host socket. Everything a socket knows (state, queues, errors) is the
 * host's; the capability table decides who holds it. */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <exo/status.h>
#include "net.h"

/* The op_flags of SOCKET and SOCKETPAIR as host socket() arguments. */
static long host_kind(unsigned f, int *domain, int *type, int *proto)
{
	static const int families[] = { [EXO_AF_UNIX] = AF_UNIX, [EXO_AF_INET] = AF_INET,
	                                [EXO_AF_INET6] = AF_INET6 };
	static const int types[] = { [EXO_SOCK_STREAM] = SOCK_STREAM, [EXO_SOCK_DGRAM] = SOCK_DGRAM,
	                             [EXO_SOCK_SEQPACKET] = SOCK_SEQPACKET };
	unsigned family = f & 0xff, t = (f >> 8) & 0xff, p = (f >> 16) & 0xff;

	if (f & ~(EXO_NET_NONBLOCK | 0xffffffu))
		return EXO_ERR_INVALID;
	if (family < EXO_AF_UNIX || family > EXO_AF_INET6)
		return EXO_ERR_FAMILY;
	if (t < EXO_SOCK_STREAM || t > EXO_SOCK_SEQPACKET)
		return EXO_ERR_PROTOCOL;
	*domain = families[family];
	*type = types[t] | SOCK_CLOEXEC | ((f & EXO_NET_NONBLOCK) ? SOCK_NONBLOCK : 0);
	switch (p) {
	case EXO_PROTO_DEFAULT: *proto = 0; return 0;
	case EXO_PROTO_TCP: *proto = IPPROTO_TCP; return 0;
	case EXO_PROTO_UDP: *proto = IPPROTO_UDP; return 0;
	default: return EXO_ERR_PROTOCOL;
	}
}

long net_socket(const struct exo_ring_sqe *sqe)
{
	int domain, type, proto, fd;
	long r = host_kind(sqe->op_flags, &domain, &type, &proto);

	if (r < 0)
		return r;
	if ((fd = socket(domain, type, proto)) < 0)
		return net_status_from_errno(errno);
	if ((r = cap_install(fd, EXO_OBJ_SOCKET, SOCKET_RIGHTS)) < 0)
		close(fd);
	return r;
}

long net_socketpair(const struct exo_ring_sqe *sqe)
{
	static const unsigned rights[2] = { SOCKET_RIGHTS, SOCKET_RIGHTS };
	int domain, type, proto, fd[2];
	long r = host_kind(sqe->op_flags, &domain, &type, &proto);

	if (r < 0)
		return r;
	if (socketpair(domain, type, proto, fd) < 0)
		return net_status_from_errno(errno);
	return net_install_pair(fd, EXO_OBJ_SOCKET, rights, sqe->addr);
}

long net_bind_connect(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct sockaddr_storage ss;
	unsigned len;
	long r = sockaddr_to_host(sqe->addr, (exo_cap_t)sqe->offset, &ss, &len);

	if (r < 0)
		return r;
	if (sqe->opcode == EXO_OP_BIND)
		return net_host(bind(c->host_fd, (struct sockaddr *)&ss, len));
	/* Interrupted before it starts, the connection is not begun at all:
	 * the guest's retry (or SA_RESTART) starts it cleanly. */
	return net_host_wait(SYS_connect, c->host_fd, (long)&ss, len, 0, 0);
}

long net_listen(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	return net_host(listen(c->host_fd, (int)sqe->len));
}

long net_accept(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int flags = SOCK_CLOEXEC, fd;
	long h, r;

	if (sqe->op_flags & ~EXO_NET_NONBLOCK)
		return EXO_ERR_INVALID;
	if (sqe->op_flags & EXO_NET_NONBLOCK)
		flags |= SOCK_NONBLOCK;
	if ((fd = (int)net_host_wait(SYS_accept4, c->host_fd, (long)&ss, (long)&len, flags, 0)) < 0)
		return fd;
	if ((h = cap_install(fd, EXO_OBJ_SOCKET, SOCKET_RIGHTS)) < 0) {
		close(fd);
		return h;
	}
	/* Linux has taken the connection off the queue even when the address
	 * cannot be written: the caller gets EFAULT and the connection is
	 * lost. Here too. */
	if (sqe->addr && (r = sockaddr_to_guest(sqe->addr, &ss, len)) < 0) {
		cap_release((exo_cap_t)h);
		return r;
	}
	return h;
}

long net_shutdown(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const int how[] = { -1, SHUT_RD, SHUT_WR, SHUT_RDWR };

	if (sqe->len == 0 || sqe->len > 3)
		return EXO_ERR_INVALID;
	return net_host(shutdown(c->host_fd, how[sqe->len]));
}

long net_sockname(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int r;

	if (sqe->op_flags > EXO_NAME_PEER)
		return EXO_ERR_INVALID;
	r = sqe->op_flags == EXO_NAME_PEER ? getpeername(c->host_fd, (struct sockaddr *)&ss, &len)
	                                   : getsockname(c->host_fd, (struct sockaddr *)&ss, &len);
	if (r < 0)
		return net_status_from_errno(errno);
	return sockaddr_to_guest(sqe->addr, &ss, len);
}
