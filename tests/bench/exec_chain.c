/* Execs itself N times, then prints the wall time per exec. With perf
 * stat it counts what one exec costs in CPU time and page faults, the
 * start of the chain's first image included (docs/legacy-processes.md):
 *
 *   perf stat -e task-clock,page-faults build/tests/bench/exec_chain 200
 *   perf stat -e task-clock,page-faults build/bin/exo-run --strict build/tests/bench/exec_chain 200
 *
 * The remaining count and the start time travel in argv, so every image
 * is the same program started the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "bench_timing.h"

int main(int argc, char **argv)
{
	int left = argc > 1 ? atoi(argv[1]) : 200;
	int total = argc > 2 ? atoi(argv[2]) : left;
	double t0 = argc > 3 ? atof(argv[3]) : now_us();
	char a1[16], a2[16], a3[32];

	if (left <= 0) {
		if (total > 0)
			printf("%.1f us per exec\n", (now_us() - t0) / total);
		return 0;
	}
	snprintf(a1, sizeof a1, "%d", left - 1);
	snprintf(a2, sizeof a2, "%d", total);
	snprintf(a3, sizeof a3, "%.3f", t0);
	char *next[] = { argv[0], a1, a2, a3, NULL };
	execv(argv[0], next);
	perror("exec_chain: execv");
	return 1;
}
