/* mkdir, mkdirat: one EXO_OP_MKDIR_AT. The creation mask is the
 * kernel's (see fs_umask.c), so the mode goes as the program gave it,
 * cut to the bits a directory keeps. */
#include "../internal/syscalls.h"

static long mkdir_at(long dirfd, const char *path, long mode)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_MKDIR_AT };

	path_sqe(&sqe, dirfd, path);
	sqe.offset = (exo_u64)(mode & 07777);
	return path_errno(ring_run(&sqe));
}

hidden long sys_mkdir(SYSCALL_ARGS)
{
	return mkdir_at(AT_FDCWD, (const char *)a1, a2);
}

hidden long sys_mkdirat(SYSCALL_ARGS)
{
	return mkdir_at(a1, (const char *)a2, a3);
}
