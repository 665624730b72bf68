/* fcntl: descriptor flags live in the descriptor table; the file status
 * flags belong to the open object, which duplicates share, so the kernel
 * holds them (EXO_OP_STATUS) and the table only caches them. */
#include "../internal/syscalls.h"
#include "../internal/linux_ctl.h"

hidden long fcntl_lock(struct exo_fd_entry *e, long cmd, struct linux_flock *user);

/* Shared with ioctl's FIONBIO (hybrid/ioctl.c). */
hidden long status_op(struct exo_fd_entry *e, unsigned change, unsigned value)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STATUS };
	long r;

	sqe.cap = e->cap;
	sqe.len = change;
	sqe.op_flags = value;
	r = ring_run(&sqe);
	if (r >= 0)
		e->status_flags = (exo_u32)r;
	return r;
}

/* On x86-64 Linux opens every file with O_LARGEFILE (force_o_largefile),
 * so F_GETFL shows it for objects opened by name; pipes and sockets are
 * made without it. A descriptor opened by name whose type the table does
 * not hold (EXO_OBJ_UNKNOWN, ABI 1.7) shows it, a FIFO as well. */
static long get_status(struct exo_fd_entry *e)
{
	long s = status_op(e, 0, 0), fl;

	if (s < 0)
		return errno_from_status(s);
	/* Linux also shows the O_DIRECTORY and O_NOFOLLOW an O_PATH open was
	 * given (and no O_LARGEFILE); the kernel keeps neither. */
	if (s & EXO_FD_PATH)
		return O_PATH;
	if ((s & EXO_FD_READ) && (s & EXO_FD_WRITE))
		fl = O_RDWR;
	else if (s & EXO_FD_WRITE)
		fl = O_WRONLY;
	else
		fl = O_RDONLY;
	if (s & EXO_FD_APPEND)
		fl |= O_APPEND;
	if (s & EXO_FD_NONBLOCK)
		fl |= O_NONBLOCK;
	if (e->object != EXO_OBJ_PIPE && e->object != EXO_OBJ_SOCKET)
		fl |= O_LARGEFILE;
	return fl;
}

/* Linux changes O_APPEND, O_NONBLOCK, O_DIRECT, O_NOATIME and FASYNC and
 * ignores every other bit (musl always adds O_LARGEFILE). */
static long set_status(struct exo_fd_entry *e, long fl)
{
	unsigned value = 0;
	long r;

	if (fl & (O_DIRECT | O_NOATIME | FASYNC))
		return untranslated(SYS_fcntl, F_SETFL);
	if (fl & O_APPEND)
		value |= EXO_FD_APPEND;
	if (fl & O_NONBLOCK)
		value |= EXO_FD_NONBLOCK;
	r = status_op(e, EXO_FD_APPEND | EXO_FD_NONBLOCK, value);
	return r < 0 ? errno_from_status(r) : 0;
}

hidden long sys_fcntl(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);

	if (!e)
		return -EBADF;
	/* An O_PATH descriptor takes only these (Linux's check_fcntl_cmd). */
	if ((e->status_flags & EXO_FD_PATH) && a2 != F_DUPFD && a2 != F_DUPFD_CLOEXEC &&
	    a2 != F_GETFD && a2 != F_SETFD && a2 != F_GETFL)
		return -EBADF;
	switch (a2) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* The lower bound is an unsigned int to Linux. */
		if ((unsigned)a3 >= exo_vdso_process.fd_limit)
			return -EINVAL;
		return fd_duplicate(e, (unsigned)a3, a2 == F_DUPFD_CLOEXEC ? EXO_FD_CLOEXEC : 0);
	case F_GETFD:
		return (e->fd_flags & EXO_FD_CLOEXEC) ? FD_CLOEXEC : 0;
	case F_SETFD:
		e->fd_flags = (a3 & FD_CLOEXEC) ? EXO_FD_CLOEXEC : 0;
		return 0;
	case F_GETFL:
		return get_status(e);
	case F_SETFL:
		return set_status(e, a3);
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return fcntl_lock(e, a2, (struct linux_flock *)a3);
	default:
		return untranslated(SYS_fcntl, a2);
	}
}
