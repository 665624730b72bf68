/* rt_sigaction: the dispositions are the vDSO's, in the process area
 * (threads share them, fork copies them). The kernel is told only what
 * it needs to decide when a signal is sent: default, ignore or handle. */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

hidden exo_u64 sigaction_handler(int sig)
{
	const struct vdso_sigaction *a = &exo_vdso_private.actions[sig - 1];

	if (a->flags & VDSO_SA_SET)
		return a->handler;
	return (exo_vdso_process.sig_ignored & EXO_SIG_BIT(sig)) ? LINUX_SIG_IGN : LINUX_SIG_DFL;
}

static unsigned kind_of(exo_u64 handler)
{
	return handler == LINUX_SIG_DFL ? EXO_SIGACT_DEFAULT
	     : handler == LINUX_SIG_IGN ? EXO_SIGACT_IGNORE : EXO_SIGACT_HANDLE;
}

static long set_action(int sig, const struct linux_sigaction *act)
{
	struct vdso_sigaction *a = &exo_vdso_private.actions[sig - 1];

	/* Stored before the kernel hears of it: a signal it queues from now
	 * on finds the handler. */
	a->mask = act->mask & ~LINUX_UNBLOCKABLE;
	a->restorer = act->restorer;
	a->handler = act->handler;
	a->flags = (act->flags & 0xffffffffull) | VDSO_SA_SET;
	unsigned flags = ((act->flags & LINUX_SA_NOCLDSTOP) ? EXO_SIGACT_NO_CHILD_STOP : 0) |
	                 ((act->flags & LINUX_SA_NOCLDWAIT) ? EXO_SIGACT_NO_CHILD_WAIT : 0);

	return errno_from_status(native3(EXO_NC_SIGNAL_ACTION, sig, kind_of(act->handler), flags));
}

/* SA_RESETHAND: the action goes back to the default as the handler runs. */
hidden void sigaction_reset(int sig)
{
	struct linux_sigaction dfl = { 0, 0, 0, 0 };

	set_action(sig, &dfl);
}

/* As Linux: the new action is read right after the size check (EFAULT
 * before a bad signal number), and the old one written after the action
 * changed, so a bad old pointer answers EFAULT with the new action set. */
hidden long sys_rt_sigaction(SYSCALL_ARGS)
{
	int sig = (int)a1;
	struct linux_sigaction prev, n;

	if (a4 != 8)
		return -EINVAL;
	if (a2 && user_read(&n, (const void *)a2, sizeof n) < 0)
		return -EFAULT;
	if (sig < 1 || sig > LINUX_NSIG)
		return -EINVAL;
	if (a2 && (sig == LINUX_SIGKILL || sig == LINUX_SIGSTOP))
		return -EINVAL;
	prev.handler = sigaction_handler(sig);
	prev.flags = exo_vdso_private.actions[sig - 1].flags & 0xffffffffull;
	prev.restorer = exo_vdso_private.actions[sig - 1].restorer;
	prev.mask = exo_vdso_private.actions[sig - 1].mask;
	if (a2) {
		long r = set_action(sig, &n);
		if (r < 0)
			return r;
	}
	return a3 ? user_write((void *)a3, &prev, sizeof prev) : 0;
}
