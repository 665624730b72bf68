#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench_timing.h"

/*
 * The cost of signals (tools/bench.py): a sigprocmask block + unblock
 * pair in cycles (rdtsc, empty loop subtracted; POSIX-X's fast path makes
 * no kernel entry), raise with a handler and its return, and a signal to
 * another process with a handler (half a ping-pong round trip), in
 * microseconds. Medians of RUNS loops, "name value" lines on stderr.
 */

#define RUNS 7

static volatile sig_atomic_t count;

static void on_usr1(int sig)
{
	(void)sig;
	count++;
}

static double median(double *v)
{
	qsort(v, RUNS, sizeof *v, compare_double);
	return v[RUNS / 2];
}

static void mask_pair(void)
{
	enum { ITER = 100000 };
	sigset_t set;
	double per[RUNS], empty[RUNS];

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	for (int r = 0; r < RUNS; r++) {
		uint64_t t = cycles();
		for (int i = 0; i < ITER; i++)
			__asm__ volatile ("" ::: "memory");
		empty[r] = (double)(cycles() - t) / ITER;
		t = cycles();
		for (int i = 0; i < ITER; i++) {
			sigprocmask(SIG_BLOCK, &set, NULL);
			sigprocmask(SIG_UNBLOCK, &set, NULL);
		}
		per[r] = (double)(cycles() - t) / ITER;
	}
	fprintf(stderr, "sigprocmask_block_unblock %.1f\n", median(per) - median(empty));
}

static void raise_cost(void)
{
	enum { ITER = 20000 };
	double per[RUNS];

	for (int r = 0; r < RUNS; r++) {
		int before = count;
		double t = now_us();
		for (int i = 0; i < ITER; i++)
			raise(SIGUSR1);
		per[r] = (now_us() - t) / ITER;
		if (count - before != ITER)
			return;
	}
	fprintf(stderr, "raise_handler_return %.2f\n", median(per));
}

static void kill_other(void)
{
	enum { ITER = 5000 };
	double per[RUNS];
	sigset_t block, waitmask;
	pid_t parent = getpid(), child;
	int st;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGUSR1);
	count = 0;
	child = fork();
	if (child == 0) {
		for (int i = 0; i < RUNS * ITER; i++) {
			while (count == i)
				sigsuspend(&waitmask);
			kill(parent, SIGUSR1);
		}
		_exit(0);
	}
	for (int r = 0; r < RUNS; r++) {
		double t = now_us();
		for (int i = 0; i < ITER; i++) {
			int before = count;
			kill(child, SIGUSR1);
			while (count == before)
				sigsuspend(&waitmask);
		}
		per[r] = (now_us() - t) / ITER / 2;
	}
	waitpid(child, &st, 0);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	if (st == 0)
		fprintf(stderr, "kill_other_process_handler %.2f\n", median(per));
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	mask_pair();
	raise_cost();
	kill_other();
	return 0;
}
