/* Default actions: every signal's, seen by the parent's wait status:
 * terminate, terminate with core (core limit 0, so no core bit), ignore,
 * stop and continue (WUNTRACED, WCONTINUED); a blocked signal whose
 * default is to terminate is pending until unblocked; SIG_IGN is
 * inherited by a fork child; the mask is inherited too. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int sig, int st)
{
	if (WIFEXITED(st))
		printf("%s %d: exited %d\n", what, sig, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s %d: killed by %d core %d\n", what, sig, WTERMSIG(st), WCOREDUMP(st) ? 1 : 0);
	else if (WIFSTOPPED(st))
		printf("%s %d: stopped by %d\n", what, sig, WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		printf("%s %d: continued\n", what, sig);
}

static void no_core(void)
{
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
}

int main(void)
{
	int st, sig;
	pid_t p;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (sig = 1; sig < 32; sig++) {
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
			continue;
		p = fork();
		if (p == 0) {
			no_core();
			raise(sig);
			_exit(0);
		}
		waitpid(p, &st, 0);
		report("raise", sig, st);
	}
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig += 7) {
		p = fork();
		if (p == 0) {
			pause();
			_exit(0);
		}
		usleep(20000);
		kill(p, sig);
		waitpid(p, &st, 0);
		report("rt kill", sig - SIGRTMIN, st);
	}

	/* Stop and continue, sent by the parent and by the child itself. */
	int stops[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	for (unsigned i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		/* A continued child waits for the parent's word before it exits:
		 * one that has already exited is reported as exited, not
		 * continued, by Linux too, so without it the test would race. In
		 * an orphaned process group (the test runner's) Linux discards
		 * SIGTSTP, SIGTTIN and SIGTTOU: that child does not stop, and
		 * stops waiting after a second. */
		int go[2];
		if (pipe(go) != 0)
			return 1;
		p = fork();
		if (p == 0) {
			close(go[1]);
			raise(stops[i]);
			struct pollfd w = { go[0], POLLIN, 0 };
			poll(&w, 1, 1000);
			_exit(42);
		}
		close(go[0]);
		waitpid(p, &st, WUNTRACED);
		report("stop", stops[i], st);
		kill(p, SIGCONT);
		waitpid(p, &st, WCONTINUED);
		report("cont", stops[i], st);
		write(go[1], "g", 1);
		close(go[1]);
		waitpid(p, &st, 0);
		report("end", stops[i], st);
	}

	/* Blocked: pending, then death when unblocked. */
	p = fork();
	if (p == 0) {
		sigset_t set, pend;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigprocmask(SIG_BLOCK, &set, NULL);
		raise(SIGTERM);
		sigpending(&pend);
		printf("child: pending SIGTERM %d\n", sigismember(&pend, SIGTERM));
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		_exit(0);
	}
	waitpid(p, &st, 0);
	report("blocked", SIGTERM, st);

	/* Ignored and masked across fork. */
	signal(SIGINT, SIG_IGN);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	p = fork();
	if (p == 0) {
		sigset_t cur, pend;
		struct sigaction sa;
		sigprocmask(SIG_BLOCK, NULL, &cur);
		sigaction(SIGINT, NULL, &sa);
		raise(SIGINT);
		raise(SIGUSR1);
		sigpending(&pend);
		printf("child: USR1 blocked %d, INT ignored %d, USR1 pending %d\n", sigismember(&cur, SIGUSR1),
		       sa.sa_handler == SIG_IGN, sigismember(&pend, SIGUSR1));
		_exit(5);
	}
	waitpid(p, &st, 0);
	report("fork", 0, st);
	return 0;
}
