/* Helpers shared by the vDSO's pipe, socket and readiness calls (the
 * files vdso/hybrid/pipe.c, socket*.c, poll.c, select.c, epoll.c,
 * eventfd.c). */
#ifndef VDSO_NET_H
#define VDSO_NET_H

#include "syscalls.h"
#include "linux_net.h"

/* Native status -> -errno, with the socket statuses of ring_net.h. */
hidden long net_errno(long status);
/* Install a new capability the kernel made at the lowest free descriptor
 * fd (allocated before asking the kernel, so EMFILE comes first). */
hidden long net_install(long fd, exo_cap_t cap, unsigned object, long linux_flags,
                        unsigned status);
/* The descriptor's capability if it is a socket: -EBADF, -ENOTSOCK. */
hidden long socket_cap(long fd, exo_cap_t *cap);

/* Linux address <-> Exo-OS address (hybrid/sockaddr.c). from_linux also
 * says which directory capability a UNIX path starts from (*dir). */
hidden long sockaddr_from_linux(const void *addr, long len, struct exo_sockaddr *a,
                                exo_cap_t *dir);
/* Write a as Linux's address into addr, at most *lenp bytes (truncated as
 * Linux truncates), and its full length into *lenp. */
hidden long sockaddr_to_linux(const struct exo_sockaddr *a, void *addr, exo_u32 *lenp);

/* Two new descriptors into the program's int[2]; on EFAULT both are
 * closed again (hybrid/socket.c). */
hidden long give_pair(int *user, long fd0, long fd1);

/* Readiness bits (hybrid/poll.c). */
hidden unsigned poll_events_to_exo(unsigned linux_events);
hidden unsigned poll_revents_to_linux(unsigned exo, unsigned asked);
/* Linux timeouts to nanoseconds; -EINVAL for a bad one. */
hidden long timeout_ns_from_ms(long ms, exo_u64 *ns);
hidden long timeout_ns_from_timespec(const struct linux_timespec *ts, exo_u64 *ns);
/* One EXO_OP_POLL over p[0..n). */
hidden long poll_caps(struct exo_pollfd *p, unsigned n, exo_u64 timeout_ns);

#endif
