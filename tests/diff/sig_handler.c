/* Handlers: raise and kill to self run the handler before returning;
 * SA_SIGINFO shows si_pid, si_uid, si_code and sigqueue's value; a
 * blocked signal stays pending until unblocked; the handler's mask;
 * registers a handler changes in the ucontext are what the program
 * resumes with; SA_RESETHAND; sigaltstack; SIGSEGV with longjmp out. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig;
static volatile int last_code, last_value, pid_ok, uid_ok, mask_in_handler, on_alt;
static sigjmp_buf env;
static char *alt_lo, *alt_hi;

static void plain(int sig)
{
	hits++;
	last_sig = sig;
}

static void with_info(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	sigset_t cur;

	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_value = si->si_value.sival_int;
	pid_ok = si->si_pid == getpid();
	uid_ok = si->si_uid == getuid();
	sigprocmask(SIG_BLOCK, NULL, &cur);
	mask_in_handler = sigismember(&cur, sig) * 10 + sigismember(&cur, SIGUSR2);
	(void)uc;
}

static void on_alt_stack(int sig)
{
	char here;
	(void)sig;
	on_alt = &here >= alt_lo && &here < alt_hi;
}

static void segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	printf("SIGSEGV handler: sig %d code %d addr %p\n", sig, si->si_code, si->si_addr);
	siglongjmp(env, 1);
}

/* Skips the faulting 3-byte load and sets its result. */
static void skip_load(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	(void)sig; (void)si;
	uc->uc_mcontext.gregs[REG_RIP] += 3;
	uc->uc_mcontext.gregs[REG_RAX] = 4242;
	uc->uc_mcontext.gregs[REG_R12] = 77;
}

int main(void)
{
	struct sigaction sa;
	sigset_t set, old, pend;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGUSR1, plain);
	raise(SIGUSR1);
	printf("raise: hits %d sig %d\n", hits, last_sig);
	kill(getpid(), SIGUSR1);
	printf("kill self: hits %d\n", hits);

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = with_info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	printf("siginfo kill: code %d pid_ok %d uid_ok %d mask %d\n", last_code, pid_ok, uid_ok,
	       mask_in_handler);
	union sigval v = { .sival_int = 77 };
	sigqueue(getpid(), SIGUSR1, v);
	printf("sigqueue: code %d value %d pid_ok %d\n", last_code, last_value, pid_ok);
	raise(SIGUSR1);
	printf("raise: code %d\n", last_code);

	/* Blocked: pending, then delivered on unblock. */
	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	raise(SIGUSR1);
	sigpending(&pend);
	printf("blocked: hits %d pending %d\n", hits, sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: hits %d (standard signals coalesce)\n", hits);
	sigpending(&pend);
	printf("pending after: %d\n", sigismember(&pend, SIGUSR1));

	/* Real-time signals queue, lowest first. */
	hits = 0;
	sa.sa_sigaction = with_info;
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, &old);
	for (int i = 0; i < 3; i++) {
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN + 1, v);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("rt queued: hits %d last value %d\n", hits, last_value);

	/* SIG_IGN discards. */
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR2);
	printf("ignored: still here\n");

	/* SA_RESETHAND: once, then the default (checked by the old action). */
	sa.sa_handler = plain;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, NULL);
	hits = 0;
	raise(SIGUSR2);
	struct sigaction now;
	sigaction(SIGUSR2, NULL, &now);
	printf("resethand: hits %d now default %d\n", hits, now.sa_handler == SIG_DFL);

	/* sigaltstack */
	stack_t ss, oss;
	ss.ss_size = 64 * 1024;
	ss.ss_sp = malloc(ss.ss_size);
	ss.ss_flags = 0;
	alt_lo = ss.ss_sp;
	alt_hi = alt_lo + ss.ss_size;
	sigaltstack(&ss, &oss);
	printf("old altstack disabled: %d\n", (oss.ss_flags & SS_DISABLE) != 0);
	sa.sa_handler = on_alt_stack;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	printf("on alt stack: %d\n", on_alt);
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	printf("without SA_ONSTACK: %d\n", on_alt);

	/* Registers changed in the ucontext are what the program resumes with. */
	sa.sa_sigaction = skip_load;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	long rax, r12;
	__asm__ volatile ("xor %%eax, %%eax; xor %%r12d, %%r12d; mov (%%rax), %%rax; mov %%r12, %1"
	                  : "=a"(rax), "=r"(r12) :: "r12", "memory");
	printf("after skipped load: rax %ld r12 %ld\n", rax, r12);

	/* SIGSEGV on NULL, longjmp out */
	sa.sa_sigaction = segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (!sigsetjmp(env, 1)) {
		*(volatile int *)0 = 1;
		printf("not reached\n");
	}
	printf("back from SIGSEGV\n");
	if (!sigsetjmp(env, 1))
		*(volatile int *)16 = 1;
	printf("and again\n");
	return 0;
}
