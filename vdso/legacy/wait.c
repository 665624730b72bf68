/* wait4 and waitid: the kernel reports how a child changed (struct
 * exo_child_status); the Linux status word and siginfo are built here. */
#include "../internal/syscalls.h"

static long wait_errno(long r)
{
	return r == EXO_ERR_NOT_FOUND ? -ECHILD : errno_from_status(r);
}

static int status_word(const struct exo_child_status *c)
{
	switch (c->how) {
	case EXO_CHILD_EXITED: return (c->status & 0xff) << 8;
	case EXO_CHILD_KILLED: return c->status & 0x7f;
	case EXO_CHILD_DUMPED: return (c->status & 0x7f) | 0x80;
	case EXO_CHILD_STOPPED: return (c->status & 0xff) << 8 | 0x7f;
	default: return 0xffff;  /* continued */
	}
}

static void fill_rusage(struct linux_rusage *ru, const struct exo_child_status *c)
{
	memset(ru, 0, sizeof *ru);
	ru->ru_utime.tv_sec = (exo_s64)(c->user_ns / 1000000000u);
	ru->ru_utime.tv_usec = (exo_s64)(c->user_ns % 1000000000u / 1000u);
	ru->ru_stime.tv_sec = (exo_s64)(c->system_ns / 1000000000u);
	ru->ru_stime.tv_usec = (exo_s64)(c->system_ns % 1000000000u / 1000u);
}

hidden long sys_wait4(SYSCALL_ARGS)
{
	long pid = a1;
	int *wstatus = (int *)a2;
	struct exo_child_status c;
	unsigned type, opts = EXO_WAIT_EXITED;
	long id = 0, r;

	if ((unsigned long)a3 & ~(unsigned long)(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid < -1)
		type = EXO_WAIT_GROUP, id = -pid;
	else if (pid == -1)
		type = EXO_WAIT_ANY;
	else if (pid == 0)
		type = EXO_WAIT_GROUP;
	else
		type = EXO_WAIT_PID, id = pid;
	if (a3 & WNOHANG) opts |= EXO_WAIT_NOHANG;
	if (a3 & WUNTRACED) opts |= EXO_WAIT_STOPPED;
	if (a3 & WCONTINUED) opts |= EXO_WAIT_CONTINUED;
	memset(&c, 0, sizeof c);
	r = native_call(EXO_NC_PROCESS_WAIT, type, id, opts, (long)&c, 0, 0);
	if (r <= 0)
		return r ? wait_errno(r) : 0;
	if (wstatus)
		*wstatus = status_word(&c);
	if (a4)
		fill_rusage((struct linux_rusage *)a4, &c);
	return (long)c.pid;
}

hidden long sys_waitid(SYSCALL_ARGS)
{
	struct linux_siginfo_child *si = (struct linux_siginfo_child *)a3;
	struct exo_child_status c;
	unsigned type, opts = 0;
	long r;

	if ((unsigned long)a4 & ~(unsigned long)(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT |
	                                         __WNOTHREAD | __WALL | __WCLONE) ||
	    !(a4 & (WSTOPPED | WEXITED | WCONTINUED)))
		return -EINVAL;
	switch (a1) {
	case P_ALL: type = EXO_WAIT_ANY; break;
	case P_PID: if (a2 <= 0) return -EINVAL; type = EXO_WAIT_PID; break;
	case P_PGID: if (a2 < 0) return -EINVAL; type = EXO_WAIT_GROUP; break;
	default: return -EINVAL;
	}
	if (a4 & WNOHANG) opts |= EXO_WAIT_NOHANG;
	if (a4 & WEXITED) opts |= EXO_WAIT_EXITED;
	if (a4 & WSTOPPED) opts |= EXO_WAIT_STOPPED;
	if (a4 & WCONTINUED) opts |= EXO_WAIT_CONTINUED;
	if (a4 & WNOWAIT) opts |= EXO_WAIT_NOREAP;
	memset(&c, 0, sizeof c);
	r = native_call(EXO_NC_PROCESS_WAIT, type, a2, opts, (long)&c, 0, 0);
	if (r < 0)
		return wait_errno(r);
	if (si) {
		memset(si, 0, 128);
		if (r > 0) {
			static const exo_s32 code[] = { 0, CLD_EXITED, CLD_KILLED, CLD_DUMPED,
			                                CLD_STOPPED, CLD_CONTINUED };
			si->si_signo = SIGCHLD;
			si->si_code = code[c.how < 6 ? c.how : 0];
			si->si_pid = (exo_s32)c.pid;
			si->si_uid = c.uid;
			si->si_status = c.how == EXO_CHILD_CONTINUED ? SIGCONT_NR : c.status;
		}
	}
	if (a5 && r > 0)
		fill_rusage((struct linux_rusage *)a5, &c);
	return 0;
}
