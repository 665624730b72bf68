/* SIGCHLD left at the host's default while the guest cannot see it.
 *
 * The guest's children are the launcher's, so their SIGCHLD is the
 * host's. signal_host.c catches every signal, SIGCHLD included, because
 * the guest's mask is lazy: a signal that arrives while the guest blocks
 * it must be held, not lost. But a SIGCHLD that the guest leaves at its
 * default (ignore) and does not block is discarded whatever happens, and
 * catching it costs the parent a host signal frame (an XSAVE image on
 * the alternate stack) and the handler for every child's end: 5-18 us of
 * CPU per fork+exit+wait (docs/legacy-processes.md).
 *
 * So, while it changes nothing the guest can observe, the host's
 * disposition is SIG_DFL ("quiet"), which discards it as Linux discards
 * the guest's: the guest's action is the default, the process has one
 * thread, the thread's mask does not block SIGCHLD, and nothing of it is
 * held or queued. The thread block's sigmask_watch (ABI 1.5) then holds
 * SIGCHLD's bit, so the vDSO enters the kernel (EXO_NC_SIGNAL_MASK) as
 * soon as a new mask blocks it, and the handler is installed again
 * before that call returns ("loud"): a SIGCHLD discarded in between came
 * before the call's end, when the guest could still discard it. A
 * handler, SIG_IGN, a second thread (thread_create) or a guest
 * sigwait for a blocked SIGCHLD all start from a loud state, since each
 * is set up by a kernel call or after a block. The quiet state is
 * entered where the guest waits for a child (process_wait), since that
 * is where a child's end is about to come; musl's fork blocks every
 * signal around the host fork, so the parent is loud again at each fork
 * (one rt_sigaction) and quiet at its wait (another). A fork child
 * inherits whichever state its parent had, with its thread block. */
#define _GNU_SOURCE
#include <signal.h>
#include <exo/signal.h>
#include "kernel.h"
#include "signal_impl.h"

#define CHLD_BIT EXO_SIG_BIT(SIGCHLD)

/* The state is the quiet thread's sigmask_watch bit alone: a static of
 * the launcher's would be one more page that the parent writes after
 * each fork, a copy while the child lives, where the thread block's page
 * is written by every native call anyway. */

/* Catch SIGCHLD again; t is the only thread (the caller). */
void signal_child_loud(struct kthread *t)
{
	if (t->block->sigmask_watch & CHLD_BIT)
		signal_install(SIGCHLD);
}

/* signal_install(SIGCHLD) puts a handler (or SIG_IGN) in place: nothing
 * to watch any more. At start-up no thread block is in place yet. */
void signal_child_installed(void)
{
	struct exo_thread_block *tb;

	__asm__ volatile ("rdgsbase %0" : "=r"(tb));
	if (tb && (tb->sigmask_watch & CHLD_BIT))
		tb->sigmask_watch &= ~CHLD_BIT;
}

void signal_child_quiet(struct kthread *t)
{
	struct exo_thread_block *tb = t->block;
	struct ksignals *ks = ksignals_of(tb);

	if ((tb->sigmask_watch & CHLD_BIT) || signal_kind[SIGCHLD] != EXO_SIGACT_DEFAULT || !ks)
		return;
	if ((tb->sigmask | tb->sigmask_held | ks->bits | ks->wait_set) & CHLD_BIT)
		return;
	if (!threads_single())
		return;
	/* Watch first: the guest cannot change its mask while its only
	 * thread is here, and a SIGCHLD that the handler takes before the
	 * disposition changes finds it unblocked and ignores it. */
	tb->sigmask_watch |= CHLD_BIT;
	host_disposition(SIGCHLD, SIG_DFL, signal_child_flags);
}
