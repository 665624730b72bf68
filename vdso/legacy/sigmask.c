/* rt_sigprocmask: the mask lives in the thread block and changes without
 * entering the kernel; only unblocking a signal the kernel held back
 * (one arrived while blocked) costs a native call (internal/signal.h). */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

/* As Linux (kernel/signal.c): the new set is read first (EFAULT, nothing
 * changed, even for a bad `how`), the mask changes, and then the old one
 * is written, so a bad oldset answers EFAULT with the new mask in force.
 * The entry's fast path comes here on any fault (entry/syscall.S). */
hidden long sys_rt_sigprocmask(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();
	exo_u64 prev = tb->sigmask, cur = prev, set;

	if (a4 != 8)
		return -EINVAL;
	if (a2) {
		if (user_read(&set, (const void *)a2, sizeof set) < 0)
			return -EFAULT;
		switch (a1) {
		case LINUX_SIG_BLOCK: cur |= set; break;
		case LINUX_SIG_UNBLOCK: cur &= ~set; break;
		case LINUX_SIG_SETMASK: cur = set; break;
		default: return -EINVAL;
		}
		signal_mask_set(cur);
	}
	return a3 ? user_write((void *)a3, &prev, sizeof prev) : 0;
}

/* From the entry's fast path (entry/syscall.S), which stored a mask that
 * unblocks signals the kernel held back: a private number, no Linux call. */
hidden long vdso_signal_release(void)
{
	native0(EXO_NC_SIGNAL_MASK);
	return 0;
}
