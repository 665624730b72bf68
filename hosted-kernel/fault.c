/* Faults in the host process: SIGSEGV and SIGBUS.
 *
 * A fault inside a kernel copy of guest memory (memory.c) resumes at the
 * copy's recovery point, found through the thread block, so a bad guest
 * address is an error status for the guest and not the kernel's death.
 * Any other fault is the guest's own: its handler runs if it has one
 * (signal_host.c up-calls the vDSO); otherwise it takes the default
 * action, so the launcher dies of it and the parent, or the shell, sees
 * the same status as for the program natively. The
 * handler is installed with SA_NODEFER so the longjmp out of it leaves the
 * signal unblocked, and SA_ONSTACK: the guest's stack may be the reason. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include <string.h>
#include "kernel.h"

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	exo_u64 gs, fs, kernel_fs;
	sigjmp_buf *env = NULL;

	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	if (gs)
		env = (sigjmp_buf *)((struct exo_thread_block *)gs)->kernel_private[(KP_COPY_FIXUP - EXO_TB_KERNEL_PRIVATE) / 8];
	if (env) {
		/* Linux started this handler with the FPU's initial control
		 * state, and a longjmp out of it keeps it: the interrupted
		 * kernel code ran under the guest's MXCSR and x87 control word
		 * (RING_ENTER's light path saves only ymm0-15), so put them
		 * back or the guest's would be reset by an EFAULT. */
		const ucontext_t *u = uc;
		if (u->uc_mcontext.fpregs) {
			unsigned mxcsr = u->uc_mcontext.fpregs->mxcsr;
			unsigned short fcw = u->uc_mcontext.fpregs->cwd;
			__asm__ volatile ("ldmxcsr %0\n\tfldcw %1" :: "m"(mxcsr), "m"(fcw));
		}
		siglongjmp(*env, 1);
	}
	/* A vDSO copy of program memory (thread.h, user_fixup): resume at its
	 * recovery point, which answers EFAULT. */
	if (gs && ((struct exo_thread_block *)gs)->user_fixup) {
		struct exo_thread_block *tb = (struct exo_thread_block *)gs;
		((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP] = (greg_t)tb->user_fixup;
		tb->user_fixup = 0;
		return;
	}
	if (signal_fault(sig, si, uc))
		return;
	/* The guest's fault: the default action, taken when the faulting
	 * instruction runs again. glibc's sigaction needs the launcher's TLS. */
	__asm__ volatile ("rdfsbase %0" : "=r"(fs));
	if (gs) {
		__asm__ ("mov %%gs:%c1, %0" : "=r"(kernel_fs) : "i"(KP_KERNEL_FS));
		__asm__ volatile ("wrfsbase %0" :: "r"(kernel_fs) : "memory");
	}
	signal(sig, SIG_DFL);
	__asm__ volatile ("wrfsbase %0" :: "r"(fs) : "memory");
}

void fault_handlers_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}
