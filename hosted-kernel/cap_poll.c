/* Readiness: POLL over an array of capabilities in one ring entry (the
 * batching a poll over many descriptors needs: one kernel entry, one host
 * poll), and readiness sets backed by host epoll instances. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include "net.h"


/* The host numbers IN..INVALID as Exo-OS does (checked below), so only
 * RDHUP moves: no loop over the table per descriptor, which a 64-entry
 * POLL paid 64 times each way. */
#define SAME_BITS (EXO_POLL_IN | EXO_POLL_PRI | EXO_POLL_OUT | EXO_POLL_ERR | EXO_POLL_HUP | \
                   EXO_POLL_INVALID)
_Static_assert(EXO_POLL_IN == POLLIN && EXO_POLL_PRI == POLLPRI && EXO_POLL_OUT == POLLOUT &&
               EXO_POLL_ERR == POLLERR && EXO_POLL_HUP == POLLHUP &&
               EXO_POLL_INVALID == POLLNVAL, "host poll bits");

unsigned poll_to_host(unsigned exo)
{
	return (exo & SAME_BITS) | (exo & EXO_POLL_RDHUP ? POLLRDHUP : 0);
}

unsigned poll_from_host(unsigned host)
{
	return (host & SAME_BITS) | (host & POLLRDHUP ? EXO_POLL_RDHUP : 0);
}

/* A timeout in nanoseconds as ppoll's; NULL waits for ever. */
static struct timespec *host_timeout(exo_u64 ns, struct timespec *ts)
{
	if (ns == EXO_TIMEOUT_INFINITE)
		return NULL;
	ts->tv_sec = (time_t)(ns / 1000000000u);
	ts->tv_nsec = (long)(ns % 1000000000u);
	return ts;
}

/* poll when the timeout is a whole number of milliseconds (0 and for
 * ever included), ppoll otherwise: ppoll's timespec costs the host about
 * 100-190 cycles more per call (a loop of each on the bench machine,
 * docs/hybrid-perf.md), and a zero timeout is what a busy poller uses.
 * A poll that may wait goes through host_call_cp: a guest signal that
 * came while the call was prepared ends it at once (EINTR) rather than
 * after its timeout; one that cannot wait is made plainly, as Linux
 * answers it whatever is pending. Returns the count or -errno. */
static long host_poll(struct pollfd *h, unsigned n, exo_u64 ns, struct timespec *ts)
{
	if (ns == 0) {
		long r = syscall(SYS_poll, h, n, 0);
		return r < 0 ? -errno : r;
	}
	if (ns == EXO_TIMEOUT_INFINITE)
		return host_call_cp(SYS_poll, (long)h, n, -1, 0, 0, 0);
	if (ns % 1000000u == 0 && ns / 1000000u <= 0x7fffffff)
		return host_call_cp(SYS_poll, (long)h, n, (long)(ns / 1000000u), 0, 0, 0);
	return host_call_cp(SYS_ppoll, (long)h, n, (long)host_timeout(ns, ts), 0, 8, 0);
}

long net_poll(const struct exo_ring_sqe *sqe)
{
	struct exo_pollfd p[EXO_POLL_MAX];
	struct pollfd h[EXO_POLL_MAX];
	struct timespec ts;
	unsigned n = sqe->len;
	exo_u64 ns = sqe->offset;
	long r, ready = 0;
	int bad = 0;

	if (n > EXO_POLL_MAX || sqe->op_flags)
		return EXO_ERR_INVALID;
	if (n && (r = copy_from_guest(p, sqe->addr, n * sizeof p[0])) < 0)
		return r;
	for (unsigned i = 0; i < n; i++) {
		struct kcap *c;
		h[i].fd = -1;           /* the host skips it: revents 0 */
		h[i].events = (short)poll_to_host(p[i].events);
		h[i].revents = 0;
		if (p[i].cap == EXO_CAP_INVALID)
			continue;
		/* An unknown capability is the host's POLLNVAL; a closed host
		 * descriptor number gives exactly that. */
		h[i].fd = (c = cap_get(p[i].cap, 0, &r)) ? c->host_fd : 0x7fffffff;
		bad |= !c;
	}
	/* Many descriptors: the thread's kept set (poll_set.c), when the
	 * timeout is one epoll_wait can count (milliseconds) and nothing is
	 * POLLNVAL (the host's poll says that at once). */
	r = POLL_SET_DECLINED;
	if (n >= POLL_SET_MIN && !bad && (ns == EXO_TIMEOUT_INFINITE || ns % 1000000u == 0))
		r = poll_set_poll(p, h, n, &ns);
	if (r == POLL_SET_DECLINED) {
		int timed = ns && ns != EXO_TIMEOUT_INFINITE;
		exo_u64 deadline = timed ? poll_now_ns() + ns : 0;
		while ((r = host_poll(h, n, ns, &ts)) < 0) {
			/* nothing for the guest (poll_set.c): wait on, to the
			 * same deadline */
			if (r != -EINTR || poll_signal_pending())
				return net_status_from_errno((int)-r);
			if (timed) {
				exo_u64 t = poll_now_ns();
				ns = t >= deadline ? 0 : deadline - t;
			}
		}
	}
	if (r != POLL_SET_DECLINED && r < 0)
		return r;
	for (unsigned i = 0; i < n; i++) {
		p[i].revents = (exo_u16)poll_from_host((unsigned short)h[i].revents);
		ready += p[i].revents != 0;
	}
	if (n && (r = copy_to_guest(sqe->addr, p, n * sizeof p[0])) < 0)
		return r;
	return ready;
}

