/* stat, lstat, newfstatat: one EXO_OP_STAT_AT below the directory the
 * name starts from; AT_EMPTY_PATH with an empty name is fstat of dirfd,
 * which the kernel decides, since only it reads the name. */
#include "../internal/syscalls.h"

/* Shared with statx (fs_statx.c): the kernel's description of a name. */
hidden long stat_name(long dirfd, const char *path, long flags, struct exo_stat *s)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STAT_AT };

	path_sqe(&sqe, dirfd, path);
	sqe.addr2 = (exo_u64)s;
	sqe.op_flags = (flags & AT_SYMLINK_NOFOLLOW ? EXO_STAT_NOFOLLOW : 0) |
	               (flags & AT_EMPTY_PATH ? EXO_STAT_EMPTY_NAME : 0);
	return path_errno(ring_run(&sqe));
}

static long stat_at(long dirfd, const char *path, struct linux_stat *st, long flags)
{
	struct exo_stat s;
	struct linux_stat out;
	long r;

	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if ((r = stat_name(dirfd, path, flags, &s)) < 0)
		return r;
	linux_stat_from_exo(&s, &out);
	return user_write(st, &out, sizeof out);
}

hidden long sys_stat(SYSCALL_ARGS)
{
	return stat_at(AT_FDCWD, (const char *)a1, (struct linux_stat *)a2, 0);
}

hidden long sys_lstat(SYSCALL_ARGS)
{
	return stat_at(AT_FDCWD, (const char *)a1, (struct linux_stat *)a2, AT_SYMLINK_NOFOLLOW);
}

hidden long sys_newfstatat(SYSCALL_ARGS)
{
	return stat_at(a1, (const char *)a2, (struct linux_stat *)a3, a4);
}
