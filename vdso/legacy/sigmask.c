/* rt_sigprocmask: the mask lives in the thread block and changes without
 * entering the kernel; only unblocking a signal the kernel held back
 * (one arrived while blocked) costs a native call (internal/signal.h). */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

hidden long sys_rt_sigprocmask(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();
	const exo_u64 *set = (const exo_u64 *)a2;
	exo_u64 *old = (exo_u64 *)a3;
	exo_u64 prev = tb->sigmask, cur = prev;

	if (a4 != 8)
		return -EINVAL;
	if (set) {
		switch (a1) {
		case LINUX_SIG_BLOCK: cur |= *set; break;
		case LINUX_SIG_UNBLOCK: cur &= ~*set; break;
		case LINUX_SIG_SETMASK: cur = *set; break;
		default: return -EINVAL;
		}
	}
	if (old)
		*old = prev;
	if (set)
		signal_mask_set(cur);
	return 0;
}

/* From the entry's fast path (entry/syscall.S), which stored a mask that
 * unblocks signals the kernel held back: a private number, no Linux call. */
hidden long vdso_signal_release(void)
{
	native0(EXO_NC_SIGNAL_MASK);
	return 0;
}
