/* Pipes and event counters: host pipes and eventfds behind capabilities.
 * A pipe is two capabilities, the read end with READ only and the write
 * end with WRITE only, so a write through the read end is refused by the
 * capability table before the host sees it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <exo/status.h>
#include "net.h"

#define END_RIGHTS (EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER)

long net_pipe(const struct exo_ring_sqe *sqe)
{
	static const unsigned rights[2] = { EXO_RIGHT_READ | END_RIGHTS, EXO_RIGHT_WRITE | END_RIGHTS };
	int fd[2], flags = O_CLOEXEC;

	if (sqe->op_flags & ~EXO_NET_NONBLOCK)
		return EXO_ERR_INVALID;
	if (sqe->op_flags & EXO_NET_NONBLOCK)
		flags |= O_NONBLOCK;
	if (pipe2(fd, flags) < 0)
		return net_status_from_errno(errno);
	return net_install_pair(fd, EXO_OBJ_PIPE, rights, sqe->addr);
}

long net_event(const struct exo_ring_sqe *sqe)
{
	int flags = EFD_CLOEXEC, fd;
	long h;

	if (sqe->op_flags & ~(EXO_NET_NONBLOCK | EXO_EVENT_SEMAPHORE))
		return EXO_ERR_INVALID;
	if (sqe->offset > 0xffffffffu)
		return EXO_ERR_INVALID;  /* Linux's eventfd takes an unsigned int */
	if (sqe->op_flags & EXO_NET_NONBLOCK)
		flags |= EFD_NONBLOCK;
	if (sqe->op_flags & EXO_EVENT_SEMAPHORE)
		flags |= EFD_SEMAPHORE;
	if ((fd = eventfd((unsigned)sqe->offset, flags)) < 0)
		return net_status_from_errno(errno);
	h = cap_install(fd, EXO_OBJ_EVENT, EXO_RIGHT_READ | EXO_RIGHT_WRITE | END_RIGHTS);
	if (h < 0)
		close(fd);
	return h;
}
