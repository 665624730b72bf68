/* The descriptor table (abi/exo/process.h): fd -> capability and the
 * cached status, filled by the kernel at start and owned by the vDSO.
 *
 * Allocation takes the lowest free descriptor, as POSIX requires of open
 * and dup. Threads share the table: fd_alloc only finds a candidate, and
 * fd_install claims a slot atomically (compare-and-swap to a handle that
 * is never live, EXO_CAP_NO_DIR), fills it, then publishes the capability.
 * If another thread took the candidate meanwhile, the next free slot is
 * used: between concurrent calls POSIX defines no order. */
#include "../internal/vdso.h"

hidden struct exo_fd_entry *fd_lookup(long fd)
{
	return fd_lookup_inline(fd);
}

hidden long fd_alloc(unsigned long min)
{
	for (unsigned long fd = min; fd < exo_vdso_process.fd_limit; fd++)
		if (exo_vdso_fds[fd].cap == EXO_CAP_INVALID)
			return (long)fd;
	return -EMFILE;
}

/* Fill a slot known to be this caller's (dup2 onto a descriptor). */
hidden void fd_set(long fd, exo_cap_t cap, unsigned object, unsigned fd_flags,
                   unsigned status_flags)
{
	struct exo_fd_entry *e = &exo_vdso_fds[fd];

	e->fd_flags = (exo_u16)fd_flags;
	e->object = (exo_u16)object;
	e->status_flags = status_flags;
	e->reserved = 0;
	__atomic_store_n(&e->cap, cap, __ATOMIC_RELEASE);
}

/* Claim the lowest free slot >= fd and fill it: the descriptor, or
 * -EMFILE (the capability is then released). */
hidden long fd_install(long fd, exo_cap_t cap, unsigned object, unsigned fd_flags,
                       unsigned status_flags)
{
	for (; (unsigned long)fd < exo_vdso_process.fd_limit; fd++) {
		exo_cap_t expected = EXO_CAP_INVALID;
		if (__atomic_compare_exchange_n(&exo_vdso_fds[fd].cap, &expected, EXO_CAP_NO_DIR, 0,
		                                __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			fd_set(fd, cap, object, fd_flags, status_flags);
			return fd;
		}
	}
	cap_release(cap);
	return -EMFILE;
}
