#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/*
 * Cycles per call of one call per tier, measured with rdtsc around a loop of
 * many calls; the median of RUNS loops is kept and the cost of an empty loop
 * subtracted. Results go to stderr as "name cycles" lines; tools/bench.py
 * runs this natively and under exo-run with stdout on /dev/null.
 */

#define RUNS 11
#define DEFAULT_ITERATIONS 200000

#include "bench_timing.h"
#include "hybrid_rows.h"

static void call_getpid(void)
{
	sink = getpid();
}

static void call_gettid(void)
{
	/* musl 1.2.3 has no gettid() wrapper */
	sink = syscall(SYS_gettid);
}

static void call_clock_gettime(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	sink = t.tv_nsec;
}

static void call_write(void)
{
	sink = write(1, "x", 1);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*call)(void);
	} cases[] = {
		{ "getpid", call_getpid },
		{ "gettid", call_gettid },
		{ "clock_gettime", call_clock_gettime },
		{ "write", call_write },
		{ "lseek", call_lseek },
		{ "fstat", call_fstat },
		{ "pipe_rw", call_pipe_rw },
		{ "open_close", call_open_close },
		{ "stat", call_stat },
		{ "poll64", call_poll64 },
	};
	long iterations = argc > 1 ? atol(argv[1]) : DEFAULT_ITERATIONS;
	if (iterations <= 0) {
		fprintf(stderr, "usage: %s [iterations]\n", argv[0]);
		return 2;
	}

	/* A kernel without pipes (the QEMU reference kernel) still gets the
	 * other rows; the pipe rows say why they are missing. */
	int have_pipes = hybrid_rows_setup() == 0;
	if (!have_pipes)
		fprintf(stderr, "pipe: %s: pipe_rw and poll64 not measured\n", strerror(errno));
	if (file_fd < 0)
		fprintf(stderr, "%s: cannot open it: lseek and fstat not measured\n", BENCH_FILE);
	median_cost(call_empty, iterations, RUNS);	/* warm up */
	double empty = median_cost(call_empty, iterations, RUNS);
	fprintf(stderr, "empty_loop %.1f\n", empty);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!have_pipes && (cases[i].call == call_pipe_rw || cases[i].call == call_poll64))
			continue;
		if (file_fd < 0 && (cases[i].call == call_lseek || cases[i].call == call_fstat))
			continue;
		double c = median_cost(cases[i].call, iterations, RUNS) - empty;
		fprintf(stderr, "%s %.1f\n", cases[i].name, c < 0 ? 0 : c);
	}
	return 0;
}
