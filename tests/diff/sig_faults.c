/* Synchronous faults delivered to handlers with si_code and si_addr:
 * SIGFPE (divide by zero), SIGILL (ud2), SIGTRAP (int3), SIGSEGV from a
 * stack overflow handled on the alternate stack; SIGPIPE from a write to
 * a pipe without reader (handled, then the default action); an
 * unhandled fault kills the child with that signal. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int code, on_alt;
static volatile void *addr, *fault_pc;
static char *alt_lo, *alt_hi;

static void catcher(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	char here;

	code = si->si_code;
	addr = si->si_addr;
	fault_pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
	on_alt = &here >= alt_lo && &here < alt_hi;
	(void)sig;
	siglongjmp(env, sig);
}

static void handle(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = catcher;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static int divide(int d)
{
	int q;
	__asm__ volatile ("mov $1, %%eax; xor %%edx, %%edx; divl %1" : "=&a"(q) : "r"(d) : "rdx");
	return q;
}

static int recurse(int n)
{
	volatile char pad[1024];
	pad[0] = (char)n;
	/* n never comes back to -1: the stack ends first (the test for it
	 * only keeps the compiler from calling the recursion a mistake). */
	return n == -1 ? 0 : recurse(n + 1) + pad[0];
}

extern char ud2_at[], int3_after[];

int main(void)
{
	volatile int zero = 0;
	int r, st;

	setvbuf(stdout, NULL, _IONBF, 0);
	handle(SIGFPE, 0);
	if ((r = sigsetjmp(env, 1)) == 0)
		r = divide(zero);
	printf("SIGFPE: sig %d code %d addr_is_pc %d\n", r, code, addr == fault_pc);

	handle(SIGILL, 0);
	if ((r = sigsetjmp(env, 1)) == 0)
		__asm__ volatile (".globl ud2_at\nud2_at: ud2");
	printf("SIGILL: sig %d code %d addr ok %d\n", r, code, addr == (void *)ud2_at);

	handle(SIGTRAP, 0);
	if ((r = sigsetjmp(env, 1)) == 0)
		__asm__ volatile ("int3\n.globl int3_after\nint3_after:");
	printf("SIGTRAP: sig %d code %d pc after int3 %d\n", r, code, fault_pc == (void *)int3_after);

	/* Stack overflow: only an alternate stack can run the handler. */
	stack_t ss = { .ss_size = 64 * 1024 };
	ss.ss_sp = malloc(ss.ss_size);
	alt_lo = ss.ss_sp;
	alt_hi = alt_lo + ss.ss_size;
	sigaltstack(&ss, NULL);
	struct rlimit rl = { 1 << 20, 1 << 20 };
	setrlimit(RLIMIT_STACK, &rl);
	pid_t p = fork();
	if (p == 0) {
		handle(SIGSEGV, SA_ONSTACK);
		if ((r = sigsetjmp(env, 1)) == 0)
			recurse(0);
		printf("overflow: sig %d code %d on alt stack %d\n", r, code, on_alt);
		_exit(0);
	}
	waitpid(p, &st, 0);
	printf("overflow child: %#x\n", st);

	/* SIGPIPE: handled (write fails with EPIPE), then by default. */
	int fds[2];
	pipe(fds);
	close(fds[0]);
	handle(SIGPIPE, 0);
	if ((r = sigsetjmp(env, 1)) == 0)
		write(fds[1], "x", 1);
	printf("SIGPIPE: sig %d code %d\n", r, code);
	signal(SIGPIPE, SIG_IGN);
	r = (int)write(fds[1], "x", 1);
	printf("ignored SIGPIPE: %d %s\n", r, strerror(errno));
	p = fork();
	if (p == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(fds[1], "x", 1);
		_exit(0);
	}
	waitpid(p, &st, 0);
	printf("default SIGPIPE: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);

	/* Unhandled and blocked faults kill. */
	p = fork();
	if (p == 0) {
		sigset_t all;
		struct rlimit nc = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nc);
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		r = divide(zero);
		_exit(r);
	}
	waitpid(p, &st, 0);
	printf("blocked SIGFPE: killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}
