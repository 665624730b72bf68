/* Clocks while a program runs for a while without entering the kernel:
 * the coarse clock moves (the kernel's tick refreshes the data page the
 * vDSO reads) and the monotonic clock never goes back across a tick.
 * With the argument "preempt" (QEMU only: one CPU): a parent and its
 * child both spin for 300 ms without a system call; the parent must have
 * lost the CPU to the child at some tick (a gap of 5 ms or more between
 * two of its clock reads). */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

static long long spin(long long how_long)
{
	long long start = ns(CLOCK_MONOTONIC), last = start, gap = 0, now;

	while ((now = ns(CLOCK_MONOTONIC)) - start < how_long) {
		if (now - last > gap)
			gap = now - last;
		last = now;
	}
	return gap;
}

static int preempt(void)
{
	int st;
	pid_t p = fork();

	if (p == 0) {
		spin(300000000ll);
		_exit(7);
	}
	long long gap = spin(300000000ll);
	printf("parent was preempted: %s\n", gap >= 5000000ll ? "yes" : "no");
	printf("child: %d\n", waitpid(p, &st, 0) == p && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}

int main(int argc, char **argv)
{
	long long start = ns(CLOCK_MONOTONIC), last = start, coarse = ns(CLOCK_MONOTONIC_COARSE), now;
	int moves = 0, back = 0;

	if (argc > 1 && !strcmp(argv[1], "preempt"))
		return preempt();
	while (moves < 10) {
		long long c = ns(CLOCK_MONOTONIC_COARSE);
		if (c != coarse)
			moves++, coarse = c;
		now = ns(CLOCK_MONOTONIC);
		if (now < last)
			back++;
		last = now;
		if (now - start > 5000000000ll) {
			printf("the coarse clock moved only %d times in 5 s\n", moves);
			return 1;
		}
	}
	printf("the coarse clock moved %d times\n", moves);
	printf("the monotonic clock went back %d times\n", back);
	long long drift = (ns(CLOCK_REALTIME) - ns(CLOCK_MONOTONIC)) - (ns(CLOCK_REALTIME) - ns(CLOCK_MONOTONIC));
	printf("realtime - monotonic steady: %s\n", drift < 1000000 && drift > -1000000 ? "yes" : "no");
	return 0;
}
