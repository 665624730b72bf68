/* kill, tkill, tgkill: only default actions exist until signals are
 * translated, so a signal is a termination (or stop) reason the kernel
 * applies to the target as POSIX's default action says. */
#include "../internal/syscalls.h"

static long kill_errno(long r)
{
	return r == EXO_ERR_NOT_FOUND ? -ESRCH : errno_from_status(r);
}

hidden long sys_kill(SYSCALL_ARGS)
{
	if ((unsigned long)a2 >= NSIG)
		return -EINVAL;
	return kill_errno(native2(EXO_NC_PROCESS_KILL, (int)a1, a2));
}

hidden long sys_tkill(SYSCALL_ARGS)
{
	if ((unsigned long)a2 >= NSIG)
		return -EINVAL;
	if ((int)a1 <= 0)
		return -EINVAL;
	return kill_errno(native2(EXO_NC_THREAD_KILL, (int)a1, a2));
}

hidden long sys_tgkill(SYSCALL_ARGS)
{
	if ((unsigned long)a3 >= NSIG || (int)a1 <= 0 || (int)a2 <= 0)
		return -EINVAL;
	if ((int)a1 != (int)thread_block()->pid)
		return -ESRCH;
	return kill_errno(native2(EXO_NC_THREAD_KILL, (int)a2, a3));
}
