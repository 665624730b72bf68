/* Sending signals: kill, tkill, tgkill, rt_sigqueueinfo,
 * rt_tgsigqueueinfo. Each is one message (EXO_NC_SIGNAL_SEND); a signal
 * to the caller itself is delivered before the call returns, as POSIX
 * asks of raise (it comes back queued at the call's return). */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

static long send_errno(long r)
{
	switch (r) {
	case EXO_ERR_NOT_FOUND: return -ESRCH;
	case EXO_ERR_PERMISSION: return -EPERM;
	default: return errno_from_status(r);
	}
}

static long send(unsigned to, long id, long id2, long sig, const struct linux_siginfo *si)
{
	struct exo_siginfo e;

	if ((unsigned long)sig > LINUX_NSIG)
		return -EINVAL;
	if (si) {
		memset(&e, 0, sizeof e);
		e.signo = (exo_s32)sig;
		e.code = si->code;
		e.pid = (exo_u32)si->u.kill.pid;
		e.uid = si->u.kill.uid;
		e.value = si->u.kill.value;
	}
	return send_errno(native_call(EXO_NC_SIGNAL_SEND, to, id, id2, sig, si ? (long)&e : 0, 0));
}

hidden long sys_kill(SYSCALL_ARGS)
{
	return send(EXO_SIGNAL_TO_PROCESS, (int)a1, 0, a2, 0);
}

hidden long sys_tkill(SYSCALL_ARGS)
{
	if ((int)a1 <= 0)
		return -EINVAL;
	return send(EXO_SIGNAL_TO_THREAD, (int)a1, -1, a2, 0);
}

hidden long sys_tgkill(SYSCALL_ARGS)
{
	if ((int)a1 <= 0 || (int)a2 <= 0)
		return -EINVAL;
	return send(EXO_SIGNAL_TO_THREAD, (int)a2, (int)a1, a3, 0);
}

/* The program's siginfo is read before anything is checked (a null one
 * too): EFAULT first, as Linux. */
hidden long sys_rt_sigqueueinfo(SYSCALL_ARGS)
{
	struct linux_siginfo si;

	if (user_read(&si, (const void *)a3, sizeof si) < 0)
		return -EFAULT;
	return send(EXO_SIGNAL_TO_PROCESS, (int)a1, 0, a2, &si);
}

hidden long sys_rt_tgsigqueueinfo(SYSCALL_ARGS)
{
	struct linux_siginfo si;

	if (user_read(&si, (const void *)a4, sizeof si) < 0)
		return -EFAULT;
	if ((int)a1 <= 0 || (int)a2 <= 0)
		return -EINVAL;
	return send(EXO_SIGNAL_TO_THREAD, (int)a2, (int)a1, a3, &si);
}
