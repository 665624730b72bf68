/* SIGCHLD with threads, the patterns daemons and shells use:
 *
 * 1. Every thread blocks SIGCHLD and one thread takes it with
 *    sigwaitinfo: each child's exit reaches that thread, whichever thread
 *    the host hands the signal to first.
 * 2. Only a short-lived thread leaves SIGCHLD open, with a handler: the
 *    children's SIGCHLDs reach it or, once it is gone, stay pending for
 *    the process, where the main thread finds them (sigpending, then
 *    sigwaitinfo) with their child's pid and status.
 *
 * Under exo-run a thread whose guest mask blocks a host signal holds it
 * and queues it again (hosted-kernel/signal_host.c, signal_requeue); a
 * SIGCHLD queued to the holding thread itself stayed there, where the
 * waiting thread never saw it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHILDREN 10

static sigset_t chld;

static pid_t spawn_exit(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	return pid;
}

static void *waiter(void *arg)
{
	int *seen = arg;
	struct timespec limit = { 5, 0 };
	siginfo_t si;

	for (int i = 0; i < CHILDREN; i++) {
		if (sigtimedwait(&chld, &si, &limit) != SIGCHLD) {
			printf("waiter: timed out after %d SIGCHLD\n", i);
			return NULL;
		}
		if (si.si_code != CLD_EXITED)
			printf("waiter: si_code %d\n", si.si_code);
		/* Standard signals coalesce: reap everything that ended. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			(*seen)++;
		if (*seen == CHILDREN)
			break;
	}
	return NULL;
}

static void sigwait_thread(void)
{
	pthread_t t;
	int seen = 0;

	pthread_sigmask(SIG_BLOCK, &chld, NULL);
	if (pthread_create(&t, NULL, waiter, &seen) != 0)
		exit(1);
	for (int i = 0; i < CHILDREN; i++) {
		spawn_exit(i);
		usleep(2000);
	}
	pthread_join(t, NULL);
	printf("sigwait thread: reaped %d of %d\n", seen, CHILDREN);
	pthread_sigmask(SIG_UNBLOCK, &chld, NULL);
}

static volatile int handled;

static void on_chld(int sig)
{
	(void)sig;
	handled++;
}

/* Open until the handler ran (or 5 s): natively the child's SIGCHLD
 * comes here, the only thread that has it open. */
static void *brief_open(void *arg)
{
	pthread_sigmask(SIG_UNBLOCK, &chld, NULL);
	for (int i = 0; i < 5000 && !handled; i++)
		usleep(1000);
	return arg;
}

static void handler_then_pending(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	struct timespec limit = { 5, 0 };
	pthread_t t;
	sigset_t pending;
	siginfo_t si;
	pid_t pid;
	int status;

	sigaction(SIGCHLD, &sa, NULL);
	pthread_sigmask(SIG_BLOCK, &chld, NULL);
	/* While the thread is there, the signal goes to it. */
	pthread_create(&t, NULL, brief_open, NULL);
	pid = spawn_exit(7);
	pthread_join(t, NULL);
	waitpid(pid, &status, 0);
	printf("handled while the thread lived: %d\n", handled);
	/* Afterwards nobody has it open: it stays pending for the process. */
	pid = spawn_exit(9);
	usleep(50000);
	sigpending(&pending);
	printf("pending after the thread: %d\n", sigismember(&pending, SIGCHLD));
	if (sigtimedwait(&chld, &si, &limit) == SIGCHLD)
		printf("taken: child %s, status %d\n", si.si_pid == pid ? "matches" : "differs",
		       si.si_status);
	waitpid(pid, &status, 0);
	printf("exit status %d\n", WEXITSTATUS(status));
}

int main(void)
{
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	setvbuf(stdout, NULL, _IONBF, 0);
	sigwait_thread();
	handler_then_pending();
	return 0;
}
