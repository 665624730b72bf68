#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bench_timing.h"

/*
 * One call in a loop, timed as the minimum over BATCHES batches of
 * PER_BATCH calls, in cycles per call. On the shared, loaded build
 * machine a batch's minimum repeats within 1-2 % where a median moves by
 * 30 % (docs/hybrid-perf.md); run it natively and under exo-run
 * alternately to compare:
 *
 *   build/tests/bench/call_loop null_write
 *   build/bin/exo-run --strict build/tests/bench/call_loop null_write
 *
 * Calls: null_write (write 1 byte to /dev/null), lseek (SEEK_CUR on a
 * regular file), poll1 (a pipe's read end, timeout 0), poll64 (the
 * bench's 32 pipes, read ends for POLLIN and write ends for POLLOUT:
 * half ready), poll64idle (64 read ends, none ready), poll8idle and
 * poll8ready (8 read ends, 8 write ends: the size where hosted-kernel/
 * poll_set.c takes over), fstat (a regular file), stat (/etc/passwd),
 * open_close (/etc/passwd, read-only), open_read_close (the same with a
 * 1-byte read between: where a type learnt lazily is paid, ABI 1.7),
 * pipe_rw (write then read 1 byte
 * through a pipe), empty (the loop).
 */

#define BATCHES 300
#define PER_BATCH 200

static int fd_null, fd_file, fd_pipe, fd_pipe_w;
static struct pollfd set64[64], idle64[64], ready8[8];

static void call_null_write(void)
{
	sink = write(fd_null, "x", 1);
}

static void call_lseek(void)
{
	sink = lseek(fd_file, 0, SEEK_CUR);
}

static void call_poll1(void)
{
	struct pollfd p = { .fd = fd_pipe, .events = POLLIN };
	sink = poll(&p, 1, 0);
}

static void call_fstat(void)
{
	struct stat st;
	sink = fstat(fd_file, &st);
}

static void call_stat(void)
{
	struct stat st;
	sink = stat("/etc/passwd", &st);
}

static void call_open_close(void)
{
	sink = close(open("/etc/passwd", O_RDONLY));
}

static void call_open_read_close(void)
{
	char c;
	int fd = open("/etc/passwd", O_RDONLY);

	sink = read(fd, &c, 1) + close(fd);
}

static void call_pipe_rw(void)
{
	char c = 'x';
	sink = write(fd_pipe_w, &c, 1) + read(fd_pipe, &c, 1);
}

static void call_poll64(void)
{
	sink = poll(set64, 64, 0);
}

static void call_poll64idle(void)
{
	sink = poll(idle64, 64, 0);
}

static void call_poll8idle(void)
{
	sink = poll(idle64, 8, 0);
}

static void call_poll8ready(void)
{
	sink = poll(ready8, 8, 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
} calls[] = {
	{ "empty", call_empty },
	{ "null_write", call_null_write },
	{ "lseek", call_lseek },
	{ "poll1", call_poll1 },
	{ "fstat", call_fstat },
	{ "stat", call_stat },
	{ "open_close", call_open_close },
	{ "open_read_close", call_open_read_close },
	{ "pipe_rw", call_pipe_rw },
	{ "poll64", call_poll64 },
	{ "poll64idle", call_poll64idle },
	{ "poll8idle", call_poll8idle },
	{ "poll8ready", call_poll8ready },
};

static uint64_t best_of_batches(void (*fn)(void))
{
	uint64_t best = UINT64_MAX;

	for (int b = 0; b < BATCHES; b++) {
		uint64_t t0 = cycles();
		for (int i = 0; i < PER_BATCH; i++)
			fn();
		uint64_t t = cycles() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	int p[2];

	fd_null = open("/dev/null", O_WRONLY);
	fd_file = open(argc > 0 ? argv[0] : "/proc/self/exe", O_RDONLY);
	if (fd_null < 0 || fd_file < 0 || pipe(p) < 0) {
		perror("call_loop: setup");
		return 1;
	}
	fd_pipe = p[0];
	fd_pipe_w = p[1];
	for (int i = 0; i < 64; i++) {
		int q[2];
		if (pipe(q) < 0) {
			perror("call_loop: pipe");
			return 1;
		}
		if (i < 32) {
			set64[2 * i] = (struct pollfd){ q[0], POLLIN, 0 };
			set64[2 * i + 1] = (struct pollfd){ q[1], POLLOUT, 0 };
		}
		if (i < 8)
			ready8[i] = (struct pollfd){ q[1], POLLOUT, 0 };
		idle64[i] = (struct pollfd){ q[0], POLLIN, 0 };
	}
	for (int a = 1; a < argc; a++) {
		unsigned i;
		for (i = 0; i < sizeof calls / sizeof calls[0]; i++)
			if (!strcmp(argv[a], calls[i].name))
				break;
		if (i == sizeof calls / sizeof calls[0]) {
			fprintf(stderr, "call_loop: unknown call %s\n", argv[a]);
			return 2;
		}
		uint64_t empty = best_of_batches(call_empty);
		uint64_t t = best_of_batches(calls[i].fn);
		printf("%s %.1f\n", calls[i].name, (double)(t - (t > empty ? empty : t)) / PER_BATCH);
	}
	return 0;
}
