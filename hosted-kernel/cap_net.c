/* The NET opcode range: which capability and rights each opcode needs,
 * then the family's code. Creating opcodes (PIPE, SOCKET, SOCKETPAIR,
 * EVENT, EPOLL_CREATE) and POLL name no capability of their own. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <exo/status.h>
#include "net.h"

/* The kernel model writes to host pipes and sockets whose reader may be
 * gone: Linux would stop the launcher with SIGPIPE. The guest must get
 * EXO_ERR_PEER_CLOSED (EPIPE) instead; a signal to the guest is the signal
 * issue's business, never the host's. */
__attribute__((constructor)) static void ignore_host_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

long net_status_from_errno(int err)
{
	switch (err) {
	case EINPROGRESS: return EXO_ERR_IN_PROGRESS;
	case EALREADY: return EXO_ERR_ALREADY;
	case EISCONN: return EXO_ERR_CONNECTED;
	case ENOTCONN: return EXO_ERR_NOT_CONNECTED;
	case ECONNREFUSED: return EXO_ERR_REFUSED;
	case ECONNRESET: return EXO_ERR_RESET;
	case EADDRINUSE: return EXO_ERR_ADDR_IN_USE;
	case EADDRNOTAVAIL: return EXO_ERR_ADDR_UNAVAILABLE;
	case EAFNOSUPPORT: return EXO_ERR_FAMILY;
	case EPROTONOSUPPORT: case EPROTOTYPE: case ESOCKTNOSUPPORT: return EXO_ERR_PROTOCOL;
	case ENOTSOCK: return EXO_ERR_NOT_SOCKET;
	case EDESTADDRREQ: return EXO_ERR_DEST_REQUIRED;
	case EMSGSIZE: return EXO_ERR_MSG_SIZE;
	case ECONNABORTED: return EXO_ERR_ABORTED;
	case ENOPROTOOPT: return EXO_ERR_NO_OPTION;
	case ENETUNREACH: case EHOSTUNREACH: return EXO_ERR_UNREACHABLE;
	case ENOBUFS: return EXO_ERR_NO_BUFFERS;
	default: return status_from_errno(err);
	}
}

long net_host(long r)
{
	return r < 0 ? net_status_from_errno(errno) : r;
}

long net_host_wait(long nr, long a1, long a2, long a3, long a4, long a5)
{
	long r = host_call_cp(nr, a1, a2, a3, a4, a5, 0);

	return r < 0 ? net_status_from_errno((int)-r) : r;
}

long net_install_pair(const int fd[2], unsigned object, const unsigned rights[2], exo_u64 addr)
{
	long a = cap_install(fd[0], object, rights[0]), b, r;
	exo_cap_t caps[2];

	if (a < 0) {
		close(fd[0]);
		close(fd[1]);
		return a;
	}
	if ((b = cap_install(fd[1], object, rights[1])) < 0) {
		cap_release((exo_cap_t)a);
		close(fd[1]);
		return b;
	}
	caps[0] = (exo_cap_t)a;
	caps[1] = (exo_cap_t)b;
	if ((r = copy_to_guest(addr, caps, sizeof caps)) < 0) {
		cap_release(caps[0]);
		cap_release(caps[1]);
	}
	return r;
}

/* Rights an operation on an existing capability needs; the socket ones
 * also need the capability to be a socket. */
static long with_cap(const struct exo_ring_sqe *sqe, unsigned need, int socket_only,
                     long (*op)(const struct exo_ring_sqe *, struct kcap *))
{
	long status;
	struct kcap *c = cap_get(sqe->cap, need, &status);

	if (!c)
		return status;
	if (socket_only && c->object != EXO_OBJ_SOCKET)
		return EXO_ERR_NOT_SOCKET;
	return op(sqe, c);
}

long net_op(const struct exo_ring_sqe *sqe)
{
	switch (sqe->opcode) {
	case EXO_OP_PIPE: return net_pipe(sqe);
	case EXO_OP_EVENT: return net_event(sqe);
	case EXO_OP_SOCKET: return net_socket(sqe);
	case EXO_OP_SOCKETPAIR: return net_socketpair(sqe);
	case EXO_OP_POLL: return net_poll(sqe);
	case EXO_OP_EPOLL_CREATE: return net_epoll_create(sqe);
	case EXO_OP_BIND:
	case EXO_OP_CONNECT: return with_cap(sqe, 0, 1, net_bind_connect);
	case EXO_OP_LISTEN: return with_cap(sqe, 0, 1, net_listen);
	case EXO_OP_ACCEPT: return with_cap(sqe, EXO_RIGHT_READ, 1, net_accept);
	case EXO_OP_SHUTDOWN: return with_cap(sqe, 0, 1, net_shutdown);
	case EXO_OP_SOCKNAME: return with_cap(sqe, 0, 1, net_sockname);
	case EXO_OP_SOCKOPT: return with_cap(sqe, 0, 1, net_sockopt);
	case EXO_OP_SEND: return with_cap(sqe, EXO_RIGHT_WRITE, 1, net_send);
	case EXO_OP_RECV: return with_cap(sqe, EXO_RIGHT_READ, 1, net_recv);
	case EXO_OP_EPOLL_CTL: return with_cap(sqe, 0, 0, net_epoll_ctl);
	case EXO_OP_EPOLL_WAIT: return with_cap(sqe, 0, 0, net_epoll_wait);
	default: return EXO_ERR_BAD_CALL;
	}
}
