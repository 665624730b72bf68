/* Socket options, and messages with addresses and carried capabilities.
 * SCM_RIGHTS becomes capabilities: the sender names capabilities that
 * need EXO_RIGHT_TRANSFER, the host carries their descriptors, and the
 * receiver's table gets new capabilities for them. The host drops the
 * rights on the way, so the receiver's are derived again from the host
 * descriptor's mode (cap_describe_host_fd): never more than it was
 * opened with, but a capability whose rights were narrowed below its
 * mode arrives with the wider ones. One process until fork exists. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <exo/status.h>
#include "net.h"

static const struct { int level, name; } options[EXO_SO_COUNT] = {
	[EXO_SO_REUSEADDR] = { SOL_SOCKET, SO_REUSEADDR },
	[EXO_SO_KEEPALIVE] = { SOL_SOCKET, SO_KEEPALIVE },
	[EXO_SO_RCVBUF] = { SOL_SOCKET, SO_RCVBUF },
	[EXO_SO_SNDBUF] = { SOL_SOCKET, SO_SNDBUF },
	[EXO_SO_ERROR] = { SOL_SOCKET, SO_ERROR },
	[EXO_SO_TYPE] = { SOL_SOCKET, SO_TYPE },
	[EXO_SO_LINGER] = { SOL_SOCKET, SO_LINGER },
	[EXO_SO_BROADCAST] = { SOL_SOCKET, SO_BROADCAST },
	[EXO_SO_ACCEPTING] = { SOL_SOCKET, SO_ACCEPTCONN },
	[EXO_SO_REUSEPORT] = { SOL_SOCKET, SO_REUSEPORT },
	[EXO_SO_TCP_NODELAY] = { IPPROTO_TCP, TCP_NODELAY },
};

static long get_option(struct kcap *c, unsigned opt)
{
	int v = 0;
	struct linger l = {0};
	socklen_t n = opt == EXO_SO_LINGER ? sizeof l : sizeof v;
	void *p = opt == EXO_SO_LINGER ? (void *)&l : (void *)&v;

	if (getsockopt(c->host_fd, options[opt].level, options[opt].name, p, &n) < 0)
		return net_status_from_errno(errno);
	switch (opt) {
	case EXO_SO_LINGER: return (long)(l.l_onoff ? 1 : 0) << 32 | (unsigned)l.l_linger;
	case EXO_SO_ERROR: return v ? -net_status_from_errno(v) : 0;
	case EXO_SO_TYPE:
		return v == SOCK_STREAM ? EXO_SOCK_STREAM : v == SOCK_DGRAM ? EXO_SOCK_DGRAM
		                                                             : EXO_SOCK_SEQPACKET;
	default: return v < 0 ? EXO_ERR_OVERFLOW : v;
	}
}

long net_sockopt(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	unsigned opt = sqe->len;
	struct linger l;
	int v;

	if (opt == 0 || opt >= EXO_SO_COUNT || (sqe->op_flags & ~EXO_SOCKOPT_SET))
		return EXO_ERR_INVALID;
	if (!(sqe->op_flags & EXO_SOCKOPT_SET))
		return get_option(c, opt);
	if (opt == EXO_SO_ERROR || opt == EXO_SO_TYPE || opt == EXO_SO_ACCEPTING)
		return EXO_ERR_NO_OPTION;  /* read-only, as Linux answers */
	if (opt == EXO_SO_LINGER) {
		l.l_onoff = (int)(sqe->offset >> 32) != 0;
		l.l_linger = (int)(sqe->offset & 0x7fffffff);
		return net_host(setsockopt(c->host_fd, SOL_SOCKET, SO_LINGER, &l, sizeof l));
	}
	v = (int)sqe->offset;
	return net_host(setsockopt(c->host_fd, options[opt].level, options[opt].name, &v, sizeof v));
}

static int host_flags(unsigned f)
{
	return (f & EXO_MSG_PEEK ? MSG_PEEK : 0) | (f & EXO_MSG_DONTWAIT ? MSG_DONTWAIT : 0) |
	       (f & EXO_MSG_WAITALL ? MSG_WAITALL : 0) | (f & EXO_MSG_OOB ? MSG_OOB : 0);
}

#define VALID_FLAGS (EXO_MSG_PEEK | EXO_MSG_DONTWAIT | EXO_MSG_WAITALL | EXO_MSG_OOB)

union cmsg_room {
	struct cmsghdr align;
	char buf[CMSG_SPACE(EXO_MSG_CAPS_MAX * sizeof(int))];
};

/* sendmsg or recvmsg: one that may wait through net_host_wait; one that
 * cannot (MSG_DONTWAIT) plainly, since Linux completes it whatever
 * signal is pending. An O_NONBLOCK socket also never waits, but only the
 * host knows that flag: such a call with a guest signal already pending
 * ends as interrupted, as a pipe's read does (cap_ops.c). */
