/* poll, ppoll: the whole array is one EXO_OP_POLL, one ring entry and one
 * kernel entry however many descriptors it names (the batching a poll
 * over many descriptors is for). EINTR needs signals, which are not
 * translated yet: a wait ends only by readiness or timeout. */
#include "../internal/net.h"

hidden unsigned poll_events_to_exo(unsigned ev)
{
	return (ev & (POLLIN | POLLRDNORM) ? EXO_POLL_IN : 0) |
	       (ev & (POLLOUT | POLLWRNORM) ? EXO_POLL_OUT : 0) |
	       (ev & POLLPRI ? EXO_POLL_PRI : 0) | (ev & POLLRDHUP ? EXO_POLL_RDHUP : 0);
}

/* Linux reports the bits asked for, and always ERR, HUP and NVAL. */
hidden unsigned poll_revents_to_linux(unsigned exo, unsigned asked)
{
	return (exo & EXO_POLL_IN ? asked & (POLLIN | POLLRDNORM) : 0) |
	       (exo & EXO_POLL_OUT ? asked & (POLLOUT | POLLWRNORM) : 0) |
	       (exo & EXO_POLL_PRI ? asked & POLLPRI : 0) |
	       (exo & EXO_POLL_RDHUP ? asked & POLLRDHUP : 0) |
	       (exo & EXO_POLL_ERR ? POLLERR : 0) | (exo & EXO_POLL_HUP ? POLLHUP : 0) |
	       (exo & EXO_POLL_INVALID ? POLLNVAL : 0);
}

hidden long timeout_ns_from_ms(long ms, exo_u64 *ns)
{
	*ns = (int)ms < 0 ? EXO_TIMEOUT_INFINITE : (exo_u64)(int)ms * 1000000u;
	return 0;
}

hidden long timeout_ns_from_timespec(const struct linux_timespec *user, exo_u64 *ns)
{
	struct linux_timespec t, *ts = &t;

	if (!user) {
		*ns = EXO_TIMEOUT_INFINITE;
		return 0;
	}
	if (user_read(&t, user, sizeof t) < 0)
		return -EFAULT;
	if (ts->tv_sec < 0 || (exo_u64)ts->tv_nsec >= 1000000000u)
		return -EINVAL;
	if ((exo_u64)ts->tv_sec >= 0xffffffffull * 4)  /* over 500 years: for ever */
		*ns = EXO_TIMEOUT_INFINITE - 1;
	else
		*ns = (exo_u64)ts->tv_sec * 1000000000u + (exo_u64)ts->tv_nsec;
	return 0;
}

hidden long poll_caps(struct exo_pollfd *p, unsigned n, exo_u64 timeout_ns)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_POLL };

	sqe.addr = (exo_u64)p;
	sqe.len = n;
	sqe.offset = timeout_ns;
	return net_errno(ring_run(&sqe));
}

/* The program's array is copied in whole and its revents copied back
 * whole, as Linux does: a bad array is EFAULT before any waiting. */
static long do_poll(struct linux_pollfd *user, unsigned long n, exo_u64 timeout_ns)
{
	struct exo_pollfd p[EXO_POLL_MAX];
	struct linux_pollfd fds[EXO_POLL_MAX];
	long invalid = 0, r;

	if (n > exo_vdso_process.fd_limit || n > EXO_POLL_MAX)
		return -EINVAL;   /* Linux: more entries than RLIMIT_NOFILE */
	if (user_read(fds, user, n * sizeof fds[0]) < 0)
		return -EFAULT;
	for (unsigned long i = 0; i < n; i++) {
		struct exo_fd_entry *e = fds[i].fd < 0 ? 0 : fd_lookup_inline(fds[i].fd);
		p[i].cap = e ? e->cap : EXO_CAP_INVALID;
		p[i].events = (exo_u16)poll_events_to_exo((unsigned short)fds[i].events);
		p[i].revents = 0;
		invalid += fds[i].fd >= 0 && !e;
	}
	/* A descriptor that is not open is ready at once, as POLLNVAL. */
	if ((r = poll_caps(p, (unsigned)n, invalid ? 0 : timeout_ns)) < 0)
		return r;
	r = 0;
	for (unsigned long i = 0; i < n; i++) {
		unsigned rev = p[i].revents;
		if (fds[i].fd >= 0 && p[i].cap == EXO_CAP_INVALID)
			rev = EXO_POLL_INVALID;
		fds[i].revents = (short)poll_revents_to_linux(rev, (unsigned short)fds[i].events);
		r += fds[i].revents != 0;
	}
	if (user_write(user, fds, n * sizeof fds[0]) < 0)
		return -EFAULT;
	return r;
}

hidden long sys_poll(SYSCALL_ARGS)
{
	exo_u64 ns;

	timeout_ns_from_ms(a3, &ns);
	return do_poll((struct linux_pollfd *)a1, (unsigned long)a2, ns);
}

/* The timeout is not written back: musl passes ppoll a copy. */
hidden long sys_ppoll(SYSCALL_ARGS)
{
	exo_u64 ns;
	long r;

	if (a4)
		return untranslated(SYS_ppoll, a4);   /* a signal mask: the signal issue */
	if ((r = timeout_ns_from_timespec((const struct linux_timespec *)a3, &ns)) < 0)
		return r;
	(void)a5;
	return do_poll((struct linux_pollfd *)a1, (unsigned long)a2, ns);
}
