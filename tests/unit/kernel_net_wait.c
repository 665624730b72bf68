/* The NET operations that wait (poll of few and of many capabilities,
 * epoll_wait, accept, recv, send, connect) with a guest signal already
 * marked pending in the thread block, as when it comes while the vDSO
 * and the kernel prepare the call: each must end at once as interrupted
 * (signal_cp.S's check before the host call), never sleep through its
 * timeout with the handler unrun. The same calls that cannot wait (a zero
 * timeout, MSG_DONTWAIT) still answer as Linux does, whatever is pending.
 * Every wait here has a 2 s limit (a timeout or SO_RCVTIMEO/SO_SNDTIMEO),
 * so a kernel that sleeps through fails the check instead of hanging. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <exo/status.h>
#include "kernel_test.h"
#include "net.h"

#define LIMIT_NS 2000000000ull

static long op(unsigned opcode, exo_cap_t cap, exo_u64 addr, unsigned len, unsigned flags,
               exo_u64 offset)
{
	struct exo_ring_sqe s = { .opcode = (exo_u8)opcode, .cap = cap, .addr = addr, .len = len,
	                          .op_flags = flags, .offset = offset };
	return cap_op(&s);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const struct timeval limit = { 2, 0 };

/* The one wait without a limit (poll for ever): a kernel that sleeps
 * through it would hang the test; this ends it as a failure instead. */
static void *watchdog(void *arg)
{
	(void)arg;
	sleep(20);
	fprintf(stderr, "kernel_net_wait: a wait slept through its pending signal (hung 20 s)\n");
	_exit(1);
}

static exo_cap_t socket_cap(int fd, int timeout_opt)
{
	if (timeout_opt)
		setsockopt(fd, SOL_SOCKET, timeout_opt, &limit, sizeof limit);
	return (exo_cap_t)cap_install(fd, EXO_OBJ_SOCKET, SOCKET_RIGHTS);
}

