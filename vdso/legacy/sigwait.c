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
	set &= thread_block()->sigmask;
	return user_write((void *)a1, &set, sizeof set);
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
	exo_u64 mask;

	if (a2 != 8)
		return -EINVAL;
	if (user_read(&mask, (const void *)a1, sizeof mask) < 0)
		return -EFAULT;
	return suspend(mask);
}

hidden long sys_pause(SYSCALL_ARGS)
{
	return suspend(thread_block()->sigmask);
}

/* As Linux: the set, then the timeout, are read before anything is
 * checked; the siginfo is written after the signal was taken, so a bad
 * one answers EFAULT with the signal consumed. */
hidden long sys_rt_sigtimedwait(SYSCALL_ARGS)
{
	struct linux_timespec ts;
	struct linux_siginfo out;
	struct exo_timespec t;
	struct exo_siginfo info;
	exo_u64 set;
	long r;

	if (a4 != 8)
		return -EINVAL;
	if (user_read(&set, (const void *)a1, sizeof set) < 0 ||
	    (a3 && user_read(&ts, (const void *)a3, sizeof ts) < 0))
		return -EFAULT;
	if (a3) {
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		t.sec = ts.tv_sec;
		t.nsec = (exo_u32)ts.tv_nsec;
		t.reserved = 0;
	}
	r = native3(EXO_NC_SIGNAL_WAIT, set, &info, a3 ? &t : 0);
	if (r == EXO_ERR_TIMED_OUT)
		return -EAGAIN;
	if (r < 0)
		return errno_from_status(r);
	if (a2) {
		linux_siginfo_from(&out, &info);
		if (user_write((void *)a2, &out, sizeof out) < 0)
			return -EFAULT;
	}
	return r;
}

hidden long sys_sigaltstack(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();
	struct linux_stack ss;
	exo_u64 sp = (exo_u64)__builtin_frame_address(0);
	int on = tb->altstack_size && sp - tb->altstack_sp <= tb->altstack_size;
	struct linux_stack prev = { tb->altstack_sp, 0, 0, tb->altstack_size };

	/* As Linux: the new stack is read first (EFAULT before EPERM or
	 * EINVAL), the old one written after the change. */
	prev.flags = !tb->altstack_size ? LINUX_SS_DISABLE : on ? LINUX_SS_ONSTACK : 0;
	if (a1 && user_read(&ss, (const void *)a1, sizeof ss) < 0)
		return -EFAULT;
	if (a1) {
		int flags = ss.flags & ~(int)LINUX_SS_AUTODISARM;
		if (on)
			return -EPERM;
		if (flags != 0 && flags != LINUX_SS_ONSTACK && flags != LINUX_SS_DISABLE)
			return -EINVAL;
		if (flags == LINUX_SS_DISABLE) {
			tb->altstack_sp = tb->altstack_size = 0;
		} else {
			if (ss.size < LINUX_MINSIGSTKSZ)
				return -ENOMEM;
			tb->altstack_sp = ss.sp;
			tb->altstack_size = ss.size;
		}
		tb->altstack_flags = 0;
	}
	return a2 ? user_write((void *)a2, &prev, sizeof prev) : 0;
}
