/* N times fork, _exit(0) in the child, waitpid in the parent; prints the
 * wall time per fork. For `perf stat -e task-clock,page-faults` natively
 * and under exo-run, which counts what one fork costs in CPU time and
 * faults (docs/legacy-processes.md):
 *
 *   perf stat -e task-clock,page-faults build/tests/bench/fork_loop 2000
 *   perf stat -e task-clock,page-faults build/bin/exo-run --strict build/tests/bench/fork_loop 2000
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench_timing.h"

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	double t0 = now_us();

	for (int i = 0; i < n; i++) {
		pid_t p = fork();
		if (p == 0)
			_exit(0);
		int st;
		waitpid(p, &st, 0);
	}
	printf("%.1f us per fork\n", (now_us() - t0) / n);
	return 0;
}
