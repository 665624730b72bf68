/* close: the descriptor is free as soon as the table says so; the
 * capability is then released in the kernel. POSIX leaves the descriptor
 * closed even when the release reports an error, as Linux does. */
#include "../internal/syscalls.h"

hidden long cap_release(exo_cap_t cap)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_RELEASE };

	sqe.cap = cap;
	return ring_run(&sqe);
}

hidden long sys_close(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);
	exo_cap_t cap;

	if (!e)
		return -EBADF;
	cap = e->cap;
	__atomic_store_n(&e->cap, EXO_CAP_INVALID, __ATOMIC_RELEASE);
	return errno_from_status(cap_release(cap));
}
