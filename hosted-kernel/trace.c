/* --trace, --stats and the reports of untranslated calls. Written to the
 * launcher's stderr, which is also the guest's unless redirected, so a
 * trace interleaves with the program's own output as strace's does. */
#include <stdio.h>
#include <stdlib.h>
#include <exo/status.h>
#include "kernel.h"
#include "syscall_names.h"

#define NNAMES (sizeof linux_syscall_names / sizeof linux_syscall_names[0])

static const char *const tier_names[EXO_TIER_COUNT] = {
	"fast", "hybrid", "legacy", "untranslated",
};

const char *syscall_name(long nr)
{
	static char buf[32];

	if (nr >= 0 && (unsigned long)nr < NNAMES && linux_syscall_names[nr])
		return linux_syscall_names[nr];
	snprintf(buf, sizeof buf, "syscall_%ld", nr);
	return buf;
}

/* How many arguments to show; calls not listed show six. */
static int nargs(long nr)
{
	switch (nr) {
	case 39: case 110: case 186: case 24:          /* getpid getppid gettid sched_yield */
		return 0;
	case 3: case 12: case 60: case 231: case 201: case 218:  /* close brk exit exit_group time set_tid_address */
		return 1;
	case 5: case 11: case 158: case 228: case 229: case 96:  /* fstat munmap arch_prctl clock_* gettimeofday */
		return 2;
	case 0: case 1: case 8: case 10: case 16: case 19: case 20: case 28: case 309:
		return 3;
	case 17: case 18:
		return 4;
	case 25:
		return 5;
	default:
		return 6;
	}
}

/* Each untranslated (call, detail) is reported once without --trace. */
static int first_report(long nr, unsigned detail)
{
	static struct { long nr; unsigned detail; } seen[64];
	static unsigned nseen;

	for (unsigned i = 0; i < nseen; i++)
		if (seen[i].nr == nr && seen[i].detail == detail)
			return 0;
	if (nseen < 64) {
		seen[nseen].nr = nr;
		seen[nseen].detail = detail;
		nseen++;
	}
	return 1;
}

long trace_report(exo_u64 record_addr)
{
	struct exo_debug_record r;

	if (copy_from_guest(&r, record_addr, sizeof r) < 0)
		return EXO_ERR_FAULT;
	if (r.tier >= EXO_TIER_COUNT)
		return EXO_ERR_INVALID;
	if (r.tier == EXO_TIER_UNTRANSLATED && !opt.trace) {
		if (first_report((long)r.nr, r.detail)) {
			if (r.detail)
				fprintf(stderr, "exo-run: untranslated: %s (%lu) variant %#x -> %s\n",
				        syscall_name((long)r.nr), (unsigned long)r.nr, r.detail,
				        r.result == -38 ? "ENOSYS" : "error");
			else
				fprintf(stderr, "exo-run: untranslated: %s (%lu) -> ENOSYS\n",
				        syscall_name((long)r.nr), (unsigned long)r.nr);
		}
		return 0;
	}
	if (!opt.trace)
		return 0;
	fprintf(stderr, "[%s] %s(", tier_names[r.tier], syscall_name((long)r.nr));
	for (int i = 0, n = nargs((long)r.nr); i < n; i++)
		fprintf(stderr, i ? ", %#lx" : "%#lx", (unsigned long)r.args[i]);
	if (r.tier == EXO_TIER_UNTRANSLATED && r.detail)
		fprintf(stderr, ") variant %#x = %ld (untranslated)\n", r.detail, (long)r.result);
	else if (r.tier == EXO_TIER_UNTRANSLATED)
		fprintf(stderr, ") = %ld (untranslated)\n", (long)r.result);
	else if (r.nr == 60 || r.nr == 231)  /* exit, exit_group: traced on entry */
		fprintf(stderr, ") = ?\n");
	else
		fprintf(stderr, ") = %ld\n", (long)r.result);
	return 0;
}

void stats_print(const struct exo_stats *stats, unsigned processes)
{
	unsigned long total[EXO_TIER_COUNT] = {0};

	for (int t = 0; t < EXO_TIER_COUNT; t++)
		for (int nr = 0; nr < EXO_STATS_SYSCALLS; nr++)
			total[t] += stats->calls[t][nr];
	if (processes > 1)
		fprintf(stderr, "posix-x: the counts below are of %u processes\n", processes);
	fprintf(stderr, "posix-x stats: fast %lu, hybrid %lu, legacy %lu, untranslated %lu\n",
	        total[0], total[1], total[2], total[3]);
	for (int t = 0; t < EXO_TIER_COUNT; t++)
		for (int nr = 0; nr < EXO_STATS_SYSCALLS; nr++)
			if (stats->calls[t][nr])
				fprintf(stderr, "  %-13s %-18s %u\n", tier_names[t],
				        syscall_name(nr), stats->calls[t][nr]);
}
