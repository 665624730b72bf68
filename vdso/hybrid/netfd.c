/* What the pipe, socket and readiness calls share: their statuses as
 * errno, and descriptors for the capabilities they create. */
#include "../internal/net.h"

hidden long net_errno(long status)
{
	static const exo_u8 errno_of[-EXO_ERR_NET_LAST + EXO_ERR_NET_FIRST + 1] = {
		[EXO_ERR_NET_FIRST - EXO_ERR_IN_PROGRESS] = EINPROGRESS,
		[EXO_ERR_NET_FIRST - EXO_ERR_ALREADY] = EALREADY,
		[EXO_ERR_NET_FIRST - EXO_ERR_CONNECTED] = EISCONN,
		[EXO_ERR_NET_FIRST - EXO_ERR_NOT_CONNECTED] = ENOTCONN,
		[EXO_ERR_NET_FIRST - EXO_ERR_REFUSED] = ECONNREFUSED,
		[EXO_ERR_NET_FIRST - EXO_ERR_RESET] = ECONNRESET,
		[EXO_ERR_NET_FIRST - EXO_ERR_ADDR_IN_USE] = EADDRINUSE,
		[EXO_ERR_NET_FIRST - EXO_ERR_ADDR_UNAVAILABLE] = EADDRNOTAVAIL,
		[EXO_ERR_NET_FIRST - EXO_ERR_FAMILY] = EAFNOSUPPORT,
		[EXO_ERR_NET_FIRST - EXO_ERR_PROTOCOL] = EPROTONOSUPPORT,
		[EXO_ERR_NET_FIRST - EXO_ERR_NOT_SOCKET] = ENOTSOCK,
		[EXO_ERR_NET_FIRST - EXO_ERR_DEST_REQUIRED] = EDESTADDRREQ,
		[EXO_ERR_NET_FIRST - EXO_ERR_MSG_SIZE] = EMSGSIZE,
		[EXO_ERR_NET_FIRST - EXO_ERR_ABORTED] = ECONNABORTED,
		[EXO_ERR_NET_FIRST - EXO_ERR_NO_OPTION] = ENOPROTOOPT,
		[EXO_ERR_NET_FIRST - EXO_ERR_UNREACHABLE] = ENETUNREACH,
		[EXO_ERR_NET_FIRST - EXO_ERR_NO_BUFFERS] = ENOBUFS,
	};

	if (status <= EXO_ERR_NET_FIRST && status >= EXO_ERR_NET_LAST)
		return -(long)errno_of[EXO_ERR_NET_FIRST - status];
	return errno_from_status(status);
}

hidden long net_install(long fd, exo_cap_t cap, unsigned object, long linux_flags,
                        unsigned status)
{
	if (linux_flags & O_NONBLOCK)
		status |= EXO_FD_NONBLOCK;
	return fd_install(fd, cap, object, (linux_flags & O_CLOEXEC) ? EXO_FD_CLOEXEC : 0, status);
}

hidden long socket_cap(long fd, exo_cap_t *cap)
{
	struct exo_fd_entry *e = fd_lookup(fd);

	if (!e)
		return -EBADF;
	if (e->object != EXO_OBJ_SOCKET)
		return -ENOTSOCK;
	*cap = e->cap;
	return 0;
}
