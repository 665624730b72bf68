/* sendto, sendmsg, recvfrom, recvmsg (musl's send and recv are sendto and
 * recvfrom): one EXO_OP_SEND or EXO_OP_RECV each, the buffers passed as
 * they are (struct iovec is struct exo_iovec). SCM_RIGHTS carries
 * capabilities: descriptors become capabilities on the way out and new
 * descriptors on the way in. Any other control message is reported.
 *
 * No SIGPIPE is sent (signals are not translated yet), so MSG_NOSIGNAL is
 * what every send does now; the error is EPIPE either way. */
#include "../internal/net.h"

#define SEND_FLAGS (MSG_OOB | MSG_DONTWAIT | MSG_NOSIGNAL)
#define RECV_FLAGS (MSG_OOB | MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL | MSG_CMSG_CLOEXEC)

static unsigned native_flags(long f)
{
	return (f & MSG_PEEK ? EXO_MSG_PEEK : 0) | (f & MSG_DONTWAIT ? EXO_MSG_DONTWAIT : 0) |
	       (f & MSG_WAITALL ? EXO_MSG_WAITALL : 0) | (f & MSG_OOB ? EXO_MSG_OOB : 0);
}

static long send_msg(long fd, struct exo_msg *m, const void *addr, long addrlen, long flags,
                     long nr)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SEND };
	struct exo_sockaddr a;
	exo_cap_t dir = 0;
	long r;

	if ((r = socket_cap(fd, &sqe.cap)) < 0)
		return r;
	if (flags & ~(long)SEND_FLAGS)
		return untranslated(nr, flags & ~(long)SEND_FLAGS);
	if (addr) {
		if ((r = sockaddr_from_linux(addr, addrlen, &a, &dir)) < 0)
			return r;
		m->name = (exo_u64)&a;
	}
	sqe.addr = (exo_u64)m;
	sqe.op_flags = native_flags(flags);
	sqe.offset = dir;
	return net_errno(ring_run(&sqe));
}

hidden long sys_sendto(SYSCALL_ARGS)
{
	struct exo_iovec iov = { (exo_u64)a2, (exo_u64)a3 };
	struct exo_msg m = { .iov = (exo_u64)&iov, .iov_count = 1 };

	return send_msg(a1, &m, (const void *)a5, a6, a4, SYS_sendto);
}

/* SCM_RIGHTS messages -> capabilities; anything else is reported. The
 * headers and descriptors are copied in one message at a time. */
static long caps_of_control(const struct linux_msghdr *h, struct exo_cap_carried *caps,
                            exo_u32 *count)
{
	const char *p = h->control, *end = p + h->controllen;
	int fds[EXO_MSG_CAPS_MAX];

	*count = 0;
	while (p + sizeof(struct linux_cmsghdr) <= end) {
		struct linux_cmsghdr c;
		if (user_read(&c, p, sizeof c) < 0)
			return -EFAULT;
		if (c.len < sizeof c || c.len > (exo_u64)(end - p))
			return -EINVAL;
		if (c.level != SOL_SOCKET || c.type != SCM_RIGHTS)
			return untranslated(SYS_sendmsg, c.type);
		exo_u64 n = (c.len - sizeof c) / sizeof(int);
		if (n > EXO_MSG_CAPS_MAX - *count)
			return -EINVAL;
		if (user_read(fds, p + sizeof c, n * sizeof(int)) < 0)
			return -EFAULT;
		for (exo_u64 i = 0; i < n; i++) {
			struct exo_fd_entry *e = fd_lookup(fds[i]);
			if (!e)
				return -EBADF;
			caps[(*count)++].cap = e->cap;
		}
		p += CMSG_ALIGN8(c.len);
	}
	return 0;
}

hidden long sys_sendmsg(SYSCALL_ARGS)
{
	struct linux_msghdr hdr, *h = &hdr;
	struct exo_cap_carried caps[EXO_MSG_CAPS_MAX];
	struct exo_msg m = {0};
	long r;

	if (user_read(&hdr, (const void *)a2, sizeof hdr) < 0)
		return -EFAULT;
	if (h->iovlen > IOV_MAX)
		return -EMSGSIZE;
	m.iov = (exo_u64)h->iov;
	m.iov_count = (exo_u32)h->iovlen;
	if (h->controllen) {
		if ((unsigned long)h->control < EXO_PAGE_SIZE)
			return -EFAULT;
		if ((r = caps_of_control(h, caps, &m.caps_count)) < 0)
			return r;
		m.caps = (exo_u64)caps;
	}
	return send_msg(a1, &m, h->name, h->namelen, a3, SYS_sendmsg);
}

