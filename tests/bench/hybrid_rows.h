/* The calls behind the benchmark's hybrid rows, shared by
 * syscall_cost.c (run natively and under exo-run) and exo-run's
 * --host-cost (the same calls from inside the launcher, under Syscall
 * User Dispatch): a pipe made once, a file every Debian has (opened
 * once for lseek and fstat, by name for open and stat), and 64
 * descriptors to poll. Header-only; include bench_timing.h first. */
#ifndef HYBRID_ROWS_H
#define HYBRID_ROWS_H

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#define BENCH_FILE "/etc/passwd"

static int pipe_fd[2], file_fd = -1;
static struct pollfd poll_set[64];

/* Single-descriptor calls on an open regular file: no data moved, so
 * the figure is the call's own cost. */
static inline void call_lseek(void)
{
	sink = lseek(file_fd, 0, SEEK_CUR);
}

static inline void call_fstat(void)
{
	struct stat st;
	sink = fstat(file_fd, &st);
}

static inline void call_pipe_rw(void)
{
	char c = 'x';
	sink = write(pipe_fd[1], &c, 1);
	sink = read(pipe_fd[0], &c, 1);
}

static inline void call_open_close(void)
{
	int fd = open(BENCH_FILE, O_RDONLY);
	sink = close(fd);
}

static inline void call_stat(void)
{
	struct stat st;
	sink = stat(BENCH_FILE, &st);
}

/* 64 descriptors: the 32 read ends (never ready) and 32 write ends
 * (always writable) of 32 pipes, timeout 0. */
static inline void call_poll64(void)
{
	sink = poll(poll_set, 64, 0);
}

/* 0, or -1 when the kernel has no pipes (the QEMU reference kernel).
 * file_fd stays -1 where BENCH_FILE cannot be opened. */
static inline int hybrid_rows_setup(void)
{
	file_fd = open(BENCH_FILE, O_RDONLY);
	if (pipe(pipe_fd) < 0)
		return -1;
	for (int i = 0; i < 32; i++) {
		int p[2];
		if (pipe(p) < 0)
			return -1;
		poll_set[2 * i] = (struct pollfd){ p[0], POLLIN, 0 };
		poll_set[2 * i + 1] = (struct pollfd){ p[1], POLLOUT, 0 };
	}
	return 0;
}

#endif
