/* eventfd, eventfd2: an event counter capability (EXO_OBJ_EVENT); reads
 * and writes of its 8 bytes are the ordinary READ and WRITE ring entries. */
#include "../internal/net.h"

static long make_event(long initial, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_EVENT };
	long fd, r;

	if (flags & ~(long)(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	if ((fd = fd_alloc(0)) < 0)
		return fd;
	sqe.offset = (exo_u32)initial;   /* an unsigned int to Linux */
	sqe.op_flags = ((flags & O_NONBLOCK) ? EXO_NET_NONBLOCK : 0) |
	               ((flags & EFD_SEMAPHORE) ? EXO_EVENT_SEMAPHORE : 0);
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((fd = net_install(fd, (exo_cap_t)r, EXO_OBJ_EVENT, flags, EXO_FD_READ | EXO_FD_WRITE)) < 0)
		return fd;
	return fd;
}

hidden long sys_eventfd(SYSCALL_ARGS)
{
	return make_event(a1, 0);
}

hidden long sys_eventfd2(SYSCALL_ARGS)
{
	return make_event(a1, a2);
}
