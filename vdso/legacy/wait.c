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

/* Into the program's struct rusage at `user`: 0 or -EFAULT. */
static long fill_rusage(long user, const struct exo_child_status *c)
{
	struct linux_rusage ru;

	memset(&ru, 0, sizeof ru);
	ru.ru_utime.tv_sec = (exo_s64)(c->user_ns / 1000000000u);
	ru.ru_utime.tv_usec = (exo_s64)(c->user_ns % 1000000000u / 1000u);
	ru.ru_stime.tv_sec = (exo_s64)(c->system_ns / 1000000000u);
	ru.ru_stime.tv_usec = (exo_s64)(c->system_ns % 1000000000u / 1000u);
	return user_write((void *)user, &ru, sizeof ru);
}

/* As Linux, the child is reaped before its status and rusage are written:
 * a bad pointer answers EFAULT and the child is gone. */
hidden long sys_wait4(SYSCALL_ARGS)
{
	long pid = a1;
	int wstatus;
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
	if (!a4) opts |= EXO_WAIT_NO_TIMES;   /* no rusage wanted: the host skips it */
	memset(&c, 0, sizeof c);
	r = native_call(EXO_NC_PROCESS_WAIT, type, id, opts, (long)&c, 0, 0);
	if (r <= 0)
		return r ? wait_errno(r) : 0;
	wstatus = status_word(&c);
	if (a2 && user_write((void *)a2, &wstatus, sizeof wstatus) < 0)
		return -EFAULT;
	if (a4 && fill_rusage(a4, &c) < 0)
		return -EFAULT;
	return (long)c.pid;
}

/* As Linux: the rusage, then the siginfo, are written after the child
 * was reaped. */
hidden long sys_waitid(SYSCALL_ARGS)
{
	/* The whole 128-byte siginfo is written, zeros beyond the fields. */
	union { struct linux_siginfo_child f; exo_u8 bytes[128]; } si;
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
	if (!a5) opts |= EXO_WAIT_NO_TIMES;
	memset(&c, 0, sizeof c);
	r = native_call(EXO_NC_PROCESS_WAIT, type, a2, opts, (long)&c, 0, 0);
	if (r < 0)
		return wait_errno(r);
	if (a5 && r > 0 && fill_rusage(a5, &c) < 0)
		return -EFAULT;
	if (a3) {
		memset(&si, 0, sizeof si);
		if (r > 0) {
			static const exo_s32 code[] = { 0, CLD_EXITED, CLD_KILLED, CLD_DUMPED,
			                                CLD_STOPPED, CLD_CONTINUED };
			si.f.si_signo = SIGCHLD;
			si.f.si_code = code[c.how < 6 ? c.how : 0];
			si.f.si_pid = (exo_s32)c.pid;
			si.f.si_uid = c.uid;
			si.f.si_status = c.how == EXO_CHILD_CONTINUED ? SIGCONT_NR : c.status;
		}
		return user_write((void *)a3, &si, sizeof si);
	}
	return 0;
}
