/* epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait: a
 * readiness set is a capability (EXO_OBJ_EPOLL) held by the kernel; ctl
 * names the target by its capability, wait fills Exo-OS events that
 * become Linux's packed struct epoll_event here. */
#include "../internal/net.h"

#define WAIT_BATCH 64u

static long create(long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_EPOLL_CREATE };
	long fd, r;

	if (flags & ~(long)O_CLOEXEC)
		return -EINVAL;
	if ((fd = fd_alloc(0)) < 0)
		return fd;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((fd = net_install(fd, (exo_cap_t)r, EXO_OBJ_EPOLL, flags, 0)) < 0)
		return fd;
	return fd;
}

hidden long sys_epoll_create(SYSCALL_ARGS)
{
	return (int)a1 <= 0 ? -EINVAL : create(0);
}

hidden long sys_epoll_create1(SYSCALL_ARGS)
{
	return create(a1);
}

static long epoll_of(long epfd, exo_cap_t *cap)
{
	struct exo_fd_entry *e = fd_lookup(epfd);

	if (!e)
		return -EBADF;
	*cap = e->cap;
	return e->object == EXO_OBJ_EPOLL ? 0 : -EINVAL;
}

hidden long sys_epoll_ctl(SYSCALL_ARGS)
{
	static const exo_u32 ops[] = { 0, EXO_EPOLL_ADD, EXO_EPOLL_DEL, EXO_EPOLL_MOD };
	struct linux_epoll_event event, *ev = &event;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_EPOLL_CTL };
	struct exo_fd_entry *target;
	exo_u32 events = 0;
	long r;

	if (a2 != EPOLL_CTL_DEL && user_read(&event, (const void *)a4, sizeof event) < 0)
		return -EFAULT;
	if (fd_lookup(a1) == 0 || !(target = fd_lookup(a3)))
		return -EBADF;
	if (a1 == a3)
		return -EINVAL;
	if ((r = epoll_of(a1, &sqe.cap)) < 0)
		return r;
	if (a2 < EPOLL_CTL_ADD || a2 > EPOLL_CTL_MOD)
		return -EINVAL;
	if (a2 != EPOLL_CTL_DEL) {
		events = poll_events_to_exo(ev->events) |
		         (ev->events & EPOLLET ? EXO_EPOLL_ET : 0) |
		         (ev->events & EPOLLONESHOT ? EXO_EPOLL_ONESHOT : 0) |
		         (ev->events & EPOLLEXCLUSIVE ? EXO_EPOLL_EXCLUSIVE : 0);
		sqe.addr2 = ev->data;
	}
	sqe.offset = target->cap;
	sqe.op_flags = ops[a2];
	sqe.len = events;
	return net_errno(ring_run(&sqe));
}

static unsigned linux_events(unsigned exo)
{
	return (exo & EXO_POLL_IN ? POLLIN : 0) | (exo & EXO_POLL_OUT ? POLLOUT : 0) |
	       (exo & EXO_POLL_PRI ? POLLPRI : 0) | (exo & EXO_POLL_RDHUP ? POLLRDHUP : 0) |
	       (exo & EXO_POLL_ERR ? POLLERR : 0) | (exo & EXO_POLL_HUP ? POLLHUP : 0);
}

static long wait_events(long epfd, struct linux_epoll_event *user, long max, long ms)
{
	struct exo_epoll_event ev[WAIT_BATCH];
	struct linux_epoll_event out[WAIT_BATCH];
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_EPOLL_WAIT };
	long r;

	if ((int)max <= 0)
		return -EINVAL;
	if ((r = epoll_of(epfd, &sqe.cap)) < 0)
		return r;
	if ((unsigned long)user < EXO_PAGE_SIZE)
		return -EFAULT;   /* before waiting, as Linux checks access_ok */
	timeout_ns_from_ms(ms, &sqe.offset);
	sqe.addr = (exo_u64)ev;
	sqe.len = (int)max < (int)WAIT_BATCH ? (exo_u32)max : WAIT_BATCH;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	for (long i = 0; i < r; i++) {
		out[i].events = linux_events(ev[i].events);
		out[i].data = ev[i].data;
	}
	if (r && user_write(user, out, (unsigned long)r * sizeof out[0]) < 0)
		return -EFAULT;
	return r;
}

hidden long sys_epoll_wait(SYSCALL_ARGS)
{
	return wait_events(a1, (struct linux_epoll_event *)a2, a3, a4);
}

hidden long sys_epoll_pwait(SYSCALL_ARGS)
{
	if (a5)
		return untranslated(SYS_epoll_pwait, a5);   /* a signal mask: the signal issue */
	(void)a6;
	return wait_events(a1, (struct linux_epoll_event *)a2, a3, a4);
}
