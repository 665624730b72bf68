/* Fusion Ring opcodes for pipes, sockets and readiness (range
 * EXO_OP_NET_FIRST..EXO_OP_NET_LAST, ring.h), and the structures they use.
 *
 * Addresses are Exo-OS's own (struct exo_sockaddr), not Linux's sockaddr:
 * the vDSO converts. Readiness speaks EXO_POLL_* bits over capabilities.
 * Data moves with the ordinary READ/WRITE/READV/WRITEV opcodes on a pipe,
 * socket or event capability; SEND and RECV add addresses, flags and
 * capabilities carried along (SCM_RIGHTS, which moves capabilities and
 * needs EXO_RIGHT_TRANSFER on each). */
#ifndef EXO_RING_NET_H
#define EXO_RING_NET_H

#include "types.h"
#include "cap.h"

/* Object types of this family (cap.h holds the others; these numbers stay
 * clear of the ones other families may add there). */
#define EXO_OBJ_EVENT 16  /* a 64-bit counter (eventfd) */
#define EXO_OBJ_EPOLL 17  /* a readiness set */

#define EXO_OP_PIPE        64  /* op_flags = EXO_NET_NONBLOCK, addr = exo_cap_t[2] out
                                * (read end with READ, write end with WRITE) -> 0 */
#define EXO_OP_SOCKET      65  /* op_flags = EXO_SOCK_OPEN(family, type, proto) [| NONBLOCK]
                                * -> handle */
#define EXO_OP_SOCKETPAIR  66  /* as SOCKET, addr = exo_cap_t[2] out -> 0 */
#define EXO_OP_BIND        67  /* cap, addr = struct exo_sockaddr *, len = its size,
                                * offset = directory capability for an EXO_AF_UNIX path -> 0 */
#define EXO_OP_CONNECT     68  /* as BIND -> 0 (EXO_ERR_IN_PROGRESS when non-blocking) */
#define EXO_OP_LISTEN      69  /* cap, len = backlog -> 0 */
#define EXO_OP_ACCEPT      70  /* cap, addr = struct exo_sockaddr * out or 0,
                                * op_flags = EXO_NET_NONBLOCK for the new one -> handle */
#define EXO_OP_SHUTDOWN    71  /* cap, len = EXO_SHUT_* -> 0 */
#define EXO_OP_SOCKNAME    72  /* cap, addr = struct exo_sockaddr * out,
                                * op_flags = EXO_NAME_LOCAL or EXO_NAME_PEER -> 0 */
#define EXO_OP_SOCKOPT     73  /* cap, len = EXO_SO_*, op_flags = EXO_SOCKOPT_SET or 0,
                                * offset = the value to set -> the value (get) or 0 */
#define EXO_OP_SEND        74  /* cap, addr = struct exo_msg *, op_flags = EXO_MSG_*,
                                * offset = directory for a UNIX destination path -> bytes */
#define EXO_OP_RECV        75  /* cap, addr = struct exo_msg * (in/out), op_flags -> bytes */
#define EXO_OP_POLL        76  /* addr = struct exo_pollfd[len], offset = timeout in ns
                                * (EXO_TIMEOUT_INFINITE: wait) -> entries with revents != 0 */
#define EXO_OP_EPOLL_CREATE 77 /* -> handle of a new readiness set */
#define EXO_OP_EPOLL_CTL   78  /* cap = set, offset = target capability, op_flags =
                                * EXO_EPOLL_ADD/MOD/DEL, len = EXO_POLL_* | EXO_EPOLL_ET..,
                                * addr2 = 64-bit data returned with its events -> 0 */
#define EXO_OP_EPOLL_WAIT  79  /* cap = set, addr = struct exo_epoll_event[len] out,
                                * offset = timeout in ns -> events written */
#define EXO_OP_EVENT       80  /* offset = initial count, op_flags = EXO_NET_NONBLOCK |
                                * EXO_EVENT_SEMAPHORE -> handle; READ/WRITE move 8 bytes */
