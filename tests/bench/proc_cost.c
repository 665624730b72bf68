#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench_timing.h"

/*
 * Microseconds per operation of the legacy path: process and thread
 * life cycles, memory objects, futex waits. The median of RUNS loops of
 * ITER operations each; results go to stderr as "name microseconds"
 * lines (tools/bench.py). A row whose operation fails is left out (the
 * table shows n/a), never reported as a figure.
 */

#define RUNS 7

extern char **environ;
static const char *self;

static int fork_exit_wait(void)
{
	int st;
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	return p > 0 && waitpid(p, &st, 0) == p && st == 0 ? 0 : -1;
}

static int vfork_exec_wait(void)
{
	int st;
	pid_t p = vfork();
	if (p == 0) {
		char *argv[] = { (char *)self, "--exit", 0 };
		execve(self, argv, environ);
		_exit(127);
	}
	return p > 0 && waitpid(p, &st, 0) == p && st == 0 ? 0 : -1;
}

static int spawn_wait(void)
{
	int st;
	pid_t p;
	char *argv[] = { (char *)self, "--exit", 0 };
	if (posix_spawn(&p, self, 0, 0, argv, environ) != 0)
		return -1;
	return waitpid(p, &st, 0) == p && st == 0 ? 0 : -1;
}

static void *nothing(void *arg)
{
	return arg;
}

static int thread_create_join(void)
{
	pthread_t t;
	void *r;
	if (pthread_create(&t, 0, nothing, (void *)1) != 0)
		return -1;
	return pthread_join(t, &r) == 0 && r == (void *)1 ? 0 : -1;
}

static int mmap_touch_munmap(void)
{
	size_t len = 1 << 20;
	char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
	return munmap(p, len);
}

/* Futex ping-pong: one round trip = two waits and two wakes. */
static int word;
static long rounds_left;

static void futex_wait(int *a, int v)
{
	syscall(SYS_futex, a, 128 /* FUTEX_WAIT_PRIVATE */, v, 0, 0, 0);
}

static void futex_wake(int *a)
{
	syscall(SYS_futex, a, 129 /* FUTEX_WAKE_PRIVATE */, 1, 0, 0, 0);
}

static void *ponger(void *arg)
{
	(void)arg;
	for (;;) {
		while (__atomic_load_n(&word, __ATOMIC_ACQUIRE) != 1)
			futex_wait(&word, 0);
		if (__atomic_load_n(&rounds_left, __ATOMIC_ACQUIRE) < 0)
			return 0;
		__atomic_store_n(&word, 0, __ATOMIC_RELEASE);
		futex_wake(&word);
	}
}

static pthread_t pong;

static int futex_round_trip(void)
{
	__atomic_store_n(&word, 1, __ATOMIC_RELEASE);
	futex_wake(&word);
	while (__atomic_load_n(&word, __ATOMIC_ACQUIRE) != 0)
		futex_wait(&word, 1);
	return 0;
}

static void measure(const char *name, int (*op)(void), int iter)
{
	double per[RUNS];
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_us();
		for (int i = 0; i < iter; i++)
			if (op() < 0)
				return;
		per[r] = (now_us() - t0) / iter;
	}
	qsort(per, RUNS, sizeof per[0], compare_double);
	fprintf(stderr, "%s %.2f\n", name, per[RUNS / 2]);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	self = argv[0];
	measure("fork_exit_wait", fork_exit_wait, 100);
	measure("vfork_exec_wait", vfork_exec_wait, 50);
	measure("posix_spawn_wait", spawn_wait, 50);
	measure("thread_create_join", thread_create_join, 500);
	measure("mmap_touch_munmap_1MiB", mmap_touch_munmap, 200);
	pthread_create(&pong, 0, ponger, 0);
	measure("futex_pingpong", futex_round_trip, 5000);
	__atomic_store_n(&rounds_left, -1, __ATOMIC_RELEASE);
	__atomic_store_n(&word, 1, __ATOMIC_RELEASE);
	futex_wake(&word);
	pthread_join(pong, 0);
	return 0;
}
