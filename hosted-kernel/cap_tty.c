/* TTY_GET, TTY_SET, TTY_CTL and READABLE (ring_ctl.h, ABI 1.3): terminal
 * control on the host terminal behind a capability, and how much an
 * object holds to read. struct exo_termios has the layout of the host
 * kernel's own termios (not glibc's, which adds speeds and a longer
 * c_cc), so the words go to TCGETS/TCSETS* as they are. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <exo/status.h>
#include "kernel.h"
#include "ctl.h"

static long host(long r)
{
	return r < 0 ? status_from_errno(errno) : r;
}

long cap_tty_get(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct exo_termios t;

	if (ioctl(c->host_fd, TCGETS, &t) < 0)
		return status_from_errno(errno);
	return copy_to_guest(sqe->addr, &t, sizeof t);
}

long cap_tty_set(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const unsigned long req[] = { TCSETS, TCSETSW, TCSETSF };
	struct exo_termios t;
	long r;

	if (sqe->op_flags > EXO_TTY_SET_FLUSH)
		return EXO_ERR_INVALID;
	if ((r = copy_from_guest(&t, sqe->addr, sizeof t)) < 0)
		return r;
	return host(ioctl(c->host_fd, req[sqe->op_flags], &t));
}

long cap_tty_ctl(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const int queues[] = { 0, TCIFLUSH, TCOFLUSH, TCIOFLUSH };
	struct exo_winsize w;
	struct winsize ws;
	pid_t pgrp;
	int n;
	long r;

	switch (sqe->op_flags) {
	case EXO_TTY_CTL_GET_PGRP:
		if (ioctl(c->host_fd, TIOCGPGRP, &pgrp) < 0)
			return status_from_errno(errno);
		return pgrp;
	case EXO_TTY_CTL_SET_PGRP:
		pgrp = (pid_t)sqe->offset;
		return host(ioctl(c->host_fd, TIOCSPGRP, &pgrp));
	case EXO_TTY_CTL_FLUSH:
		if (sqe->offset < EXO_TTY_FLUSH_INPUT || sqe->offset > EXO_TTY_FLUSH_BOTH)
			return EXO_ERR_INVALID;
		return host(ioctl(c->host_fd, TCFLSH, queues[sqe->offset]));
	case EXO_TTY_CTL_SET_WINSIZE:
		if ((r = copy_from_guest(&w, sqe->addr, sizeof w)) < 0)
			return r;
		ws = (struct winsize){ w.rows, w.cols, w.xpixels, w.ypixels };
		return host(ioctl(c->host_fd, TIOCSWINSZ, &ws));
	case EXO_TTY_CTL_SET_CONTROLLING:
		return host(ioctl(c->host_fd, TIOCSCTTY, (int)(sqe->offset != 0)));
	case EXO_TTY_CTL_GET_PTY_NUMBER:
		if (ioctl(c->host_fd, TIOCGPTN, &n) < 0)
			return status_from_errno(errno);
		return n;
	case EXO_TTY_CTL_SET_PTY_LOCK:
		n = sqe->offset != 0;
		return host(ioctl(c->host_fd, TIOCSPTLCK, &n));
	default:
		return EXO_ERR_INVALID;
	}
}

long cap_readable(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	int n;

	(void)sqe;
	if (c->object == EXO_OBJ_NULL)
		return EXO_ERR_WRONG_TYPE;   /* /dev/null answers no FIONREAD */
	if (ioctl(c->host_fd, FIONREAD, &n) < 0)
		return status_from_errno(errno);
	return n;
}
