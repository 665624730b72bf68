/* Parent and child send each other SIGUSR1 10,000 times, each waiting
 * for the other's with sigsuspend: none may be lost. Then the same
 * with sigqueue's values and sigwaitinfo. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 10000

static volatile sig_atomic_t count;

static void on_usr1(int sig)
{
	(void)sig;
	count++;
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, waitmask;
	pid_t parent = getpid(), child;
	int st, i;

	setvbuf(stdout, NULL, _IONBF, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGUSR1);

	child = fork();
	if (child == 0) {
		for (i = 0; i < ROUNDS; i++) {
			while (count == i)
				sigsuspend(&waitmask);
			kill(parent, SIGUSR1);
		}
		/* Values, through sigwaitinfo. */
		long sum = 0;
		siginfo_t si;
		sigset_t two;
		sigemptyset(&two);
		sigaddset(&two, SIGUSR2);
		for (i = 0; i < 1000; i++) {
			sigwaitinfo(&two, &si);
			sum += si.si_value.sival_int;
			kill(parent, SIGUSR1);
		}
		printf("child: got %d, sum of values %ld\n", (int)count, sum);
		_exit(0);
	}
	for (i = 0; i < ROUNDS; i++) {
		kill(child, SIGUSR1);
		while (count == i)
			sigsuspend(&waitmask);
	}
	printf("parent: got %d\n", (int)count);
	for (i = 0; i < 1000; i++) {
		union sigval v = { .sival_int = i };
		int before = count;
		sigqueue(child, SIGUSR2, v);
		while (count == before)
			sigsuspend(&waitmask);
	}
	waitpid(child, &st, 0);
	printf("parent: got %d, child status %d\n", (int)count, st);
	return 0;
}
