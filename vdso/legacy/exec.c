/* execve and execveat: one native call, EXO_NC_PROCESS_EXEC. The vDSO
 * never reads the name, the arguments or the environment: the kernel
 * copies them (a bad pointer is EFAULT), checks the program with the
 * caller intact, and only then replaces the image. The descriptors marked
 * close-on-exec are closed by the kernel in that same call, from the
 * descriptor table of the process area: no message per descriptor. */
#include "../internal/syscalls.h"

/* "/dev/fd/N": what Linux calls a program named below a descriptor. */
static void fd_name(char *out, long fd)
{
	static const char head[] = "/dev/fd/";
	char digits[12];
	int n = 0;

	memcpy(out, head, sizeof head - 1);
	out += sizeof head - 1;
	do
		digits[n++] = (char)('0' + fd % 10);
	while ((fd /= 10));
	while (n)
		*out++ = digits[--n];
	*out = 0;
}

static long exec(long dirfd, long path, long argv, long envp, long flags)
{
	struct exo_exec_args a;
	struct exo_fd_entry *e;
	char prefix[24];

	if (flags & ~(long)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	memset(&a, 0, sizeof a);
	a.path = (exo_u64)path;
	a.argv = (exo_u64)argv;
	a.envp = (exo_u64)envp;
	a.root = exo_vdso_process.root_cap;
	if (flags & AT_EMPTY_PATH)
		a.flags |= EXO_EXEC_EMPTY_PATH;
	if (flags & AT_SYMLINK_NOFOLLOW)
		a.flags |= EXO_EXEC_NOFOLLOW;
	if ((int)dirfd == AT_FDCWD) {
		a.dir = exo_vdso_process.cwd_cap;
	} else if ((e = fd_lookup(dirfd))) {
		a.dir = e->cap;
		fd_name(prefix, (int)dirfd);
		a.name_prefix = (exo_u64)prefix;
		if (e->fd_flags & EXO_FD_CLOEXEC)
			a.flags |= EXO_EXEC_PREFIX_CLOSES;
	} else {
		a.dir = EXO_CAP_NO_DIR;   /* EBADF, unless the name is absolute */
	}
	long status = native1(EXO_NC_PROCESS_EXEC, &a);
	switch (status) {
	case EXO_ERR_TOO_BIG: return -E2BIG;
	case EXO_ERR_WRONG_TYPE: return -ENOEXEC;
	default: return path_errno(status);
	}
}

hidden long sys_execve(SYSCALL_ARGS)
{
	return exec(AT_FDCWD, a1, a2, a3, 0);
}

hidden long sys_execveat(SYSCALL_ARGS)
{
	return exec(a1, a2, a3, a4, a5);
}
