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

static volatile long sink;

static inline uint64_t cycles(void)
{
	uint32_t lo, hi;
	/* lfence on both sides: rdtsc must not move across the measured loop */
	__asm__ volatile ("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

static void call_empty(void)
{
	__asm__ volatile ("" : : : "memory");
}

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

/* The hybrid rows: a pipe made once, a file every Debian has. */
static int pipe_fd[2];
static struct pollfd poll_set[64];
#define BENCH_FILE "/etc/passwd"

static void call_pipe_rw(void)
{
	char c = 'x';
	write(pipe_fd[1], &c, 1);
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

/* 64 descriptors: the 32 read ends (never ready) and 32 write ends
 * (always writable) of 32 pipes, timeout 0. */
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
	int have_pipes = pipe(pipe_fd) == 0;
	for (int i = 0; have_pipes && i < 32; i++) {
		int p[2];
		if (pipe(p) < 0) {
			have_pipes = 0;
			break;
		}
		poll_set[2 * i] = (struct pollfd){ p[0], POLLIN, 0 };
		poll_set[2 * i + 1] = (struct pollfd){ p[1], POLLOUT, 0 };
	}
	if (!have_pipes)
		fprintf(stderr, "pipe: %s: pipe_rw and poll64 not measured\n", strerror(errno));
	median_cost(call_empty, iterations);	/* warm up */
	double empty = median_cost(call_empty, iterations);
	fprintf(stderr, "empty_loop %.1f\n", empty);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!have_pipes && (cases[i].call == call_pipe_rw || cases[i].call == call_poll64))
			continue;
		double c = median_cost(cases[i].call, iterations) - empty;
		fprintf(stderr, "%s %.1f\n", cases[i].name, c < 0 ? 0 : c);
	}
	return 0;
}
