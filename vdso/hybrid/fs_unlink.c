/* unlink, unlinkat, rmdir: one EXO_OP_UNLINK_AT. AT_REMOVEDIR is the
 * kernel's EXO_UNLINK_DIRECTORY; whether the name is a directory, and
 * empty, the kernel finds out (EISDIR, ENOTDIR, ENOTEMPTY). */
#include "../internal/syscalls.h"

static long unlink_at(long dirfd, const char *path, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_UNLINK_AT };

	if (flags & ~(long)AT_REMOVEDIR)
		return -EINVAL;
	path_sqe(&sqe, dirfd, path);
	sqe.op_flags = flags & AT_REMOVEDIR ? EXO_UNLINK_DIRECTORY : 0;
	return path_errno(ring_run(&sqe));
}

hidden long sys_unlink(SYSCALL_ARGS)
{
	return unlink_at(AT_FDCWD, (const char *)a1, 0);
}

hidden long sys_unlinkat(SYSCALL_ARGS)
{
	return unlink_at(a1, (const char *)a2, a3);
}

hidden long sys_rmdir(SYSCALL_ARGS)
{
	return unlink_at(AT_FDCWD, (const char *)a1, AT_REMOVEDIR);
}