#define EXO_OP_NET_COUNT   81  /* 1 + the highest opcode in use */

/* op_flags bits shared by the creating opcodes. */
#define EXO_NET_NONBLOCK    (1u << 31)
#define EXO_EVENT_SEMAPHORE (1u << 0)

/* SOCKET, SOCKETPAIR: family in bits 0-7, type in 8-15, protocol in 16-23. */
#define EXO_AF_UNIX  1
#define EXO_AF_INET  2
#define EXO_AF_INET6 3
#define EXO_SOCK_STREAM    1
#define EXO_SOCK_DGRAM     2
#define EXO_SOCK_SEQPACKET 3
#define EXO_PROTO_DEFAULT 0
#define EXO_PROTO_TCP     1
#define EXO_PROTO_UDP     2
#define EXO_SOCK_OPEN(family, type, proto) \
	((unsigned)(family) | (unsigned)(type) << 8 | (unsigned)(proto) << 16)

/* An address. INET: addr[0..3], INET6: addr[0..15], both in network
 * order, port in host order. UNIX: path[0..length) without a NUL; a first
 * byte 0 is Linux's abstract name space; length 0 is an unnamed socket. */
struct exo_sockaddr {
	exo_u16 family;      /* EXO_AF_* */
	exo_u16 port;
	exo_u32 length;      /* UNIX: bytes of path used */
	exo_u32 flowinfo;    /* INET6 */
	exo_u32 scope_id;    /* INET6 */
	exo_u8 addr[16];
	exo_u8 path[108];
	exo_u32 reserved;
};
#define EXO_UNIX_PATH_MAX 108u

#define EXO_SHUT_READ  1u
#define EXO_SHUT_WRITE 2u

#define EXO_NAME_LOCAL 0u
#define EXO_NAME_PEER  1u

/* SOCKOPT options. Values are integers; LINGER is (on << 32) | seconds;
 * ERROR is the pending EXO_ERR_* status negated (0: none) and reading it
 * clears it. */
#define EXO_SO_REUSEADDR 1
#define EXO_SO_KEEPALIVE 2
#define EXO_SO_RCVBUF    3
#define EXO_SO_SNDBUF    4
#define EXO_SO_ERROR     5
#define EXO_SO_TYPE      6   /* EXO_SOCK_* */
#define EXO_SO_LINGER    7
#define EXO_SO_BROADCAST 8
#define EXO_SO_ACCEPTING 9
#define EXO_SO_REUSEPORT 10
#define EXO_SO_TCP_NODELAY 11
#define EXO_SO_COUNT     12
#define EXO_SOCKOPT_SET  1u

/* SEND/RECV flags */
#define EXO_MSG_PEEK     (1u << 0)
#define EXO_MSG_DONTWAIT (1u << 1)
#define EXO_MSG_WAITALL  (1u << 2)
#define EXO_MSG_OOB      (1u << 3)
/* RECV reports in struct exo_msg.flags_out: */
#define EXO_MSG_TRUNC    (1u << 0)  /* a datagram was longer than the buffers */
#define EXO_MSG_CTRUNC   (1u << 1)  /* more capabilities came than caps_max */

/* A capability carried by SEND (cap read) or RECV (all three written:
 * the new handle in the receiver's table, its type and status). */
struct exo_cap_carried {
	exo_cap_t cap;
	exo_u16 object;      /* EXO_OBJ_* */
	exo_u16 status;      /* EXO_FD_* (process.h) */
};

