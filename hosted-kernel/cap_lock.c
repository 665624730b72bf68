/* LOCK and FLOCK (ring_ctl.h, ABI 1.3): advisory locks served by the
 * host's own locks on the capability's host descriptor. A process of the
 * model is a host process (fork is host fork), so the host's owner of a
 * record lock is the right one and the pid it reports is the POSIX pid
 * the guest knows. Open-file locks and flock locks belong to the host's
 * open file description, which DUPLICATE shares (cap_shared.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <exo/status.h>
#include "kernel.h"
#include "ctl.h"

long cap_lock(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const short types[] = { F_UNLCK, F_RDLCK, F_WRLCK };
	static const short whences[] = { SEEK_SET, SEEK_CUR, SEEK_END };
	struct exo_lock l;
	struct flock fl = {0};
	unsigned f = sqe->op_flags;
	int cmd, ofd = (f & EXO_LOCK_OPEN_FILE) != 0;
	long r;

	if (f & ~(EXO_LOCK_TEST | EXO_LOCK_WAIT | EXO_LOCK_OPEN_FILE))
		return EXO_ERR_INVALID;
	if ((r = copy_from_guest(&l, sqe->addr, sizeof l)) < 0)
		return r;
	if (l.type > EXO_LOCK_WRITE || l.whence > EXO_SEEK_END)
		return EXO_ERR_INVALID;
	fl.l_type = types[l.type];
	fl.l_whence = whences[l.whence];
	fl.l_start = l.start;
	fl.l_len = l.length;
	/* Open-file locks take pid 0 on the way in (the host insists). */
	fl.l_pid = 0;
	if (f & EXO_LOCK_TEST)
		cmd = ofd ? F_OFD_GETLK : F_GETLK;
	else if (f & EXO_LOCK_WAIT)
		cmd = ofd ? F_OFD_SETLKW : F_SETLKW;
	else
		cmd = ofd ? F_OFD_SETLK : F_SETLK;
	if (fcntl(c->host_fd, cmd, &fl) < 0)
		return status_from_errno(errno);
	if (!(f & EXO_LOCK_TEST))
		return 0;
	if (fl.l_type == F_UNLCK) {
		l.type = EXO_LOCK_UNLOCK;   /* nothing would conflict: the rest unchanged */
	} else {
		l.type = fl.l_type == F_RDLCK ? EXO_LOCK_READ : EXO_LOCK_WRITE;
		l.whence = EXO_SEEK_SET;
		l.start = fl.l_start;
		l.length = fl.l_len;
		l.pid = fl.l_pid;
	}
	return copy_to_guest(sqe->addr, &l, sizeof l);
}

long cap_flock(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const int ops[] = { 0, LOCK_SH, LOCK_EX, LOCK_UN };
	unsigned how = sqe->op_flags & 0xff;

	if ((sqe->op_flags & ~(0xffu | EXO_FLOCK_NONBLOCK)) || how < EXO_FLOCK_SHARED ||
	    how > EXO_FLOCK_UNLOCK)
		return EXO_ERR_INVALID;
	if (flock(c->host_fd, ops[how] | (sqe->op_flags & EXO_FLOCK_NONBLOCK ? LOCK_NB : 0)) < 0)
		return status_from_errno(errno);
	return 0;
}
