/* The hybrid tier: pipes, sockets and readiness (poll, epoll, eventfd).
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define VDSO_NET_CALLS(X)
