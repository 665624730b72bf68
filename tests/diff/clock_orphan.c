/* The clock of a process whose ancestors are gone: under exo-run the
 * data page's updater lived in the first process, so an orphan must
 * bring the page up to date itself (hosted-kernel/timekeeper.c). The
 * coarse clock has to move, and the monotonic clock has to keep the
 * host's rate (CLOCK_MONOTONIC_RAW is read from the kernel, not the page),
 * also after the orphan's own fork and in a grandchild that outlives it. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) != 0)
		;
}

static void check(const char *who)
{
	long long c0 = now(CLOCK_MONOTONIC_COARSE), limit = now(CLOCK_MONOTONIC_RAW) + 3000000000LL;
	int moved = 0;
	while (now(CLOCK_MONOTONIC_RAW) < limit)
		if (now(CLOCK_MONOTONIC_COARSE) > c0 + 20000000LL) {
			moved = 1;
			break;
		}
	printf("%s: coarse clock moves: %s\n", who, moved ? "yes" : "no");
	long long m0 = now(CLOCK_MONOTONIC), r0 = now(CLOCK_MONOTONIC_RAW);
	pause_ms(300);
	long long m1 = now(CLOCK_MONOTONIC), r1 = now(CLOCK_MONOTONIC_RAW);
	long long diff = (m1 - m0) - (r1 - r0);
	printf("%s: monotonic keeps the host's rate: %s\n", who,
	       diff < 2000000 && diff > -2000000 ? "yes" : "no");
	fflush(stdout);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pid_t p = fork();
	if (p < 0)
		return 1;
	if (p > 0)
		return 0;        /* the first process, and its clock updater, end */
	pause_ms(200);       /* the page is stale by now */
	check("orphan");
	p = fork();
	if (p < 0)
		return 1;
	if (p > 0) {
		int st;
		waitpid(p, &st, 0);
		printf("grandchild status: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		/* The orphan (with its updater now) ends before its second child. */
		p = fork();
		if (p == 0) {
			pause_ms(200);
			check("last");
			return 0;
		}
		return 0;
	}
	check("grandchild");
	return 7;
}
