/* Timing shared by the benchmark programs (syscall_cost.c, call_loop.c)
 * and by exo-run's --host-cost (hosted-kernel/host_cost.c), so that every
 * figure compared side by side is taken the same way: rdtsc fenced on
 * both sides around a loop of one call. Header-only, static functions:
 * each includer is one program. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static volatile long sink __attribute__((unused));

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;
	/* lfence on both sides: rdtsc must not move across the measured loop */
	__asm__ volatile ("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static inline void call_empty(void)
{
	__asm__ volatile ("" : : : "memory");
}

/* Microseconds of CLOCK_MONOTONIC: for rows that take microseconds. */
static inline double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static inline int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Cycles per call: the median of `runs` loops of `iterations` calls. */
static inline double median_cost(void (*call)(void), long iterations, int runs)
{
	double per_call[runs];
	for (int r = 0; r < runs; r++) {
		uint64_t start = cycles();
		for (long i = 0; i < iterations; i++)
			call();
		per_call[r] = (double)(cycles() - start) / iterations;
	}
	qsort(per_call, runs, sizeof per_call[0], compare_double);
	return per_call[runs / 2];
}

#endif
