/* chmod, fchmod, fchmodat: one EXO_OP_CHMOD_AT, by name or, for fchmod,
 * of the descriptor's capability itself (an empty name with
 * EXO_FS_EMPTY_NAME). Linux keeps only the permission, set-id and sticky
 * bits of the mode it is given; so does this. */
#include "../internal/syscalls.h"

static long chmod_at(long dirfd, const char *path, long mode, unsigned f)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_CHMOD_AT };

	path_sqe(&sqe, dirfd, path);
	sqe.offset = (exo_u64)(mode & 07777);
	sqe.op_flags = f;
	return path_errno(ring_run(&sqe));
}

hidden long sys_chmod(SYSCALL_ARGS)
{
	return chmod_at(AT_FDCWD, (const char *)a1, a2, 0);
}

hidden long sys_fchmodat(SYSCALL_ARGS)
{
	return chmod_at(a1, (const char *)a2, a3, 0);
}

hidden long sys_fchmod(SYSCALL_ARGS)
{
	if (!fd_lookup(a1))
		return -EBADF;
	return chmod_at(a1, "", a2, EXO_FS_EMPTY_NAME);
}
