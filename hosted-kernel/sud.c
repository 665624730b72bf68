/* Enforcing "only the native ABI crosses into the kernel": Linux's Syscall
 * User Dispatch traps every system call made from outside the launcher's
 * own image (the guest program and the vDSO) with SIGSYS. The launcher is
 * a static PIE, so [__ehdr_start, _end) covers all of its code, glibc
 * included, and the kernel model itself runs unhindered.
 *
 * A trapped call is never passed to Linux. In --strict mode it is fatal,
 * named on stderr, with the status of death by SIGSYS; otherwise it is
 * named and the program gets -ENOSYS, as for any untranslated call. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <ucontext.h>
#include <unistd.h>
#include "kernel.h"
#include "kpriv.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif
#define SELECTOR_BLOCK 1

extern char __ehdr_start[], _end[];
static volatile char selector = SELECTOR_BLOCK;

static void on_sigsys(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	exo_u64 guest_fs = rdfs(), kernel_fs;

	if (si->si_code != 2 /* SYS_USER_DISPATCH */) {
		signal_on_host(sig, si, uc_);
		return;
	}
	/* The handler interrupts guest code: install the launcher's TLS
	 * before touching anything of glibc's, put the guest's back after. */
	__asm__ ("mov %%gs:%c1, %0" : "=r"(kernel_fs) : "i"(KP_KERNEL_FS));
	wrfs(kernel_fs);
	(void)sig;

	int nr = si->si_syscall;
	const char *name = syscall_name(nr);
	unsigned long pc = (unsigned long)si->si_call_addr;
	if (opt.strict) {
		fprintf(stderr, "exo-run: strict: the guest made a raw Linux system call, %s (%d), at %#lx\n",
		        name, nr, pc);
		fflush(stderr);
		_exit(128 + SIGSYS);
	}
	fprintf(stderr, "exo-run: refused a raw Linux system call from the guest: %s (%d) at %#lx -> ENOSYS\n",
	        name, nr, pc);
	uc->uc_mcontext.gregs[REG_RAX] = -ENOSYS;
	wrfs(guest_fs);
}

void sud_prepare(void)
{
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaltstack(&ss, NULL) < 0 || sigaction(SIGSYS, &sa, NULL) < 0) {
		perror("exo-run: cannot install the SIGSYS handler");
		exit(125);
	}
}

void sud_thread_start(void *altstack, size_t size)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = size };

	sigaltstack(&ss, NULL);
	sud_enable();
}

void sud_enable(void)
{
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
	          (unsigned long)__ehdr_start, (unsigned long)(_end - __ehdr_start),
	          &selector) < 0) {
		fprintf(stderr, "exo-run: Syscall User Dispatch is unavailable (%s); "
		        "raw system calls from the guest could not be trapped\n", strerror(errno));
		exit(125);
	}
}
