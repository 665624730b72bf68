/* Clocks while a program runs for a while without entering the kernel:
 * the coarse clock moves (the kernel's tick refreshes the data page the
 * vDSO reads) and the monotonic clock never goes back across a tick. */
#include <stdio.h>
#include <time.h>

static long long ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

int main(void)
{
	long long start = ns(CLOCK_MONOTONIC), last = start, coarse = ns(CLOCK_MONOTONIC_COARSE), now;
	int moves = 0, back = 0;

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
