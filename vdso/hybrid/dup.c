/* dup, dup2, dup3: a duplicate descriptor holds a new capability the
 * kernel derives from the old one (EXO_OP_DUPLICATE), with the same
 * rights and the same open object, so the two share position and status
 * as POSIX requires; only the close-on-exec flag is the descriptor's own.
 * Checks come in the order Linux makes them (fs/file.c). */
#include "../internal/syscalls.h"

static long duplicate_cap(exo_cap_t cap)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_DUPLICATE };

	sqe.cap = cap;
	return ring_run(&sqe);
}

hidden long fd_duplicate(const struct exo_fd_entry *e, unsigned long min, unsigned fd_flags)
{
	long fd = fd_alloc(min), cap;

	if (fd < 0)
		return fd;
	cap = duplicate_cap(e->cap);
	if (cap < 0)
		return errno_from_status(cap);
	return fd_install(fd, (exo_cap_t)cap, e->object, fd_flags, e->status_flags);
}

/* newfd is closed only once the duplicate exists, so a failure leaves it
 * open; an error from that close is lost, as Linux loses it. */
static long dup_onto(long oldfd, long newfd, unsigned fd_flags)
{
	struct exo_fd_entry *e;
	exo_cap_t previous;
	long cap;

	if ((unsigned long)newfd >= exo_vdso_process.fd_limit)
		return -EBADF;
	if (!(e = fd_lookup(oldfd)))
		return -EBADF;
	cap = duplicate_cap(e->cap);
	if (cap < 0)
		return errno_from_status(cap);
	previous = exo_vdso_fds[newfd].cap;
	fd_set(newfd, (exo_cap_t)cap, e->object, fd_flags, e->status_flags);
	if (previous != EXO_CAP_INVALID)
		cap_release(previous);
	return newfd;
}

hidden long sys_dup(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);

	if (!e)
		return -EBADF;
	return fd_duplicate(e, 0, 0);
}

hidden long sys_dup2(SYSCALL_ARGS)
{
	/* The same descriptor twice: nothing to do if it is open. */
	if (a1 == a2)
		return fd_lookup(a1) ? a2 : -EBADF;
	return dup_onto(a1, a2, 0);
}

hidden long sys_dup3(SYSCALL_ARGS)
{
	if (a3 & ~(long)O_CLOEXEC)
		return -EINVAL;
	if (a1 == a2)
		return -EINVAL;
	return dup_onto(a1, a2, (a3 & O_CLOEXEC) ? EXO_FD_CLOEXEC : 0);
}
