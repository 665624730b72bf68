#ifndef HOSTED_LOADER_H
#define HOSTED_LOADER_H

#include <exo/types.h>
#include <exo/debug.h>

struct launch {
	exo_u64 entry, sp;
	const struct exo_stats *stats;
	exo_u64 vdso_table, process;  /* the vDSO's entry table, the process area */
};

struct exo_vdso_blob;

/* The vDSO image to map: the built-in one, or one read at start-up. */
extern const struct exo_vdso_blob *kernel_vdso;

/* Fill *blob from an image file; -1 after a one-line message. */
int vdso_blob_from_file(const char *path, struct exo_vdso_blob *blob);

/* 0, or the exit status to leave with after the message it printed. */
int load_program(const char *path, char *const argv[], char *const envp[],
                 struct launch *out);

#endif
