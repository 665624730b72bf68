/* rt_sigprocmask: the mask lives in the thread block. Until signals are
 * translated nothing is delivered to a handler, so the mask only has to
 * read back as it was set (musl blocks signals around fork, thread
 * creation and raise); default actions are the host's. */
#include "../internal/syscalls.h"

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
/* SIGKILL and SIGSTOP cannot be blocked. */
#define UNBLOCKABLE ((1ull << 8) | (1ull << 18))

hidden long sys_rt_sigprocmask(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();
	const exo_u64 *set = (const exo_u64 *)a2;
	exo_u64 *old = (exo_u64 *)a3;
	exo_u64 cur = tb->sigmask;

	if (a4 != 8)
		return -EINVAL;
	if (set) {
		switch (a1) {
		case SIG_BLOCK: cur |= *set; break;
		case SIG_UNBLOCK: cur &= ~*set; break;
		case SIG_SETMASK: cur = *set; break;
		default: return -EINVAL;
		}
	}
	if (old)
		*old = tb->sigmask;
	tb->sigmask = cur & ~UNBLOCKABLE;
	return 0;
}