struct exo_msg {
	exo_u64 name;        /* struct exo_sockaddr *: destination (SEND) or source (RECV), or 0 */
	exo_u64 iov;         /* struct exo_iovec[iov_count] */
	exo_u32 iov_count;
	exo_u32 flags_out;   /* RECV: EXO_MSG_TRUNC, EXO_MSG_CTRUNC */
	exo_u64 caps;        /* struct exo_cap_carried[] */
	exo_u32 caps_count;  /* SEND: how many to move; RECV: how many arrived */
	exo_u32 caps_max;    /* RECV: room in caps[] */
};
#define EXO_MSG_CAPS_MAX 253u  /* as Linux's SCM_MAX_FD */

/* POLL: one entry per capability; cap 0 is skipped (revents 0); an
 * unknown capability gets EXO_POLL_INVALID. */
struct exo_pollfd {
	exo_cap_t cap;
	exo_u16 events;
	exo_u16 revents;
};
#define EXO_POLL_IN      0x001u
#define EXO_POLL_PRI     0x002u
#define EXO_POLL_OUT     0x004u
#define EXO_POLL_ERR     0x008u
#define EXO_POLL_HUP     0x010u
#define EXO_POLL_INVALID 0x020u
#define EXO_POLL_RDHUP   0x040u
#define EXO_POLL_MAX     1024u    /* entries in one POLL */
#define EXO_TIMEOUT_INFINITE (~(exo_u64)0)

/* EPOLL_CTL */
#define EXO_EPOLL_ADD 1u
#define EXO_EPOLL_DEL 2u
#define EXO_EPOLL_MOD 3u
#define EXO_EPOLL_ET      (1u << 16)
#define EXO_EPOLL_ONESHOT (1u << 17)
#define EXO_EPOLL_EXCLUSIVE (1u << 18)

struct exo_epoll_event {
	exo_u32 events;      /* EXO_POLL_* */
	exo_u32 reserved;
	exo_u64 data;
};

/* Statuses of this family, in a block clear of status.h's (-1..-63 are
 * that file's to grow into). */
#define EXO_ERR_IN_PROGRESS      (-64) /* a non-blocking CONNECT has started */
#define EXO_ERR_ALREADY          (-65) /* a CONNECT is already under way */
#define EXO_ERR_CONNECTED        (-66)
#define EXO_ERR_NOT_CONNECTED    (-67)
#define EXO_ERR_REFUSED          (-68) /* nobody listens at that address */
#define EXO_ERR_RESET            (-69) /* the peer dropped the connection */
#define EXO_ERR_ADDR_IN_USE      (-70)
#define EXO_ERR_ADDR_UNAVAILABLE (-71)
#define EXO_ERR_FAMILY           (-72) /* address family not supported */
#define EXO_ERR_PROTOCOL         (-73) /* protocol not supported for that type */
#define EXO_ERR_NOT_SOCKET       (-74)
#define EXO_ERR_DEST_REQUIRED    (-75)
#define EXO_ERR_MSG_SIZE         (-76)
#define EXO_ERR_ABORTED          (-77)
#define EXO_ERR_NO_OPTION        (-78) /* unknown socket option */
#define EXO_ERR_UNREACHABLE      (-79)
#define EXO_ERR_NO_BUFFERS       (-80)
#define EXO_ERR_NET_FIRST        (-64)
#define EXO_ERR_NET_LAST         (-80)

EXO_ABI_ASSERT(sizeof(struct exo_sockaddr) == 144, sockaddr_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_sockaddr, addr) == 16, sockaddr_addr_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_sockaddr, path) == 32, sockaddr_path_off);
EXO_ABI_ASSERT(sizeof(struct exo_cap_carried) == 8, cap_carried_size);
EXO_ABI_ASSERT(sizeof(struct exo_msg) == 40, msg_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_msg, caps) == 24, msg_caps_off);
EXO_ABI_ASSERT(sizeof(struct exo_pollfd) == 8, pollfd_size);
EXO_ABI_ASSERT(sizeof(struct exo_epoll_event) == 16, epoll_event_size);
EXO_ABI_ASSERT(EXO_OP_NET_COUNT - 1 <= EXO_OP_NET_LAST, net_opcodes_in_range);

#endif
