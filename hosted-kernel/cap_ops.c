/* The ring operations on capabilities backed by host descriptors. Each
 * checks the rights it needs in the kernel's table first: a write through
 * a capability without EXO_RIGHT_WRITE fails here whatever the vDSO did. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include "kernel.h"
#include "fs.h"
#include "net.h"
#include "ctl.h"

static long host(long r)
{
	return r < 0 ? status_from_errno(errno) : r;
}

/* read and write of a pipe, socket or terminal may block: a signal for
 * the thread ends them (signal_cp.S). */
static long host_cp(long r)
{
	return r < 0 ? status_from_errno((int)-r) : r;
}

static long op_read(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	if (c->object == EXO_OBJ_NULL)
		return 0;
	if (sqe->op_flags & EXO_IO_AT_OFFSET)
		return host(pread(c->host_fd, (void *)sqe->addr, sqe->len, (off_t)sqe->offset));
	return host_cp(host_call_cp(SYS_read, c->host_fd, (long)sqe->addr, sqe->len, 0, 0, 0));
}

static long op_write(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	/* The null object takes everything without looking at it, as
	 * /dev/null does: no host call at all. */
	if (c->object == EXO_OBJ_NULL && !(sqe->op_flags & EXO_IO_AT_OFFSET))
		return sqe->len;
	if (sqe->op_flags & EXO_IO_AT_OFFSET)
		return host(pwrite(c->host_fd, (const void *)sqe->addr, sqe->len, (off_t)sqe->offset));
	return host_cp(host_call_cp(SYS_write, c->host_fd, (long)sqe->addr, sqe->len, 0, 0, 0));
}

static long op_vector(const struct exo_ring_sqe *sqe, struct kcap *c, int is_write)
{
	const struct iovec *iov = (const struct iovec *)sqe->addr;
	int n = (int)sqe->len;

	if (sqe->op_flags & EXO_IO_AT_OFFSET)
		return host(is_write ? pwritev(c->host_fd, iov, n, (off_t)sqe->offset)
		                     : preadv(c->host_fd, iov, n, (off_t)sqe->offset));
	return host(is_write ? writev(c->host_fd, iov, n) : readv(c->host_fd, iov, n));
}

static long op_seek(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	static const int whence[] = { SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE };
	off_t r;

	if (sqe->op_flags > EXO_SEEK_HOLE)
		return EXO_ERR_INVALID;
	r = lseek(c->host_fd, (off_t)sqe->offset, whence[sqe->op_flags]);
	if (r < 0 && errno == ENXIO)
		return EXO_ERR_NOT_FOUND;   /* no data or hole at or after offset */
	return host(r);
}

static long op_stat(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct stat st;
	struct exo_stat s;

	/* The raw call: glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH),
	 * which looks the empty name up first (docs/hybrid-perf.md). */
	if (syscall(SYS_fstat, c->host_fd, &st) < 0)
		return status_from_errno(errno);
	/* The type the capability was installed with: describing the host
	 * descriptor again cost three more host calls per fstat. Not yet
	 * known (ABI 1.7), this fstat tells it. */
	exo_stat_fill(&s, &st, cap_stat_object(c, &st));
	return copy_to_guest(sqe->addr, &s, sizeof s);
}

static long op_winsize(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct winsize ws;
	struct exo_winsize w;

	if (c->object != EXO_OBJ_TTY)
		return EXO_ERR_WRONG_TYPE;
	if (ioctl(c->host_fd, TIOCGWINSZ, &ws) < 0)
		return status_from_errno(errno);
	w = (struct exo_winsize){ ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel };
	return copy_to_guest(sqe->addr, &w, sizeof w);
}

long cap_op(const struct exo_ring_sqe *sqe)
{
	struct kcap *c;
	long status;

	if (sqe->opcode == EXO_OP_NOP)
		return 0;
	if (sqe->opcode >= EXO_OP_FS_FIRST && sqe->opcode <= EXO_OP_FS_LAST)
		return fs_op(sqe);
	if (sqe->opcode >= EXO_OP_NET_FIRST && sqe->opcode <= EXO_OP_NET_LAST)
		return net_op(sqe);
	if (sqe->opcode >= EXO_OP_COUNT)
		return EXO_ERR_BAD_CALL;
	if (sqe->opcode == EXO_OP_RELEASE)
		return cap_release(sqe->cap);
	/* Names check their directory capability themselves: a capability
	 * that is no directory is EXO_ERR_NOT_DIR, not a rights failure. */
	if (sqe->opcode == EXO_OP_OPEN_AT)
		return path_open_at(sqe);
	if (sqe->opcode == EXO_OP_STAT_AT)
		return path_stat_at(sqe);
	if (sqe->opcode == EXO_OP_ACCESS_AT)
		return path_access_at(sqe);
	/* A stat learns a type not yet known from its own fstat, and a
	 * duplicate shares the type with its original, known or not; every
	 * other operation decides by type or by a right the type grants. */
	if (sqe->opcode == EXO_OP_STAT || sqe->opcode == EXO_OP_DUPLICATE)
		c = cap_get_untyped(sqe->cap, exo_op_rights(sqe->opcode), &status);
	else
		c = cap_get(sqe->cap, exo_op_rights(sqe->opcode), &status);
	if (!c) {
		/* A seek on an object that has no position is a type error,
		 * not a rights one, whatever the table says. */
		if (status == EXO_ERR_RIGHTS && sqe->opcode == EXO_OP_SEEK)
			return EXO_ERR_WRONG_TYPE;
		if (status == EXO_ERR_RIGHTS && exo_op_rights(sqe->opcode) == EXO_RIGHT_TTY)
			return EXO_ERR_WRONG_TYPE;
		return status;
	}
	switch (sqe->opcode) {
	case EXO_OP_READ: return op_read(sqe, c);
	case EXO_OP_WRITE: return op_write(sqe, c);
	case EXO_OP_READV: return op_vector(sqe, c, 0);
	case EXO_OP_WRITEV: return op_vector(sqe, c, 1);
	case EXO_OP_SEEK: return op_seek(sqe, c);
	case EXO_OP_STAT: return op_stat(sqe, c);
	case EXO_OP_TTY_WINSIZE: return op_winsize(sqe, c);
	case EXO_OP_DUPLICATE: return cap_duplicate(c);
	case EXO_OP_STATUS: return cap_status(sqe, c);
	case EXO_OP_LOCK: return cap_lock(sqe, c);
	case EXO_OP_FLOCK: return cap_flock(sqe, c);
	case EXO_OP_TTY_GET: return cap_tty_get(sqe, c);
	case EXO_OP_TTY_SET: return cap_tty_set(sqe, c);
	case EXO_OP_TTY_CTL: return cap_tty_ctl(sqe, c);
	case EXO_OP_READABLE: return cap_readable(sqe, c);
	}
	return EXO_ERR_BAD_CALL;
}
