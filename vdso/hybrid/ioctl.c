/* ioctl: the terminal requests and the FIO* ones a program makes. The
 * terminal requests are ring_ctl.h's TTY_* opcodes (ABI 1.3) and need
 * EXO_RIGHT_TTY, which only a terminal's capability has, so any other
 * object gets ENOTTY as Linux answers. struct termios (the kernel's, 36
 * bytes) and struct winsize are struct exo_termios and exo_winsize, so the
 * kernel copies them to and from the program directly. An untranslated
 * request is reported by name and fails with ENOTTY. */
#include "../internal/syscalls.h"
#include "../internal/linux_ctl.h"

hidden long status_op(struct exo_fd_entry *e, unsigned change, unsigned value);

static long tty_errno(long r)
{
	if (r == EXO_ERR_WRONG_TYPE || r == EXO_ERR_RIGHTS)
		return -ENOTTY;
	return errno_from_status(r);
}

static long tty_op(struct exo_fd_entry *e, unsigned op, unsigned flags, exo_u64 offset, void *addr)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)op };

	sqe.cap = e->cap;
	sqe.op_flags = flags;
	sqe.offset = offset;
	sqe.addr = (exo_u64)addr;
	return ring_run(&sqe);
}

static long winsize(struct exo_fd_entry *e, struct linux_winsize *ws)
{
	struct exo_winsize w;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_TTY_WINSIZE };
	long r;

	sqe.cap = e->cap;
	sqe.addr = (exo_u64)&w;
	r = ring_run(&sqe);
	if (r < 0)
		return tty_errno(r);
	struct linux_winsize out = { w.rows, w.cols, w.xpixels, w.ypixels };
	return user_write(ws, &out, sizeof out);
}

static long put_int(void *user, long v)
{
	int i = (int)v;

	return user_write(user, &i, sizeof i);
}

static long get_int(const void *user, int *v)
{
	return user_read(v, user, sizeof *v);
}

static long pgrp(struct exo_fd_entry *e, unsigned req, void *user)
{
	int g;
	long r;

	if (req == TIOCGPGRP) {
		if ((r = tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_GET_PGRP, 0, 0)) < 0)
			return tty_errno(r);
		return put_int(user, r);
	}
	if (get_int(user, &g) < 0)
		return -EFAULT;
	if (g < 0)
		return -EINVAL;
	return tty_errno(tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_SET_PGRP, (exo_u64)g, 0));
}

static long flush(struct exo_fd_entry *e, long queue)
{
	static const unsigned which[] = { [TCIFLUSH] = EXO_TTY_FLUSH_INPUT,
	                                  [TCOFLUSH] = EXO_TTY_FLUSH_OUTPUT,
	                                  [TCIOFLUSH] = EXO_TTY_FLUSH_BOTH };
	long r = tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_FLUSH,
	                (unsigned long)queue <= TCIOFLUSH ? which[queue] : 0, 0);
	/* Linux checks the terminal first, the queue after. */
	return tty_errno(r);
}

static long readable(struct exo_fd_entry *e, void *user)
{
	long r = tty_op(e, EXO_OP_READABLE, 0, 0, 0);

	if (r < 0)
		return tty_errno(r);
	return put_int(user, r);
}

static long nonblock(struct exo_fd_entry *e, const void *user)
{
	int on;
	long r;

	if (get_int(user, &on) < 0)
		return -EFAULT;
	r = status_op(e, EXO_FD_NONBLOCK, on ? EXO_FD_NONBLOCK : 0);
	return r < 0 ? errno_from_status(r) : 0;
}

static long pty(struct exo_fd_entry *e, unsigned req, void *user)
{
	int lock;
	long r;

	if (req == TIOCGPTN) {
		if ((r = tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_GET_PTY_NUMBER, 0, 0)) < 0)
			return tty_errno(r);
		return put_int(user, r);
	}
	if (get_int(user, &lock) < 0)
		return -EFAULT;
	return tty_errno(tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_SET_PTY_LOCK, lock != 0, 0));
}

hidden long sys_ioctl(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup_io(a1);
	void *arg = (void *)a3;

	if (!e)
		return -EBADF;
	switch ((unsigned)a2) {
	case TIOCGWINSZ:
		return winsize(e, arg);
	case TIOCSWINSZ:
		return tty_errno(tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_SET_WINSIZE, 0, arg));
	case TCGETS:
		return tty_errno(tty_op(e, EXO_OP_TTY_GET, 0, 0, arg));
	case TCSETS:
		return tty_errno(tty_op(e, EXO_OP_TTY_SET, EXO_TTY_SET_NOW, 0, arg));
	case TCSETSW:
		return tty_errno(tty_op(e, EXO_OP_TTY_SET, EXO_TTY_SET_DRAIN, 0, arg));
	case TCSETSF:
		return tty_errno(tty_op(e, EXO_OP_TTY_SET, EXO_TTY_SET_FLUSH, 0, arg));
	case TIOCGPGRP:
	case TIOCSPGRP:
		return pgrp(e, (unsigned)a2, arg);
	case TCFLSH:
		return flush(e, a3);
	case TIOCSCTTY:
		return tty_errno(tty_op(e, EXO_OP_TTY_CTL, EXO_TTY_CTL_SET_CONTROLLING, a3 != 0, 0));
	case TIOCGPTN:
	case TIOCSPTLCK:
		return pty(e, (unsigned)a2, arg);
	case FIONREAD:
		return readable(e, arg);
	case FIONBIO:
		return nonblock(e, arg);
	case FIOCLEX:
		e->fd_flags |= EXO_FD_CLOEXEC;
		return 0;
	case FIONCLEX:
		e->fd_flags &= ~(exo_u32)EXO_FD_CLOEXEC;
		return 0;
	default:
		/* STREAMS requests, 'S' << 8 | n (I_PUSH, I_FIND...): gawk
		 * probes I_FIND "ptem" on a pty. Linux never had STREAMS;
		 * every object it has answers ENOTTY (a CD-ROM drive reads
		 * the same numbers as CDROM* requests; POSIX-X has none). */
		if (((unsigned)a2 & ~0xffu) == ('S' << 8))
			return -ENOTTY;
		untranslated(SYS_ioctl, (unsigned)a2);
		return -ENOTTY;
	}
}
