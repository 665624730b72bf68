/* What duplicates share: a duplicate names the same open object as the
 * capability it came from, so position and status (append, non-blocking)
 * are one for both, as POSIX requires of dup(). Here a host dup() gives
 * exactly that: both host descriptors share one open file description. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel.h"

long cap_duplicate(struct kcap *c)
{
	int fd = fcntl(c->host_fd, F_DUPFD_CLOEXEC, 0);
	/* The type first: once it is known the rights read after it are the
	 * narrowed ones (caps.c cap_learn), so the copy never holds a known
	 * type with an unknown type's rights. */
	unsigned object = __atomic_load_n(&c->object, __ATOMIC_ACQUIRE);
	unsigned rights = __atomic_load_n(&c->rights, __ATOMIC_RELAXED);
	long handle;

	if (fd < 0)
		return status_from_errno(errno);
	handle = cap_install(fd, object, rights);
	if (handle < 0)
		close(fd);
	return handle;
}

static unsigned status_of(int fl)
{
	unsigned s = 0;

	if (fl & O_PATH)
		return EXO_FD_PATH;   /* neither read nor write; F_SETFL changes nothing */
	switch (fl & O_ACCMODE) {
	case O_RDONLY: s = EXO_FD_READ; break;
	case O_WRONLY: s = EXO_FD_WRITE; break;
	case O_RDWR: s = EXO_FD_READ | EXO_FD_WRITE; break;
	}
	if (fl & O_APPEND)
		s |= EXO_FD_APPEND;
	if (fl & O_NONBLOCK)
		s |= EXO_FD_NONBLOCK;
	return s;
}

/* len names the bits to change, op_flags their new values. Read and write
 * access are the capability's rights and never change. */
long cap_status(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	const unsigned changeable = EXO_FD_APPEND | EXO_FD_NONBLOCK;
	unsigned mask = sqe->len, want = sqe->op_flags;
	int fl = fcntl(c->host_fd, F_GETFL);

	if (fl < 0)
		return status_from_errno(errno);
	if ((mask & ~changeable) || (want & ~mask))
		return EXO_ERR_INVALID;
	if (mask) {
		int nfl = fl & ~(O_APPEND | O_NONBLOCK);
		unsigned now = (status_of(fl) & ~mask) | want;
		if (now & EXO_FD_APPEND)
			nfl |= O_APPEND;
		if (now & EXO_FD_NONBLOCK)
			nfl |= O_NONBLOCK;
		if (nfl != fl && fcntl(c->host_fd, F_SETFL, nfl) < 0)
			return status_from_errno(errno);
		fl = nfl;
	}
	return status_of(fl);
}
