/* The launcher's heap kept off the host's brk.
 *
 * glibc's static start-up puts the launcher's thread control block (and
 * with it its static TLS) on the host's brk heap, and malloc's main arena
 * grows there. Linux places a static-pie's brk at ELF_ET_DYN_BASE, near
 * 0x5555..., far from every other mapping of the launcher (its image, the
 * vDSO, the kernel's pool, all in the mmap area near the top): a
 * page-table branch of its own, three page-table pages that every fork
 * allocates, zeroes and copies and every child's exit frees, plus one
 * more mapping with written pages (docs/legacy-processes.md, fork).
 *
 * With RLIMIT_DATA's soft limit at 0 the host's brk fails and glibc falls
 * back to mmap for both (_dl_early_allocate for the TCB, sysmalloc for
 * the arena), which the host places next to the launcher's image; mmap
 * itself still works up to the hard limit when the soft one is 0 (Linux's
 * may_expand_vm lets it, an exception kept for Valgrind). So a launcher
 * is started with the soft limit at 0 and the limit the guest must see in
 * EXO_RUN_DATA_SOFT: the first one re-executes itself once for that (one
 * host execve per run), an exec'd one is started that way by exec
 * (exec_state.c). First thing in main the limit is put back, the variable
 * removed, and the brk's start blocked with an empty PROT_NONE page, so
 * that malloc, which retries brk whenever its arena must grow, never
 * grows there after the limit is back (the page has no page-table
 * entries: fork copies none for it). EXO_RUN_KEEP_BRK=1 turns all of it
 * off (for measuring). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "kernel.h"

#define DATA_SOFT_ENV "EXO_RUN_DATA_SOFT"

static struct rlimit data_saved;

/* Called before a host execve of the launcher: the new image starts with
 * brk refused. Returns 0 if nothing was changed (the image then uses brk
 * as before). */
int brk_away_before_exec(void)
{
	char v[32];
	struct rlimit rl;

	if (getenv("EXO_RUN_KEEP_BRK") || getrlimit(RLIMIT_DATA, &data_saved) < 0 ||
	    data_saved.rlim_cur == 0)
		return 0;
	if (data_saved.rlim_cur == RLIM_INFINITY)
		strcpy(v, "inf");
	else
		snprintf(v, sizeof v, "%llu", (unsigned long long)data_saved.rlim_cur);
	if (setenv(DATA_SOFT_ENV, v, 1) < 0)
		return 0;
	rl = data_saved;
	rl.rlim_cur = 0;
	if (setrlimit(RLIMIT_DATA, &rl) < 0) {
		unsetenv(DATA_SOFT_ENV);
		return 0;
	}
	return 1;
}

/* The execve failed: the old limit and environment back. */
void brk_away_exec_failed(void)
{
	setrlimit(RLIMIT_DATA, &data_saved);
	unsetenv(DATA_SOFT_ENV);
}

void brk_away(char **argv)
{
	const char *v = getenv(DATA_SOFT_ENV);
	struct rlimit rl;

	if (!v) {
		/* The first launcher: once more, with brk refused. An exec'd
		 * one that arrives without the variable stays as it is. */
		if ((argv[1] && !strcmp(argv[1], "--exec-state")) || !brk_away_before_exec())
			return;
		execv("/proc/self/exe", argv);
		brk_away_exec_failed();
		return;
	}
	if (getrlimit(RLIMIT_DATA, &rl) == 0) {
		rlim_t want = strcmp(v, "inf") ? (rlim_t)strtoull(v, NULL, 10) : RLIM_INFINITY;
		rl.rlim_cur = want < rl.rlim_max ? want : rl.rlim_max;
		setrlimit(RLIMIT_DATA, &rl);
	}
	unsetenv(DATA_SOFT_ENV);
	long b = syscall(SYS_brk, 0);
	if (b > 0)
		mmap((void *)b, 4096, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
}
