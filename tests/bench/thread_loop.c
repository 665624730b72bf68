/* N times pthread_create of a thread that returns at once, then
 * pthread_join; prints the wall time per create+join. For `perf stat -e
 * task-clock,page-faults,context-switches` natively and under exo-run,
 * which counts what one thread costs in CPU time, faults and switches
 * (docs/legacy-processes.md, "Threads"):
 *
 *   perf stat -e task-clock,page-faults,context-switches build/tests/bench/thread_loop 5000
 *   perf stat -e task-clock,page-faults,context-switches build/bin/exo-run --strict build/tests/bench/thread_loop 5000
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench_timing.h"

static void *nothing(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5000;
	double t0 = now_us();

	for (int i = 0; i < n; i++) {
		pthread_t t;
		void *r;
		if (pthread_create(&t, 0, nothing, (void *)1) != 0 ||
		    pthread_join(t, &r) != 0 || r != (void *)1) {
			fprintf(stderr, "thread_loop: create/join %d failed\n", i);
			return 1;
		}
	}
	printf("%.1f us per create+join\n", (now_us() - t0) / n);
	return 0;
}
