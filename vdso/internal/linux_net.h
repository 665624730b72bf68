/* The Linux x86-64 ABI of pipes, sockets and readiness that the vDSO
 * accepts from programs: call numbers, errno values, flags and the
 * structures programs pass (asm/unistd_64.h, asm-generic/errno.h,
 * linux/socket.h, linux/in.h, linux/in6.h, linux/un.h, asm-generic/poll.h,
 * linux/eventpoll.h). Nothing here crosses into the kernel. */
#ifndef VDSO_LINUX_NET_H
#define VDSO_LINUX_NET_H

#include <exo/types.h>

#define SYS_poll 7
#define SYS_pipe 22
#define SYS_select 23
#define SYS_socket 41
#define SYS_connect 42
#define SYS_accept 43
#define SYS_sendto 44
#define SYS_recvfrom 45
#define SYS_sendmsg 46
#define SYS_recvmsg 47
#define SYS_shutdown 48
#define SYS_bind 49
#define SYS_listen 50
#define SYS_getsockname 51
#define SYS_getpeername 52
#define SYS_socketpair 53
#define SYS_setsockopt 54
#define SYS_getsockopt 55
#define SYS_epoll_create 213
#define SYS_epoll_wait 232
#define SYS_epoll_ctl 233
#define SYS_pselect6 270
#define SYS_ppoll 271
#define SYS_epoll_pwait 281
#define SYS_eventfd 284
#define SYS_accept4 288
#define SYS_eventfd2 290
#define SYS_epoll_create1 291
#define SYS_pipe2 293

#define ENOTSOCK 88
#define EDESTADDRREQ 89
#define EMSGSIZE 90
#define EPROTOTYPE 91
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define ESOCKTNOSUPPORT 94
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define EADDRNOTAVAIL 99
#define ENETUNREACH 101
#define ECONNABORTED 103
#define ECONNRESET 104
#define ENOBUFS 105
#define EISCONN 106
#define ENOTCONN 107
#define ECONNREFUSED 111
#define EALREADY 114
#define EINPROGRESS 115

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK 00004000
#define SOCK_CLOEXEC 02000000
#define IPPROTO_IP 0
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_ACCEPTCONN 30
#define TCP_NODELAY 1

#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000
#define SCM_RIGHTS 1
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100
#define POLLRDHUP 0x2000
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EFD_SEMAPHORE 1

struct linux_sockaddr_in { exo_u16 family; exo_u16 port_be; exo_u8 addr[4]; exo_u8 zero[8]; };
struct linux_sockaddr_in6 {
	exo_u16 family; exo_u16 port_be; exo_u32 flowinfo_be; exo_u8 addr[16]; exo_u32 scope_id;
};
struct linux_sockaddr_un { exo_u16 family; char path[108]; };
#define LINUX_SOCKADDR_MAX 128   /* sizeof(struct sockaddr_storage) */

struct linux_iovec { exo_u64 base; exo_u64 len; };
struct linux_msghdr {
	void *name; exo_u32 namelen; exo_u32 pad0;
	struct linux_iovec *iov; exo_u64 iovlen;
	void *control; exo_u64 controllen;
	int flags; exo_u32 pad1;
};
struct linux_cmsghdr { exo_u64 len; int level; int type; };
#define CMSG_ALIGN8(n) (((n) + 7ul) & ~7ul)

struct linux_pollfd { int fd; short events; short revents; };
struct linux_epoll_event { exo_u32 events; exo_u64 data; } __attribute__((packed));
struct linux_linger { int onoff; int linger; };
#define FD_SETSIZE 1024

EXO_ABI_ASSERT(sizeof(struct linux_sockaddr_in) == 16, lin_sin_size);
EXO_ABI_ASSERT(sizeof(struct linux_sockaddr_in6) == 28, lin_sin6_size);
EXO_ABI_ASSERT(sizeof(struct linux_sockaddr_un) == 110, lin_sun_size);
EXO_ABI_ASSERT(sizeof(struct linux_msghdr) == 56, lin_msghdr_size);
EXO_ABI_ASSERT(sizeof(struct linux_epoll_event) == 12, lin_epoll_event_size);

#endif
