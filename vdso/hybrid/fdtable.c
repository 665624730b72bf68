/* The descriptor table (abi/exo/process.h): fd -> capability and the
 * cached status, filled by the kernel at start and owned by the vDSO.
 *
 * Allocation takes the lowest free descriptor, as POSIX requires of open
 * and dup. One thread per process so far: a multi-threaded process will
 * need a free slot to be claimed atomically before the kernel is asked for
 * the capability that fills it. */
#include "../internal/vdso.h"

hidden struct exo_fd_entry *fd_lookup(long fd)
{
	struct exo_fd_entry *e;

	if ((unsigned long)fd >= exo_vdso_process.fd_limit)
		return 0;
	e = &exo_vdso_fds[fd];
	return e->cap == EXO_CAP_INVALID ? 0 : e;
}

hidden long fd_alloc(unsigned long min)
{
	for (unsigned long fd = min; fd < exo_vdso_process.fd_limit; fd++)
		if (exo_vdso_fds[fd].cap == EXO_CAP_INVALID)
			return (long)fd;
	return -EMFILE;
}

hidden void fd_install(long fd, exo_cap_t cap, unsigned object, unsigned fd_flags,
                       unsigned status_flags)
{
	struct exo_fd_entry *e = &exo_vdso_fds[fd];

	e->fd_flags = (exo_u16)fd_flags;
	e->object = (exo_u16)object;
	e->status_flags = status_flags;
	e->reserved = 0;
	__atomic_store_n(&e->cap, cap, __ATOMIC_RELEASE);
}
