/* access, faccessat, faccessat2: one EXO_OP_ACCESS_AT below the directory
 * the name starts from. The permission check is the kernel's, against
 * the object's own permission bits. */
#include "../internal/syscalls.h"

static long access_at(long dirfd, const char *path, long mode, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_ACCESS_AT };
	unsigned f = 0;
	if (mode & ~(long)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(long)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (mode & R_OK) f |= EXO_ACCESS_READ;
	if (mode & W_OK) f |= EXO_ACCESS_WRITE;
	if (mode & X_OK) f |= EXO_ACCESS_EXECUTE;
	if (flags & AT_EACCESS) f |= EXO_ACCESS_EFFECTIVE;
	if (flags & AT_SYMLINK_NOFOLLOW) f |= EXO_ACCESS_NOFOLLOW;
	if (flags & AT_EMPTY_PATH) f |= EXO_ACCESS_EMPTY_NAME;
	path_sqe(&sqe, dirfd, path);
	sqe.op_flags = f;
	return path_errno(ring_run(&sqe));
}

hidden long sys_access(SYSCALL_ARGS)
{
	return access_at(AT_FDCWD, (const char *)a1, a2, 0);
}

hidden long sys_faccessat(SYSCALL_ARGS)
{
	return access_at(a1, (const char *)a2, a3, 0);
}

hidden long sys_faccessat2(SYSCALL_ARGS)
{
	return access_at(a1, (const char *)a2, a3, a4);
}
