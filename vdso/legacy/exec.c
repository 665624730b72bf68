/* execve, execveat: one EXO_NC_PROCESS_EXEC (abi/exo/task.h). The kernel
 * resolves the name below the directory (an absolute one below the root),
 * checks the image and builds the new one before it lets the old go, so a
 * failure (ENOENT, EACCES, ENOEXEC, E2BIG) returns to an intact caller.
 * The descriptors without CLOEXEC reach the new vDSO's table through the
 * kernel (process.h). A minimal translation for the QEMU kernel, which
 * serves the call; see docs/qemu-kernel.md. */
#include "../internal/syscalls.h"

static long exec_at(long dirfd, const char *path, long argv, long envp, long flags)
{
	struct exo_exec_args a;
	struct exo_fd_entry *e;

	if (flags & ~(long)AT_EMPTY_PATH)
		return untranslated(SYS_execveat, flags);
	memset(&a, 0, sizeof a);
	if ((int)dirfd == AT_FDCWD)
		a.dir = exo_vdso_process.cwd_cap;
	else if ((e = fd_lookup(dirfd)))
		a.dir = e->cap;
	else
		a.dir = EXO_CAP_NO_DIR;
	if ((flags & AT_EMPTY_PATH) && path && !*path)
		a.flags = EXO_EXEC_EMPTY_PATH;
	a.path = (exo_u64)path;
	a.argv = (exo_u64)argv;
	a.envp = (exo_u64)envp;
	return errno_from_status(native1(EXO_NC_PROCESS_EXEC, &a));
}

hidden long sys_execve(SYSCALL_ARGS)
{
	return exec_at(AT_FDCWD, (const char *)a1, a2, a3, 0);
}

hidden long sys_execveat(SYSCALL_ARGS)
{
	return exec_at(a1, (const char *)a2, a3, a4, a5);
}
