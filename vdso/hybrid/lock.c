/* Advisory locks: fcntl's F_GETLK/F_SETLK/F_SETLKW and their open-file
 * (F_OFD_*) forms, and flock. One EXO_OP_LOCK or EXO_OP_FLOCK each
 * (ring_ctl.h, ABI 1.3); the kernel keeps the locks, so they hold between
 * processes whatever their descriptors. */
#include "../internal/syscalls.h"
#include "../internal/linux_ctl.h"

static long lock_errno(long status)
{
	return status == EXO_ERR_WRONG_TYPE ? -EINVAL : errno_from_status(status);
}

hidden long fcntl_lock(struct exo_fd_entry *e, long cmd, struct linux_flock *user)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_LOCK };
	int ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	int test = cmd == F_GETLK || cmd == F_OFD_GETLK;
	struct linux_flock fl;
	struct exo_lock l;
	long r;

	if (user_read(&fl, user, sizeof fl) < 0)
		return -EFAULT;
	if ((unsigned short)fl.l_type > F_UNLCK || (unsigned short)fl.l_whence > 2)
		return -EINVAL;
	if (ofd && fl.l_pid)
		return -EINVAL;   /* Linux: an open-file lock names no process */
	/* Linux numbers F_RDLCK 0, F_WRLCK 1, F_UNLCK 2. */
	l = (struct exo_lock){
		.type = fl.l_type == F_RDLCK ? EXO_LOCK_READ :
		        fl.l_type == F_WRLCK ? EXO_LOCK_WRITE : EXO_LOCK_UNLOCK,
		.whence = (exo_u16)fl.l_whence,   /* SEEK_* are EXO_SEEK_* */
		.start = fl.l_start,
		.length = fl.l_len,
	};
	sqe.cap = e->cap;
	sqe.addr = (exo_u64)&l;
	sqe.op_flags = (test ? EXO_LOCK_TEST : 0) |
	               (cmd == F_SETLKW || cmd == F_OFD_SETLKW ? EXO_LOCK_WAIT : 0) |
	               (ofd ? EXO_LOCK_OPEN_FILE : 0);
	if ((r = ring_run(&sqe)) < 0)
		return lock_errno(r);
	if (!test)
		return 0;
	/* No conflict: only l_type changes, as on Linux. */
	if (l.type == EXO_LOCK_UNLOCK) {
		fl.l_type = F_UNLCK;
	} else {
		fl.l_type = l.type == EXO_LOCK_READ ? F_RDLCK : F_WRLCK;
		fl.l_whence = 0;
		fl.l_start = l.start;
		fl.l_len = l.length;
		fl.l_pid = l.pid;
	}
	return user_write(user, &fl, sizeof fl);
}

hidden long sys_flock(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_FLOCK };
	struct exo_fd_entry *e = fd_lookup(a1);
	unsigned how;

	if (!e)
		return -EBADF;
	switch (a2 & ~(long)LOCK_NB) {
	case LOCK_SH: how = EXO_FLOCK_SHARED; break;
	case LOCK_EX: how = EXO_FLOCK_EXCLUSIVE; break;
	case LOCK_UN: how = EXO_FLOCK_UNLOCK; break;
	default: return -EINVAL;
	}
	sqe.cap = e->cap;
	sqe.op_flags = how | (a2 & LOCK_NB ? EXO_FLOCK_NONBLOCK : 0);
	return lock_errno(ring_run(&sqe));
}
