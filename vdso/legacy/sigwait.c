/* Waiting for signals: rt_sigpending, rt_sigsuspend, pause,
 * rt_sigtimedwait; and sigaltstack. */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

hidden void linux_siginfo_from(struct linux_siginfo *l, const struct exo_siginfo *e);

hidden long sys_rt_sigpending(SYSCALL_ARGS)
{
	exo_u64 set;
	long r;

	if (a2 != 8)
		return -EINVAL;
	r = native1(EXO_NC_SIGNAL_PENDING, &set);
	if (r < 0)
		return errno_from_status(r);
	*(exo_u64 *)a1 = set & thread_block()->sigmask;
	return 0;
}

/* The mask to restore is kept for the delivery, which puts it in the
 * handler's ucontext (legacy/sigframe.c), as Linux's saved_sigmask. */
static long suspend(exo_u64 mask)
{
	struct exo_thread_block *tb = thread_block();

	tb->sigmask_saved = tb->sigmask;
	tb->signal_flags |= EXO_TB_SIG_SUSPEND;
	signal_mask_set(mask);
	native0(EXO_NC_SIGNAL_SUSPEND);
	if (!tb->signal_pending) {
		tb->signal_flags &= ~EXO_TB_SIG_SUSPEND;
		signal_mask_set(tb->sigmask_saved);
	}
	return -EINTR;
}

hidden long sys_rt_sigsuspend(SYSCALL_ARGS)
{
	if (a2 != 8)
		return -EINVAL;
	return suspend(*(const exo_u64 *)a1);
}

hidden long sys_pause(SYSCALL_ARGS)
{
	return suspend(thread_block()->sigmask);
}

hidden long sys_rt_sigtimedwait(SYSCALL_ARGS)
{
	const struct linux_timespec *ts = (const struct linux_timespec *)a3;
	struct linux_siginfo *out = (struct linux_siginfo *)a2;
	struct exo_timespec t;
	struct exo_siginfo info;
	long r;

	if (a4 != 8)
		return -EINVAL;
	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
			return -EINVAL;
		t.sec = ts->tv_sec;
		t.nsec = (exo_u32)ts->tv_nsec;
		t.reserved = 0;
	}
	r = native3(EXO_NC_SIGNAL_WAIT, *(const exo_u64 *)a1, &info, ts ? &t : 0);
	if (r == EXO_ERR_TIMED_OUT)
		return -EAGAIN;
	if (r < 0)
		return errno_from_status(r);
	if (out)
		linux_siginfo_from(out, &info);
	return r;
}

hidden long sys_sigaltstack(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();
	const struct linux_stack *ss = (const struct linux_stack *)a1;
	struct linux_stack *old = (struct linux_stack *)a2;
	exo_u64 sp = (exo_u64)__builtin_frame_address(0);
	int on = tb->altstack_size && sp - tb->altstack_sp <= tb->altstack_size;
	struct linux_stack prev = { tb->altstack_sp, 0, 0, tb->altstack_size };

	prev.flags = !tb->altstack_size ? LINUX_SS_DISABLE : on ? LINUX_SS_ONSTACK : 0;
	if (ss) {
		int flags = ss->flags & ~(int)LINUX_SS_AUTODISARM;
		if (on)
			return -EPERM;
		if (flags != 0 && flags != LINUX_SS_ONSTACK && flags != LINUX_SS_DISABLE)
			return -EINVAL;
		if (flags == LINUX_SS_DISABLE) {
			tb->altstack_sp = tb->altstack_size = 0;
		} else {
			if (ss->size < LINUX_MINSIGSTKSZ)
				return -ENOMEM;
			tb->altstack_sp = ss->sp;
			tb->altstack_size = ss->size;
		}
		tb->altstack_flags = 0;
	}
	if (old)
		*old = prev;
	return 0;
}
