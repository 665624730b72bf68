/* ioctl: only the terminal requests a stdio program makes. isatty() in
 * musl is TIOCGWINSZ; an untranslated request is reported by name and
 * fails with ENOTTY, what Linux answers for a request an object lacks. */
#include "../internal/syscalls.h"

static long winsize(struct exo_fd_entry *e, struct linux_winsize *ws)
{
	struct exo_winsize w;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_TTY_WINSIZE };
	long r;

	sqe.cap = e->cap;
	sqe.addr = (exo_u64)&w;
	r = ring_run(&sqe);
	if (r == EXO_ERR_WRONG_TYPE || r == EXO_ERR_RIGHTS)
		return -ENOTTY;
	if (r < 0)
		return errno_from_status(r);
	struct linux_winsize out = { w.rows, w.cols, w.xpixels, w.ypixels };
	return user_write(ws, &out, sizeof out);
}

hidden long sys_ioctl(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);

	if (!e)
		return -EBADF;
	switch ((unsigned)a2) {
	case TIOCGWINSZ:
		return winsize(e, (struct linux_winsize *)a3);
	default:
		untranslated(SYS_ioctl, (unsigned)a2);
		return -ENOTTY;
	}
}
