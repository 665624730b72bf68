/* SIGCHLD that the program can observe after the kernel left it at the
 * host's default (hosted-kernel/signal_child.c): each case first forks
 * and waits for a child with SIGCHLD defaulted and unblocked, which is
 * when the hosted model stops catching it, and then makes it observable.
 * A SIGCHLD the host discarded would show as "pending 0", a timeout, a
 * handler that never ran or a missing status. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled, handled_code;
static volatile pid_t handled_pid;

/* A child that has ended, reaped or not. */
static pid_t child_exits(int code)
{
	pid_t p = fork();
	if (p == 0)
		_exit(code);
	return p;
}

/* A fork + wait with SIGCHLD defaulted and unblocked: the quiet state. */
static void quiet(void)
{
	int st;
	pid_t p = child_exits(0);
	waitpid(p, &st, 0);
}

static int chld_pending(void)
{
	sigset_t s;
	sigpending(&s);
	return sigismember(&s, SIGCHLD);
}

static void settle(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	handled++;
	handled_code = si->si_code;
	handled_pid = si->si_pid;   /* compared after fork returned */
}

static void on_usr1(int sig)
{
	(void)sig;
	/* SIGCHLD is in this handler's mask: a child's end stays pending. */
	int st;
	pid_t p = child_exits(4);
	waitpid(p, &st, 0);
	printf("in handler: status %d pending %d\n", WEXITSTATUS(st), chld_pending());
}

static void *thread_main(void *arg)
{
	(void)arg;
	return NULL;
}

int main(void)
{
	sigset_t chld, empty, old;
	siginfo_t si;
	struct sigaction sa;
	struct timespec ts = { 5, 0 };
	int st, r;
	pid_t p;

	/* A lost SIGCHLD would leave sigsuspend waiting: die of SIGALRM. */
	alarm(30);
	sigemptyset(&empty);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);

	/* 1. Blocked with sigprocmask (the vDSO's fast path), child reaped:
	 * still pending, as Linux keeps a blocked signal whatever its action. */
	quiet();
	sigprocmask(SIG_BLOCK, &chld, &old);
	p = child_exits(1);
	waitpid(p, &st, 0);
	printf("1 blocked: status %d pending %d\n", WEXITSTATUS(st), chld_pending());
	/* Unblocked with the default action: discarded. */
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("1 unblocked: pending %d\n", chld_pending());

	/* 2. Blocked, then sigtimedwait (child not reaped yet). */
	quiet();
	sigprocmask(SIG_BLOCK, &chld, NULL);
	p = child_exits(2);
	r = sigtimedwait(&chld, &si, &ts);
	printf("2 sigtimedwait: %d code %d pid_ok %d status %d\n", r, si.si_code, si.si_pid == p,
	       si.si_status);
	waitpid(p, &st, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	/* 3. Blocked, then sigtimedwait after the child was reaped. */
	quiet();
	sigprocmask(SIG_BLOCK, &chld, NULL);
	p = child_exits(3);
	waitpid(p, &st, 0);
	r = sigtimedwait(&chld, &si, &ts);
	printf("3 sigtimedwait, reaped: %d code %d pid_ok %d status %d\n", r, si.si_code, si.si_pid == p,
	       si.si_status);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	/* 4. Blocked while defaulted, a handler installed while it is
	 * pending, then sigsuspend unblocks it: the handler runs. */
	quiet();
	sigprocmask(SIG_BLOCK, &chld, NULL);
	p = child_exits(5);
	waitpid(p, &st, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	handled = 0;
	sigsuspend(&empty);
	printf("4 sigsuspend: handled %d code %d pid_ok %d\n", handled, handled_code, handled_pid == p);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	/* 5. A handler installed after the quiet state, child not blocked. */
	signal(SIGCHLD, SIG_DFL);
	quiet();
	sigaction(SIGCHLD, &sa, NULL);
	handled = 0;
	p = child_exits(6);
	while (!handled)
		pause();
	waitpid(p, &st, 0);
	printf("5 handler: handled %d code %d pid_ok %d status %d\n", handled, handled_code,
	       handled_pid == p, WEXITSTATUS(st));
	signal(SIGCHLD, SIG_DFL);

	/* 6. A signal handler whose mask holds SIGCHLD (the vDSO's delivery
	 * sets the mask, not sigprocmask). */
	quiet();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaddset(&sa.sa_mask, SIGCHLD);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);   /* not raise, which blocks signals itself */
	printf("6 after handler: pending %d\n", chld_pending());

	/* 7. SIG_IGN: children are reaped by the system. */
	quiet();
	signal(SIGCHLD, SIG_IGN);
	p = child_exits(7);
	settle();
	errno = 0;
	r = waitpid(p, &st, 0);
	printf("7 SIG_IGN: waitpid %d errno %s\n", r, r < 0 ? strerror(errno) : "-");
	signal(SIGCHLD, SIG_DFL);

	/* 8. SA_NOCLDWAIT with the default action: reaped too. */
	quiet();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	p = child_exits(8);
	settle();
	errno = 0;
	r = waitpid(p, &st, 0);
	printf("8 SA_NOCLDWAIT: waitpid %d errno %s\n", r, r < 0 ? strerror(errno) : "-");
	signal(SIGCHLD, SIG_DFL);

	/* 9. The default, unblocked: ignored, nothing pending, wait works. */
	for (int i = 0; i < 50; i++) {
		p = child_exits(i);
		waitpid(p, &st, 0);
		if (WEXITSTATUS(st) != i)
			printf("9 status %d for %d\n", WEXITSTATUS(st), i);
	}
	printf("9 default: pending %d\n", chld_pending());
	sigprocmask(SIG_BLOCK, &chld, NULL);
	printf("9 default, blocked after: pending %d\n", chld_pending());
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	/* 10. A thread started after the quiet state; blocked in the main
	 * thread while the other is joined: pending. */
	quiet();
	pthread_t th;
	pthread_create(&th, NULL, thread_main, NULL);
	pthread_join(th, NULL);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	p = child_exits(10);
	waitpid(p, &st, 0);
	printf("10 after a thread: status %d pending %d\n", WEXITSTATUS(st), chld_pending());
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	return 0;
}
