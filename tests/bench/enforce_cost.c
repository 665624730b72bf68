/* What keeping a program's own system calls out of Linux costs each call
 * that is let through: a loop of lseek with nothing enforced, under
 * Syscall User Dispatch (selector on "allow", as exo-run's kernel code
 * runs), or under a seccomp filter that allows calls from this program's
 * text and traps the rest. Native only: run it directly, one mode per
 * process (neither can be undone), alternated, e.g.
 *
 *   for i in 1 2 3; do for m in none sud seccomp; do build/tests/bench/enforce_cost $m; done; done
 *
 * Prints "MODE cycles": the minimum over 300 batches of 200 calls, per
 * call, the empty loop not subtracted (it is about 2 cycles). The
 * minimum, not the median: what each mode adds, not the machine's load.
 * docs/hybrid-perf.md ("Stop 13") quotes it. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <x86intrin.h>
#include "ip_filter.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#define BATCHES 300
#define CALLS 200

static volatile char selector;  /* 0: let every call through */
extern const char __executable_start[], etext[];

static unsigned long best_per_call(int fd)
{
	unsigned long best = ~0ul;

	for (int b = 0; b < BATCHES; b++) {
		unsigned long t = __rdtsc();
		for (int i = 0; i < CALLS; i++)
			syscall(SYS_lseek, fd, 0L, SEEK_CUR);
		t = (__rdtsc() - t) / CALLS;
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "none";
	int fd = open("/etc/passwd", O_RDONLY);
	int r = 0;

	if (fd < 0) {
		perror("enforce_cost: /etc/passwd");
		return 1;
	}
	if (!strcmp(mode, "sud"))
		r = prctl(PR_SET_SYSCALL_USER_DISPATCH, 1, 0, 0, &selector);
	else if (!strcmp(mode, "seccomp"))
		r = ip_filter_install((unsigned long)__executable_start, (unsigned long)etext);
	else if (strcmp(mode, "none")) {
		fprintf(stderr, "usage: enforce_cost [none|sud|seccomp]\n");
		return 2;
	}
	if (r != 0) {
		perror(mode);
		return 1;
	}
	printf("%s %lu\n", mode, best_per_call(fd));
	return 0;
}