static long recv_msg(long fd, struct exo_msg *m, long flags, long nr)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_RECV };
	long r;

	if ((r = socket_cap(fd, &sqe.cap)) < 0)
		return r;
	if (flags & ~(long)RECV_FLAGS)
		return untranslated(nr, flags & ~(long)RECV_FLAGS);
	sqe.addr = (exo_u64)m;
	sqe.op_flags = native_flags(flags);
	return net_errno(ring_run(&sqe));
}

hidden long sys_recvfrom(SYSCALL_ARGS)
{
	struct exo_iovec iov = { (exo_u64)a2, (exo_u64)a3 };
	struct exo_sockaddr a;
	struct exo_msg m = { .iov = (exo_u64)&iov, .iov_count = 1 };
	void *addr = (void *)a5;
	int *lenp = (int *)a6;
	exo_u32 len;
	long n;

	int ulen = 0;

	if (addr) {
		if (user_read(&ulen, lenp, sizeof ulen) < 0)
			return -EFAULT;
		if (ulen < 0)
			return -EINVAL;
		m.name = (exo_u64)&a;
	}
	if ((n = recv_msg(a1, &m, a4, SYS_recvfrom)) < 0)
		return n;
	if (addr) {
		len = (exo_u32)ulen;
		if (sockaddr_to_linux(&a, addr, &len) < 0)
			return -EFAULT;
		ulen = (int)len;
		if (user_write(lenp, &ulen, sizeof ulen) < 0)
			return -EFAULT;
	}
	return n;
}

/* Received capabilities become descriptors, written as one SCM_RIGHTS
 * message; those that find no descriptor are released and MSG_CTRUNC set.
 * h is the vDSO's copy of the header; the message goes to h->control. */
static long give_caps(struct linux_msghdr *h, const struct exo_msg *m,
                      const struct exo_cap_carried *caps, long flags)
{
	struct {
		struct linux_cmsghdr c;
		int fds[EXO_MSG_CAPS_MAX];
	} msg;
	struct linux_cmsghdr *c = &msg.c;
	int *fds = msg.fds;
	exo_u32 n = 0;

	for (exo_u32 i = 0; i < m->caps_count; i++) {
		long fd = fd_alloc(0);
		if (fd < 0) {
			cap_release(caps[i].cap);
			h->flags |= MSG_CTRUNC;
			continue;
		}
		fd = fd_install(fd, caps[i].cap, caps[i].object,
		                (flags & MSG_CMSG_CLOEXEC) ? EXO_FD_CLOEXEC : 0, caps[i].status);
		if (fd < 0) {
			h->flags |= MSG_CTRUNC;  /* fd_install released the capability */
			continue;
		}
		fds[n++] = (int)fd;
	}
	if (!n) {
		h->controllen = 0;
		return 0;
	}
	c->len = sizeof *c + n * sizeof(int);
	c->level = SOL_SOCKET;
	c->type = SCM_RIGHTS;
	h->controllen = CMSG_ALIGN8(c->len);
	return user_write(h->control, &msg, c->len);
}

hidden long sys_recvmsg(SYSCALL_ARGS)
{
	struct linux_msghdr hdr, *h = &hdr;
	struct exo_cap_carried caps[EXO_MSG_CAPS_MAX];
	struct exo_sockaddr a;
	struct exo_msg m = {0};
	exo_u32 len;
	long n;

	if (user_read(&hdr, (const void *)a2, sizeof hdr) < 0)
		return -EFAULT;
	if (h->iovlen > IOV_MAX)
		return -EMSGSIZE;
	m.iov = (exo_u64)h->iov;
	m.iov_count = (exo_u32)h->iovlen;
	m.name = h->name ? (exo_u64)&a : 0;
	if (h->control && h->controllen >= sizeof(struct linux_cmsghdr) + sizeof(int)) {
		m.caps = (exo_u64)caps;
		m.caps_max = (exo_u32)((h->controllen - sizeof(struct linux_cmsghdr)) / sizeof(int));
	}
	if ((n = recv_msg(a1, &m, a3, SYS_recvmsg)) < 0)
		return n;
	/* Linux leaves MSG_CMSG_CLOEXEC of the call in msg_flags. */
	h->flags = (int)(a3 & MSG_CMSG_CLOEXEC) | (m.flags_out & EXO_MSG_TRUNC ? MSG_TRUNC : 0) |
	           (m.flags_out & EXO_MSG_CTRUNC ? MSG_CTRUNC : 0);
	if (h->name) {
		len = h->namelen;
		if (sockaddr_to_linux(&a, h->name, &len) < 0)
			return -EFAULT;
		h->namelen = len;
	}
	if (m.caps) {
		if (give_caps(h, &m, caps, a3) < 0)
			return -EFAULT;
	} else {
		h->controllen = 0;
	}
	/* The fields Linux writes back: namelen, controllen, flags. */
	if (user_write((struct linux_msghdr *)a2, &hdr, sizeof hdr) < 0)
		return -EFAULT;
	return n;
}