static long msg_call(long nr, int fd, struct msghdr *h, int flags)
{
	if (flags & MSG_DONTWAIT)
		return net_host(syscall(nr, fd, h, flags));
	return net_host_wait(nr, fd, (long)h, flags, 0, 0);
}

long net_send(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct exo_msg m;
	struct sockaddr_storage ss;
	struct exo_cap_carried carried[EXO_MSG_CAPS_MAX];
	union cmsg_room room;
	struct msghdr h = {0};
	unsigned len;
	long r;

	if (sqe->op_flags & ~VALID_FLAGS)
		return EXO_ERR_INVALID;
	if ((r = copy_from_guest(&m, sqe->addr, sizeof m)) < 0)
		return r;
	if (m.caps_count > EXO_MSG_CAPS_MAX)
		return EXO_ERR_INVALID;
	if (m.name) {
		if ((r = sockaddr_to_host(m.name, (exo_cap_t)sqe->offset, &ss, &len)) < 0)
			return r;
		h.msg_name = &ss;
		h.msg_namelen = len;
	}
	h.msg_iov = (struct iovec *)m.iov;   /* exo_iovec is iovec: the host reads it */
	h.msg_iovlen = m.iov_count;
	if (m.caps_count) {
		struct cmsghdr *cm = (struct cmsghdr *)room.buf;
		int *fds = (int *)CMSG_DATA(cm);
		if ((r = copy_from_guest(carried, m.caps, m.caps_count * sizeof carried[0])) < 0)
			return r;
		for (unsigned i = 0; i < m.caps_count; i++) {
			struct kcap *k = cap_get(carried[i].cap, EXO_RIGHT_TRANSFER, &r);
			if (!k)
				return r;
			fds[i] = k->host_fd;
		}
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(m.caps_count * sizeof(int));
		h.msg_control = room.buf;
		h.msg_controllen = CMSG_SPACE(m.caps_count * sizeof(int));
	}
	return msg_call(SYS_sendmsg, c->host_fd, &h, host_flags(sqe->op_flags) | MSG_NOSIGNAL);
}

/* Received host descriptors become capabilities; those beyond caps_max
 * are closed and reported as EXO_MSG_CTRUNC, as Linux does. */
static unsigned take_caps(struct msghdr *h, struct exo_cap_carried *out, unsigned max,
                          unsigned *flags_out)
{
	unsigned n = 0;

	for (struct cmsghdr *cm = CMSG_FIRSTHDR(h); cm; cm = CMSG_NXTHDR(h, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		int *fds = (int *)CMSG_DATA(cm);
		unsigned count = (unsigned)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (unsigned i = 0; i < count; i++) {
			unsigned object, rights, status;
			long cap;
			if (n == max) {
				close(fds[i]);
				*flags_out |= EXO_MSG_CTRUNC;
				continue;
			}
			cap_describe_host_fd(fds[i], &object, &rights, &status);
			if ((cap = cap_install(fds[i], object, rights)) < 0) {
				close(fds[i]);
				*flags_out |= EXO_MSG_CTRUNC;
				continue;
			}
			out[n++] = (struct exo_cap_carried){ (exo_cap_t)cap, (exo_u16)object,
			                                     (exo_u16)status };
		}
	}
	if (h->msg_flags & MSG_CTRUNC)
		*flags_out |= EXO_MSG_CTRUNC;
	return n;
}

long net_recv(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct exo_msg m;
	struct sockaddr_storage ss;
	struct exo_cap_carried carried[EXO_MSG_CAPS_MAX];
	union cmsg_room room;
	struct msghdr h = {0};
	long r, n;

	if (sqe->op_flags & ~VALID_FLAGS)
		return EXO_ERR_INVALID;
	if ((r = copy_from_guest(&m, sqe->addr, sizeof m)) < 0)
		return r;
	memset(&ss, 0, sizeof ss);
	h.msg_name = &ss;
	h.msg_namelen = sizeof ss;
	h.msg_iov = (struct iovec *)m.iov;
	h.msg_iovlen = m.iov_count;
	h.msg_control = room.buf;
	h.msg_controllen = sizeof room.buf;
	if ((n = msg_call(SYS_recvmsg, c->host_fd, &h, host_flags(sqe->op_flags) | MSG_CMSG_CLOEXEC)) < 0)
		return n;
	m.flags_out = (h.msg_flags & MSG_TRUNC) ? EXO_MSG_TRUNC : 0;
	m.caps_count = take_caps(&h, carried, m.caps_max < EXO_MSG_CAPS_MAX ? m.caps_max
	                                                                 : EXO_MSG_CAPS_MAX,
	                         &m.flags_out);
	if (m.name && (r = sockaddr_to_guest(m.name, &ss, h.msg_namelen)) < 0)
		return r;
	if (m.caps_count && (r = copy_to_guest(m.caps, carried, m.caps_count * sizeof carried[0])) < 0)
		return r;
	if ((r = copy_to_guest(sqe->addr, &m, sizeof m)) < 0)
		return r;
	return n;
}
