/* truncate, ftruncate: one EXO_OP_TRUNCATE_AT, by name or of the
 * descriptor's capability. The kernel refuses a capability without
 * WRITE; Linux calls that EINVAL for ftruncate (fs/open.c). */
#include "../internal/syscalls.h"

static long truncate_at(long dirfd, const char *path, long length, unsigned f)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_TRUNCATE_AT };

	if (length < 0)
		return EXO_ERR_INVALID;
	path_sqe(&sqe, dirfd, path);
	sqe.offset = (exo_u64)length;
	sqe.op_flags = f;
	return ring_run(&sqe);
}

hidden long sys_truncate(SYSCALL_ARGS)
{
	return path_errno(truncate_at(AT_FDCWD, (const char *)a1, a2, 0));
}

hidden long sys_ftruncate(SYSCALL_ARGS)
{
	long r;

	if (!fd_lookup_io(a1))
		return -EBADF;
	r = truncate_at(a1, "", a2, EXO_FS_EMPTY_NAME);
	if (r == EXO_ERR_RIGHTS)
		return -EINVAL;
	return errno_from_status(r);
}