int main(void)
{
	struct exo_thread_block *tb = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const long eintr = status_from_errno(EINTR);
	exo_cap_t p[2];
	char byte;
	double t0;
	long r;

	pthread_t dog;

	CHECK(tb != MAP_FAILED, "thread block");
	pthread_create(&dog, NULL, watchdog, NULL);
	__asm__ volatile ("wrgsbase %0" :: "r"(tb) : "memory");
	CHECK(op(EXO_OP_PIPE, 0, (exo_u64)p, 0, 0, 0) == 0, "pipe");

	/* Sanity with nothing pending: a zero-timeout poll of an empty pipe. */
	struct exo_pollfd one = { p[0], EXO_POLL_IN, 0 };
	CHECK(op(EXO_OP_POLL, 0, (exo_u64)&one, 1, 0, 0) == 0, "poll of an empty pipe, timeout 0");

	tb->signal_pending = 1;

	/* A zero timeout never waits: Linux answers it, pending or not. */
	r = op(EXO_OP_POLL, 0, (exo_u64)&one, 1, 0, 0);
	CHECK(r == 0, "poll, timeout 0, signal pending: %ld (Linux: 0)", r);

	t0 = now_s();
	r = op(EXO_OP_POLL, 0, (exo_u64)&one, 1, 0, LIMIT_NS);
	CHECK(r == eintr && now_s() - t0 < 1, "poll of 1 with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);
	t0 = now_s();
	r = op(EXO_OP_POLL, 0, (exo_u64)&one, 1, 0, EXO_TIMEOUT_INFINITE);
	CHECK(r == eintr, "poll of 1, no timeout, with a signal pending: %ld", r);
	t0 = now_s();
	r = op(EXO_OP_POLL, 0, (exo_u64)&one, 1, 0, LIMIT_NS + 1);  /* ppoll: not whole ms */
	CHECK(r == eintr && now_s() - t0 < 1, "ppoll of 1 with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);

	/* Many: the thread's kept set (poll_set.c). */
	struct exo_pollfd many[64];
	for (int i = 0; i < 64; i++)
		many[i] = (struct exo_pollfd){ p[0], EXO_POLL_IN, 0 };
	t0 = now_s();
	r = op(EXO_OP_POLL, 0, (exo_u64)many, 64, 0, LIMIT_NS);
	CHECK(r == eintr && now_s() - t0 < 1, "poll of 64 with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);

	long set = op(EXO_OP_EPOLL_CREATE, 0, 0, 0, 0, 0);
	struct exo_ring_sqe ctl = { .opcode = EXO_OP_EPOLL_CTL, .cap = (exo_cap_t)set,
	                            .offset = p[0], .op_flags = EXO_EPOLL_ADD, .len = EXO_POLL_IN };
	CHECK(set >= 0 && cap_op(&ctl) == 0, "epoll set");
	struct exo_epoll_event ev;
	r = op(EXO_OP_EPOLL_WAIT, (exo_cap_t)set, (exo_u64)&ev, 1, 0, 0);
	CHECK(r == 0, "epoll_wait, timeout 0, signal pending: %ld (Linux: 0)", r);
	t0 = now_s();
	r = op(EXO_OP_EPOLL_WAIT, (exo_cap_t)set, (exo_u64)&ev, 1, 0, LIMIT_NS);
	CHECK(r == eintr && now_s() - t0 < 1, "epoll_wait with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);

	/* accept on a listener nobody connects to. */
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr = { htonl(INADDR_LOOPBACK) } };
	CHECK(bind(lfd, (struct sockaddr *)&a, sizeof a) == 0 && listen(lfd, 1) == 0, "listener");
	exo_cap_t listener = socket_cap(lfd, SO_RCVTIMEO);
	t0 = now_s();
	r = op(EXO_OP_ACCEPT, listener, 0, 0, 0, 0);
	CHECK(r == eintr && now_s() - t0 < 1, "accept with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);

	/* recv on an empty socket pair, send into a full one. */
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair");
	exo_cap_t rx = socket_cap(sv[0], SO_RCVTIMEO);
	struct exo_iovec iov = { (exo_u64)&byte, 1 };
	struct exo_msg m = { .iov = (exo_u64)&iov, .iov_count = 1 };
	r = op(EXO_OP_RECV, rx, (exo_u64)&m, 0, EXO_MSG_DONTWAIT, 0);
	CHECK(r == status_from_errno(EAGAIN), "recv, MSG_DONTWAIT, signal pending: %ld (Linux: EAGAIN)",
	      r);
	t0 = now_s();
	r = op(EXO_OP_RECV, rx, (exo_u64)&m, 0, 0, 0);
	CHECK(r == eintr && now_s() - t0 < 1, "recv with a signal pending: %ld after %.2f s",
	      r, now_s() - t0);

	int fv[2];
	static char fill[4096];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fv) == 0, "socketpair 2");
	while (send(fv[0], fill, sizeof fill, MSG_DONTWAIT) > 0)
		;
	exo_cap_t tx = socket_cap(fv[0], SO_SNDTIMEO);
	iov = (struct exo_iovec){ (exo_u64)fill, sizeof fill };
	t0 = now_s();
	r = op(EXO_OP_SEND, tx, (exo_u64)&m, 0, 0, 0);
	CHECK(r == eintr && now_s() - t0 < 1, "send into a full socket with a signal pending: %ld "
	      "after %.2f s", r, now_s() - t0);

	/* connect: not begun when interrupted before it starts, so with
	 * nothing pending the same socket then connects. */
	socklen_t alen = sizeof a;
	getsockname(lfd, (struct sockaddr *)&a, &alen);
	struct exo_sockaddr to;
	memset(&to, 0, sizeof to);
	to.family = EXO_AF_INET;
	to.port = ntohs(a.sin_port);
	memcpy(to.addr, &a.sin_addr, 4);
	exo_cap_t cs = socket_cap(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), 0);
	r = op(EXO_OP_CONNECT, cs, (exo_u64)&to, 0, 0, 0);
	CHECK(r == eintr, "connect with a signal pending: %ld", r);
	tb->signal_pending = 0;
	r = op(EXO_OP_CONNECT, cs, (exo_u64)&to, 0, 0, 0);
	CHECK(r == 0, "connect afterwards: %ld", r);

	return finish("kernel_net_wait");
}
