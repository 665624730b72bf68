/* exo-run --host-cost [ITERATIONS [sud|seccomp|none]]: the host system
 * calls behind the benchmark's hybrid rows (tests/bench/syscall_cost.c),
 * made from inside the launcher's own image with Syscall User Dispatch
 * switched on exactly as for a guest (sud.c). Every host call of the
 * kernel model pays SUD's surcharge (Linux takes its slower syscall path
 * for the whole process), which a real Exo-OS kernel would not;
 * tools/bench.py prints these figures as their own column so that
 * surcharge is seen apart from POSIX-X's own round trip, never
 * subtracted from it.
 *
 * The third argument measures the alternatives: "none" makes the same
 * calls with nothing enforced (what the model host would cost if it did
 * not keep the guest's own system calls out), "seccomp" with the only
 * other Linux mechanism that could keep them out: a filter that lets a
 * call through only from the launcher's text (the instruction pointer is
 * in seccomp_data) and traps the rest, as SUD does. tools/bench.py's
 * enforcement table runs the three alternated (docs/hybrid-perf.md).
 *
 * Same method as the benchmark program: rdtsc around a loop, the median
 * of RUNS loops, the empty loop subtracted, "name cycles" on stderr. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kernel.h"

#include "../tests/bench/bench_timing.h"
#include "../tests/bench/hybrid_rows.h"
#include "../tests/bench/ip_filter.h"

/* The launcher's first byte and the end of its text (the linker's). */
extern const char __ehdr_start[], etext[];

#define RUNS 11

static int null_fd;

static void call_write(void)
{
	sink = write(null_fd, "x", 1);
}

int host_cost_main(long iterations, const char *enforce)
{
	static const struct {
		const char *name;
		void (*call)(void);
	} cases[] = {
		{ "write", call_write },
		{ "lseek", call_lseek },
		{ "fstat", call_fstat },
		{ "pipe_rw", call_pipe_rw },
		{ "open_close", call_open_close },
		{ "stat", call_stat },
		{ "poll64", call_poll64 },
	};

	if (iterations <= 0)
		iterations = 200000;
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null_fd < 0 || hybrid_rows_setup() < 0) {
		perror("exo-run: --host-cost");
		return 1;
	}
	/* SIGSYS is the guest's trap; none is expected here, the calls come
	 * from inside the allowed range. */
	if (!enforce || !strcmp(enforce, "sud")) {
		sud_prepare();
		sud_enable();
	} else if (!strcmp(enforce, "seccomp")) {
		if (ip_filter_install((unsigned long)__ehdr_start, (unsigned long)etext) < 0) {
			perror("exo-run: --host-cost seccomp");
			return 1;
		}
	} else if (strcmp(enforce, "none")) {
		fprintf(stderr, "exo-run: --host-cost: enforcement sud, seccomp or none, not %s\n",
		        enforce);
		return 2;
	}
	median_cost(call_empty, iterations, RUNS);
	double empty = median_cost(call_empty, iterations, RUNS);
	fprintf(stderr, "empty_loop %.1f\n", empty);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double c = median_cost(cases[i].call, iterations, RUNS) - empty;
		fprintf(stderr, "%s %.1f\n", cases[i].name, c < 0 ? 0 : c);
	}
	return 0;
}
