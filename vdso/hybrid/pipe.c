/* pipe, pipe2: one EXO_OP_PIPE makes both ends, the read end a capability
 * with READ only and the write end one with WRITE only, so the kernel
 * refuses a write to the read end. Both descriptors are taken before the
 * kernel is asked, so EMFILE leaves nothing behind.
 *
 * A write with no reader left fails with EPIPE (EXO_ERR_PEER_CLOSED).
 * Linux also sends SIGPIPE; POSIX-X sends no signal until signals are
 * translated (the signal issue), so a program that did not ignore
 * SIGPIPE sees EPIPE where Linux would have stopped it. */
#include "../internal/net.h"

static long make_pipe(int *user, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_PIPE };
	exo_cap_t caps[2];
	long fd0, fd1, r;

	if (flags & ~(long)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if (flags & O_DIRECT)
		return untranslated(SYS_pipe2, O_DIRECT);  /* packet mode */
	if ((unsigned long)user < EXO_PAGE_SIZE)
		return -EFAULT;
	if ((fd0 = fd_alloc(0)) < 0)
		return fd0;
	if ((fd1 = fd_alloc((unsigned long)fd0 + 1)) < 0)
		return fd1;
	sqe.addr = (exo_u64)caps;
	sqe.op_flags = (flags & O_NONBLOCK) ? EXO_NET_NONBLOCK : 0;
	if ((r = ring_run(&sqe)) < 0)
		return net_errno(r);
	if ((fd0 = net_install(fd0, caps[0], EXO_OBJ_PIPE, flags, EXO_FD_READ)) < 0) {
		cap_release(caps[1]);
		return fd0;
	}
	if ((fd1 = net_install(fd1, caps[1], EXO_OBJ_PIPE, flags, EXO_FD_WRITE)) < 0) {
		sys_close(fd0, 0, 0, 0, 0, 0);  /* the pair is all or nothing */
		return fd1;
	}
	return give_pair(user, fd0, fd1);
}

hidden long sys_pipe(SYSCALL_ARGS)
{
	return make_pipe((int *)a1, 0);
}

hidden long sys_pipe2(SYSCALL_ARGS)
{
	return make_pipe((int *)a1, a2);
}
