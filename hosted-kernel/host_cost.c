/* exo-run --host-cost [ITERATIONS]: the host system calls behind the
 * benchmark's hybrid rows (tests/bench/syscall_cost.c), made from inside
 * the launcher's own image with Syscall User Dispatch switched on exactly
 * as for a guest (sud.c). Every host call of the kernel model pays SUD's
 * surcharge (Linux takes its slower syscall path for the whole process),
 * which a real Exo-OS kernel would not; tools/bench.py prints these
 * figures as their own column so that surcharge is seen apart from
 * POSIX-X's own round trip, never subtracted from it.
 *
 * Same method as the benchmark program: rdtsc around a loop, the median
 * of RUNS loops, the empty loop subtracted, "name cycles" on stderr. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kernel.h"

#define RUNS 11
#define BENCH_FILE "/etc/passwd"

static volatile long sink;
static int null_fd, pipe_fd[2];
static struct pollfd poll_set[64];

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;
	__asm__ volatile ("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static void call_empty(void)
{
	__asm__ volatile ("" : : : "memory");
}

static void call_write(void)
{
	sink = write(null_fd, "x", 1);
}

static void call_pipe_rw(void)
{
	char c = 'x';
	sink = write(pipe_fd[1], &c, 1);
	sink = read(pipe_fd[0], &c, 1);
}

static void call_open_close(void)
{
	int fd = open(BENCH_FILE, O_RDONLY);
	sink = close(fd);
}

static void call_stat(void)
{
	struct stat st;
	sink = stat(BENCH_FILE, &st);
}

static void call_poll64(void)
{
	sink = poll(poll_set, 64, 0);
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median_cost(void (*call)(void), long iterations)
{
	double per_call[RUNS];
	for (int r = 0; r < RUNS; r++) {
		uint64_t start = cycles();
		for (long i = 0; i < iterations; i++)
			call();
		per_call[r] = (double)(cycles() - start) / iterations;
	}
	qsort(per_call, RUNS, sizeof per_call[0], compare);
	return per_call[RUNS / 2];
}

int host_cost_main(long iterations)
{
	static const struct {
		const char *name;
		void (*call)(void);
	} cases[] = {
		{ "write", call_write },
		{ "pipe_rw", call_pipe_rw },
		{ "open_close", call_open_close },
		{ "stat", call_stat },
		{ "poll64", call_poll64 },
	};

	if (iterations <= 0)
		iterations = 200000;
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd < 0 || pipe(pipe_fd) < 0) {
		perror("exo-run: --host-cost");
		return 1;
	}
	for (int i = 0; i < 32; i++) {
		int p[2];
		if (pipe(p) < 0) {
			perror("exo-run: --host-cost: pipe");
			return 1;
		}
		poll_set[2 * i] = (struct pollfd){ p[0], POLLIN, 0 };
		poll_set[2 * i + 1] = (struct pollfd){ p[1], POLLOUT, 0 };
	}
	/* SIGSYS is the guest's trap; none is expected here, the calls come
	 * from inside the allowed range. */
	sud_prepare();
	sud_enable();
	median_cost(call_empty, iterations);
	double empty = median_cost(call_empty, iterations);
	fprintf(stderr, "empty_loop %.1f\n", empty);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double c = median_cost(cases[i].call, iterations) - empty;
		fprintf(stderr, "%s %.1f\n", cases[i].name, c < 0 ? 0 : c);
	}
	return 0;
}
