/* execve and execveat: the kernel loads the new image (closing the
 * CLOEXEC descriptors in one batch) and never returns, or returns a
 * status with the caller intact. */
#include "../internal/syscalls.h"

static long exec_errno(long r)
{
	switch (r) {
	case EXO_ERR_WRONG_TYPE: return -ENOEXEC;
	case EXO_ERR_TOO_BIG: return -E2BIG;
	case EXO_ERR_RIGHTS: return -EACCES;
	default: return errno_from_status(r);
	}
}

static long exec_at(long dirfd, const char *path, long argv, long envp, long flags)
{
	struct exo_exec_args args;
	struct path_ref ref;
	long r;

	if (flags & ~(long)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	memset(&args, 0, sizeof args);
	if ((flags & AT_EMPTY_PATH) && path && (unsigned long)path >= EXO_PAGE_SIZE && !path[0]) {
		struct exo_fd_entry *e = fd_lookup(dirfd);
		if (!e)
			return -EBADF;
		args.dir = e->cap;
		args.flags = EXO_EXEC_EMPTY_PATH;
	} else {
		if ((r = path_name(path, &ref)) < 0 || (r = path_dir(dirfd, &ref)) < 0)
			return r;
		args.dir = ref.dir;
		args.path = (exo_u64)ref.name;
	}
	args.argv = (exo_u64)argv;
	args.envp = (exo_u64)envp;
	return exec_errno(native1(EXO_NC_PROCESS_EXEC, &args));
}

hidden long sys_execve(SYSCALL_ARGS)
{
	return exec_at(AT_FDCWD, (const char *)a1, a2, a3, 0);
}

hidden long sys_execveat(SYSCALL_ARGS)
{
	return exec_at(a1, (const char *)a2, a3, a4, a5);
}
