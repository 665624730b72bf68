/* fsync, fdatasync, fallocate: EXO_OP_SYNC and EXO_OP_ALLOCATE on the
 * descriptor's capability. fallocate's plain and KEEP_SIZE modes are
 * translated; the others (punching holes, collapsing, zeroing ranges)
 * are not, and are named as such. */
#include "../internal/syscalls.h"

static long sync_fd(long fd, unsigned f)
{
	struct exo_fd_entry *e = fd_lookup(fd);
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SYNC };

	if (!e)
		return -EBADF;
	sqe.cap = e->cap;
	sqe.op_flags = f;
	return errno_from_status(ring_run(&sqe));
}

hidden long sys_fsync(SYSCALL_ARGS)
{
	return sync_fd(a1, 0);
}

hidden long sys_fdatasync(SYSCALL_ARGS)
{
	return sync_fd(a1, EXO_SYNC_DATA);
}

hidden long sys_fallocate(SYSCALL_ARGS)
{
	struct exo_fd_entry *e;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_ALLOCATE };
	long r;

	if ((int)a2 & ~FALLOC_FL_KEEP_SIZE)
		return untranslated(SYS_fallocate, a2);
	if (a3 < 0 || a4 <= 0)
		return -EINVAL;
	if (!(e = fd_lookup(a1)))
		return -EBADF;
	sqe.cap = e->cap;
	sqe.offset = (exo_u64)a3;
	sqe.addr2 = (exo_u64)a4;
	sqe.op_flags = (int)a2 & FALLOC_FL_KEEP_SIZE ? EXO_ALLOCATE_KEEP_SIZE : 0;
	r = ring_run(&sqe);
	if (r == EXO_ERR_RIGHTS)
		return -EBADF;   /* not open for writing */
	return errno_from_status(r);
}
