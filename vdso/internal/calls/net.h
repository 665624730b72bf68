/* The hybrid tier: pipes, sockets and readiness (poll, epoll, eventfd).
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_net.h"
#define VDSO_NET_CALLS(X) \
	X(SYS_pipe,            EXO_TIER_HYBRID, sys_pipe) \
	X(SYS_pipe2,           EXO_TIER_HYBRID, sys_pipe2) \
	X(SYS_eventfd,         EXO_TIER_HYBRID, sys_eventfd) \
	X(SYS_eventfd2,        EXO_TIER_HYBRID, sys_eventfd2) \
	X(SYS_socket,          EXO_TIER_HYBRID, sys_socket) \
	X(SYS_socketpair,      EXO_TIER_HYBRID, sys_socketpair) \
	X(SYS_bind,            EXO_TIER_HYBRID, sys_bind) \
	X(SYS_connect,         EXO_TIER_HYBRID, sys_connect) \
	X(SYS_listen,          EXO_TIER_HYBRID, sys_listen) \
	X(SYS_accept,          EXO_TIER_HYBRID, sys_accept) \
	X(SYS_accept4,         EXO_TIER_HYBRID, sys_accept4) \
	X(SYS_shutdown,        EXO_TIER_HYBRID, sys_shutdown) \
	X(SYS_getsockname,     EXO_TIER_HYBRID, sys_getsockname) \
	X(SYS_getpeername,     EXO_TIER_HYBRID, sys_getpeername) \
	X(SYS_setsockopt,      EXO_TIER_HYBRID, sys_setsockopt) \
	X(SYS_getsockopt,      EXO_TIER_HYBRID, sys_getsockopt) \
	X(SYS_sendto,          EXO_TIER_HYBRID, sys_sendto) \
	X(SYS_sendmsg,         EXO_TIER_HYBRID, sys_sendmsg) \
	X(SYS_recvfrom,        EXO_TIER_HYBRID, sys_recvfrom) \
	X(SYS_recvmsg,         EXO_TIER_HYBRID, sys_recvmsg) \
	X(SYS_poll,            EXO_TIER_HYBRID, sys_poll) \
	X(SYS_ppoll,           EXO_TIER_HYBRID, sys_ppoll) \
	X(SYS_select,          EXO_TIER_HYBRID, sys_select) \
	X(SYS_pselect6,        EXO_TIER_HYBRID, sys_pselect6) \
	X(SYS_epoll_create,    EXO_TIER_HYBRID, sys_epoll_create) \
	X(SYS_epoll_create1,   EXO_TIER_HYBRID, sys_epoll_create1) \
	X(SYS_epoll_ctl,       EXO_TIER_HYBRID, sys_epoll_ctl) \
	X(SYS_epoll_wait,      EXO_TIER_HYBRID, sys_epoll_wait) \
	X(SYS_epoll_pwait,     EXO_TIER_HYBRID, sys_epoll_pwait)
