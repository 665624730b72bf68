/* stat, lstat, newfstatat: one EXO_OP_STAT_AT below the directory the
 * name starts from; AT_EMPTY_PATH with an empty name is fstat of dirfd. */
#include "../internal/syscalls.h"

static long stat_at(long dirfd, const char *path, struct linux_stat *st, long flags)
{
	struct path_ref ref;
	struct exo_stat s;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STAT_AT };
	long r;

	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	r = path_name(path, &ref);
	if (r == -ENOENT && (flags & AT_EMPTY_PATH)) {
		struct exo_fd_entry *e;
		if ((int)dirfd == AT_FDCWD)
			return stat_cap(exo_vdso_process.cwd_cap, st);
		if (!(e = fd_lookup((int)dirfd)))
			return -EBADF;
		return stat_cap(e->cap, st);
	}
	if (r < 0 || (r = path_dir(dirfd, &ref)) < 0)
		return r;
	sqe.cap = ref.dir;
	sqe.addr = (exo_u64)ref.name;
	sqe.len = ref.len;
	sqe.addr2 = (exo_u64)&s;
	sqe.op_flags = (flags & AT_SYMLINK_NOFOLLOW) ? EXO_STAT_NOFOLLOW : 0;
	r = ring_run(&sqe);
	if (r == EXO_ERR_RIGHTS)
		return -EACCES;
	if (r < 0)
		return errno_from_status(r);
	linux_stat_from_exo(&s, st);
	return 0;
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
