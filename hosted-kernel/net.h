/* The hosted kernel's pipes, sockets and readiness (abi/exo/ring_net.h):
 * interfaces between cap_net.c, cap_pipe.c, cap_socket.c, cap_sockmsg.c,
 * cap_sockaddr.c and cap_poll.c. Every object is backed by a host
 * descriptor of the same kind, so blocking, buffering and readiness are
 * Linux's; the capability table still decides who may do what. */
#ifndef HOSTED_NET_H
#define HOSTED_NET_H

#include <exo/ring.h>
#include "kernel.h"

/* The NET opcode range, from cap_op(). */
long net_op(const struct exo_ring_sqe *sqe);
/* Host errno -> native status, with the socket statuses of ring_net.h. */
long net_status_from_errno(int err);
/* A host result: the value, or the status of errno. */
long net_host(long r);
/* A host call that may wait, made with host_call_cp (signal_cp.S): a guest
 * signal that came while the call was prepared ends it as interrupted
 * instead of leaving the thread asleep with its handler unrun. The value,
 * or the status of the -errno it returns. */
long net_host_wait(long nr, long a1, long a2, long a3, long a4, long a5);
/* Put two new host descriptors in the table and their handles at addr;
 * on any failure both are closed and nothing is left behind. */
long net_install_pair(const int fd[2], unsigned object, const unsigned rights[2], exo_u64 addr);

/* cap_pipe.c */
long net_pipe(const struct exo_ring_sqe *sqe);
long net_event(const struct exo_ring_sqe *sqe);

/* cap_socket.c */
#define SOCKET_RIGHTS (EXO_RIGHT_READ | EXO_RIGHT_WRITE | EXO_RIGHT_STAT | \
                       EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER)
long net_socket(const struct exo_ring_sqe *sqe);
long net_socketpair(const struct exo_ring_sqe *sqe);
long net_bind_connect(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_listen(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_accept(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_shutdown(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_sockname(const struct exo_ring_sqe *sqe, struct kcap *c);

/* cap_sockmsg.c */
long net_sockopt(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_send(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_recv(const struct exo_ring_sqe *sqe, struct kcap *c);

/* cap_sockaddr.c: exo_sockaddr <-> host sockaddr. to_host reads the guest's
 * structure; a UNIX path is made relative to the directory capability dir
 * (through /proc/self/fd, so it must fit Linux's 108 bytes that way). */
struct sockaddr_storage;
long sockaddr_to_host(exo_u64 guest, exo_cap_t dir, struct sockaddr_storage *ss, unsigned *len);
long sockaddr_to_guest(exo_u64 guest, const struct sockaddr_storage *ss, unsigned len);

/* cap_poll.c */
long net_poll(const struct exo_ring_sqe *sqe);
long net_epoll_create(const struct exo_ring_sqe *sqe);
long net_epoll_ctl(const struct exo_ring_sqe *sqe, struct kcap *c);
long net_epoll_wait(const struct exo_ring_sqe *sqe, struct kcap *c);
/* poll_set.c: POLL of n >= POLL_SET_MIN entries, all with a live
 * capability (h[i].fd its host descriptor, or -1), through the thread's
 * kept epoll set; revents into h. The number ready, a status, or
 * POLL_SET_DECLINED: make the plain host poll, with *ns left of the
 * timeout. */
#define POLL_SET_MIN 8u
#define POLL_SET_DECLINED 0x40000000L
struct pollfd;
long poll_set_poll(const struct exo_pollfd *p, struct pollfd *h, unsigned n, exo_u64 *ns);
/* A guest signal is pending for this thread (a host EINTR is the guest's) */
int poll_signal_pending(void);
exo_u64 poll_now_ns(void);     /* CLOCK_MONOTONIC */
/* EXO_POLL_* <-> host poll bits */
unsigned poll_to_host(unsigned exo);
unsigned poll_from_host(unsigned host);

#endif
