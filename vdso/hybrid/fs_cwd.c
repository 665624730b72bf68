/* chdir, fchdir, getcwd. The current directory is a capability in the
 * process page (cwd_cap), not a string: chdir opens the name as a
 * search-only directory capability (EXO_OPEN_SEARCH), fchdir duplicates
 * the descriptor's, and either replaces cwd_cap and releases the one it
 * held. getcwd asks the kernel what the capability is called. */
#include "../internal/syscalls.h"

static void set_cwd(exo_cap_t cap)
{
	exo_cap_t old = __atomic_exchange_n(&exo_vdso_process.cwd_cap, cap, __ATOMIC_ACQ_REL);

	if (old != EXO_CAP_INVALID)
		cap_release(old);
}

hidden long sys_chdir(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_OPEN_AT };
	long r;

	path_sqe(&sqe, AT_FDCWD, (const char *)a1);
	sqe.op_flags = EXO_OPEN_SEARCH | EXO_OPEN_DIRECTORY;
	if ((r = ring_run(&sqe)) < 0)
		return path_errno(r);
	set_cwd((exo_cap_t)r);
	return 0;
}

hidden long sys_fchdir(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_ACCESS_AT };
	long r;

	if (!e)
		return -EBADF;
	if ((r = fd_object(e)) < 0)
		return r;
	if (r != EXO_OBJ_DIRECTORY)
		return -ENOTDIR;
	/* Searching it must be permitted, as for chdir. */
	path_sqe(&sqe, a1, "");
	sqe.op_flags = EXO_ACCESS_EXECUTE | EXO_ACCESS_EMPTY_NAME;
	if ((r = ring_run(&sqe)) < 0)
		return path_errno(r);
	sqe = (struct exo_ring_sqe){ .opcode = EXO_OP_DUPLICATE, .cap = e->cap };
	if ((r = ring_run(&sqe)) < 0)
		return errno_from_status(r);
	set_cwd((exo_cap_t)r);
	return 0;
}

hidden long sys_getcwd(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_DIR_PATH };
	unsigned long size = (unsigned long)a2;
	long r;

	if (exo_vdso_process.cwd_cap == EXO_CAP_INVALID)
		return -ENOENT;
	sqe.cap = exo_vdso_process.cwd_cap;
	sqe.addr = (exo_u64)a1;
	sqe.len = size > EXO_PATH_MAX ? EXO_PATH_MAX : (exo_u32)size;
	r = ring_run(&sqe);
	if (r == EXO_ERR_OVERFLOW)
		return -ERANGE;
	return errno_from_status(r);
}
