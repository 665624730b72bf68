/* close: the descriptor is free as soon as the table says so; the
 * capability is then released in the kernel. POSIX leaves the descriptor
 * closed even when the release reports an error, as Linux does. */
#include "../internal/syscalls.h"

hidden long sys_close(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_RELEASE };

	if (!e)
		return -EBADF;
	sqe.cap = e->cap;
	__atomic_store_n(&e->cap, EXO_CAP_INVALID, __ATOMIC_RELEASE);
	return errno_from_status(ring_run(&sqe));
}
