#ifndef HOSTED_LOADER_H
#define HOSTED_LOADER_H

#include <exo/types.h>
#include <exo/debug.h>

struct launch {
	exo_u64 entry, sp;
	const struct exo_stats *stats;
};

/* 0, or the exit status to leave with after the message it printed. */
int load_program(const char *path, char *const argv[], char *const envp[],
                 struct launch *out);

#endif
