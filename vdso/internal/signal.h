/* The vDSO's signal machinery, shared by vdso/legacy/sig*.c and the
 * entry (vdso/entry/). */
#ifndef VDSO_SIGNAL_H
#define VDSO_SIGNAL_H

#include <exo/signal.h>
#include "vdso.h"
#include "linux_signal.h"

/* vdso_sigaction.flags beyond Linux's: the entry was set by the program
 * (before that, the action is SIG_IGN if the kernel says the signal was
 * ignored at start, SIG_DFL otherwise). */
#define VDSO_SA_SET (1ull << 40)

/* The handler of sig as the program set it (or inherited it). */
hidden exo_u64 sigaction_handler(int sig);
hidden void sigaction_reset(int sig);

/* Set the calling thread's mask; enters the kernel only if it unblocks
 * a signal the kernel holds back or blocks one it watches. */
static inline void signal_mask_set(exo_u64 mask)
{
	struct exo_thread_block *tb = thread_block();

	mask &= ~LINUX_UNBLOCKABLE;
	__atomic_store_n(&tb->sigmask, mask, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (unlikely((tb->sigmask_held & ~mask) | (tb->sigmask_watch & mask)))
		native0(EXO_NC_SIGNAL_MASK);
}

/* Deliver what is queued for this thread, then resume ctx (entry/signal.S,
 * legacy/sigframe.c). nr: the translated call ctx returns from, or -1. */
hidden long vdso_signal_release(void);
hidden _Noreturn void signal_deliver(struct exo_signal_context *ctx, long nr);
hidden _Noreturn void signal_resume(const struct exo_signal_context *ctx);
/* The entry's first instruction, where a restarted call goes again. */
extern char exo_syscall_restart[] hidden;

#endif