long net_epoll_create(const struct exo_ring_sqe *sqe)
{
	int fd;
	long h;

	if (sqe->op_flags)
		return EXO_ERR_INVALID;
	if ((fd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return net_status_from_errno(errno);
	h = cap_install(fd, EXO_OBJ_EPOLL, EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER);
	if (h < 0)
		close(fd);
	return h;
}

static long epoll_set(struct kcap *c, long *status)
{
	if (c->object != EXO_OBJ_EPOLL) {
		*status = EXO_ERR_INVALID;  /* Linux: EINVAL when the set is no epoll */
		return 0;
	}
	return 1;
}

long net_epoll_ctl(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const int ops[] = { 0, EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD };
	const unsigned valid = 0x7f | EXO_EPOLL_ET | EXO_EPOLL_ONESHOT | EXO_EPOLL_EXCLUSIVE;
	struct epoll_event ev = {0};
	struct kcap *target;
	long status;

	if (!epoll_set(c, &status))
		return status;
	if (sqe->op_flags < EXO_EPOLL_ADD || sqe->op_flags > EXO_EPOLL_MOD || (sqe->len & ~valid))
		return EXO_ERR_INVALID;
	if (!(target = cap_get((exo_cap_t)sqe->offset, 0, &status)))
		return status;
	ev.events = poll_to_host(sqe->len & 0xffff) & ~(unsigned)POLLNVAL;
	if (sqe->len & EXO_EPOLL_ET) ev.events |= EPOLLET;
	if (sqe->len & EXO_EPOLL_ONESHOT) ev.events |= EPOLLONESHOT;
	if (sqe->len & EXO_EPOLL_EXCLUSIVE) ev.events |= EPOLLEXCLUSIVE;
	ev.data.u64 = sqe->addr2;
	return net_host(epoll_ctl(c->host_fd, ops[sqe->op_flags], target->host_fd, &ev));
}

#define EPOLL_BATCH 256u

long net_epoll_wait(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct epoll_event ev[EPOLL_BATCH];
	struct exo_epoll_event out[EPOLL_BATCH];
	struct timespec ts, *t;
	unsigned max = sqe->len < EPOLL_BATCH ? sqe->len : EPOLL_BATCH;
	long status;
	int n, ms;

	if (!epoll_set(c, &status))
		return status;
	if (max == 0 || sqe->op_flags)
		return EXO_ERR_INVALID;
	/* epoll_wait counts milliseconds: round a finer timeout up, so that
	 * it never returns before the time asked. */
	t = host_timeout(sqe->offset, &ts);
	ms = !t ? -1 : sqe->offset / 1000000u >= 0x7fffffff ? 0x7fffffff
	     : (int)((sqe->offset + 999999u) / 1000000u);
	/* One that may wait: interruptible as a poll (host_poll). */
	if (ms == 0)
		n = (int)net_host(epoll_wait(c->host_fd, ev, (int)max, 0));
	else
		n = (int)net_host_wait(SYS_epoll_wait, c->host_fd, (long)ev, (long)max, ms, 0);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		out[i] = (struct exo_epoll_event){ poll_from_host(ev[i].events), 0, ev[i].data.u64 };
	if (n && (status = copy_to_guest(sqe->addr, out, (unsigned)n * sizeof out[0])) < 0)
		return status;
	return n;
}
