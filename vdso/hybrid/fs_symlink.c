/* symlink, symlinkat, readlink, readlinkat: EXO_OP_SYMLINK_AT stores the
 * link's text as it is (the kernel reads it, never resolves it);
 * EXO_OP_READLINK_AT copies it into the program's buffer, truncated and
 * without a NUL, as Linux does. */
#include "../internal/syscalls.h"

static long symlink_at(const char *target, long dirfd, const char *path)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SYMLINK_AT };

	path_sqe(&sqe, dirfd, path);
	sqe.addr2 = (exo_u64)target;
	return path_errno(ring_run(&sqe));
}

static long readlink_at(long dirfd, const char *path, char *buf, long size)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_READLINK_AT };

	if ((int)size <= 0)   /* Linux takes an int */
		return -EINVAL;
	path_sqe(&sqe, dirfd, path);
	/* Linux's readlinkat always takes an empty name as dirfd itself
	 * (LOOKUP_EMPTY): an O_PATH|O_NOFOLLOW descriptor of a symlink. */
	sqe.op_flags = EXO_FS_EMPTY_NAME;
	sqe.addr2 = (exo_u64)buf;
	sqe.len = size > (long)EXO_PATH_MAX ? EXO_PATH_MAX : (exo_u32)size;
	return path_errno(ring_run(&sqe));
}

hidden long sys_symlink(SYSCALL_ARGS)
{
	return symlink_at((const char *)a1, AT_FDCWD, (const char *)a2);
}

hidden long sys_symlinkat(SYSCALL_ARGS)
{
	return symlink_at((const char *)a1, a2, (const char *)a3);
}

hidden long sys_readlink(SYSCALL_ARGS)
{
	return readlink_at(AT_FDCWD, (const char *)a1, (char *)a2, a3);
}

hidden long sys_readlinkat(SYSCALL_ARGS)
{
	return readlink_at(a1, (const char *)a2, (char *)a3, a4);
}
