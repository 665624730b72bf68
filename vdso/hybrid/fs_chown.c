/* chown, fchown, lchown, fchownat: one EXO_OP_CHOWN_AT. An id of -1
 * leaves that id as it is (EXO_ID_KEEP); who may change owners is the
 * object's business, checked by the kernel (EPERM). */
#include "../internal/syscalls.h"

static long chown_at(long dirfd, const char *path, long uid, long gid, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_CHOWN_AT };

	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	path_sqe(&sqe, dirfd, path);
	sqe.offset = (exo_u64)(exo_u32)uid | (exo_u64)(exo_u32)gid << 32;
	sqe.op_flags = (flags & AT_SYMLINK_NOFOLLOW ? EXO_FS_NOFOLLOW : 0) |
	               (flags & AT_EMPTY_PATH ? EXO_FS_EMPTY_NAME : 0);
	return path_errno(ring_run(&sqe));
}

hidden long sys_chown(SYSCALL_ARGS)
{
	return chown_at(AT_FDCWD, (const char *)a1, a2, a3, 0);
}

hidden long sys_lchown(SYSCALL_ARGS)
{
	return chown_at(AT_FDCWD, (const char *)a1, a2, a3, AT_SYMLINK_NOFOLLOW);
}

hidden long sys_fchownat(SYSCALL_ARGS)
{
	return chown_at(a1, (const char *)a2, a3, a4, a5);
}

hidden long sys_fchown(SYSCALL_ARGS)
{
	if (!fd_lookup(a1))
		return -EBADF;
	return chown_at(a1, "", a2, a3, AT_EMPTY_PATH);
}
