/* exec in the hosted kernel model: what crosses the host execve of the
 * launcher, in one memfd (exec_state.c writes and reads it, exec.c
 * decides what goes in). */
#ifndef HOSTED_EXEC_H
#define HOSTED_EXEC_H

#include <exo/types.h>
#include <exo/cap.h>
#include <exo/debug.h>
#include <exo/process.h>
#include "exo_glue.h"

#define EXEC_STATE_MAGIC 0x31434558u   /* "XEC1" */

/* A capability that survives: its handle in the old image and what backs
 * it (a host descriptor the host execve keeps open). */
struct exec_cap {
	exo_cap_t handle;
	int host_fd;
	exo_u32 object, rights;
};

struct exec_state {
	exo_u32 magic, size;
	/* exo-run's options, as the process started with them. */
	exo_u32 strict, trace, print_stats;
	exo_u32 fd_limit;              /* the guest's RLIMIT_NOFILE (process page) */
	/* Signals across exec (Linux: handlers reset, the rest kept). The
	 * blocked mask of the exec'ing thread becomes the first thread's
	 * (thread block sigmask). ignored_signals: bit n-1 for signal n whose
	 * disposition is "ignore", which exec keeps; the signals work fills
	 * it when it has dispositions, 0 until then. */
	exo_u64 blocked_mask;
	exo_u64 ignored_signals;
	int kdata_fd;                  /* the shared data page memfd */
	int tree_stats_fd;             /* --stats: the tree's totals (stats_tree.c), or -1 */
	exo_u32 tree_root;             /* --stats: this process prints the tree's totals */
	int program_fd;                /* the checked program, open for reading */
	exo_cap_t root_cap, cwd_cap;   /* old handles, or EXO_CAP_INVALID */
	exo_u32 ncaps, nfds;
	struct exec_cap caps[EXO_FD_TABLE_SIZE + 2];
	struct exo_start_fd fds[EXO_FD_TABLE_SIZE];   /* cap: the old handle */
	struct exo_stats stats;        /* counts so far (--stats) */
	char vdso_path[4096];          /* --vdso IMAGE, read again: "" for the built-in one */
	exo_u32 argc, envc;
	exo_u64 strings_len;
	/* Then strings_len bytes: the name (AT_EXECFN), argc arguments and
	 * envc environment strings, each NUL-terminated. */
};

/* exec.c hands these to exec_state.c. */
struct exec_image {
	int fd;                 /* the program, open for reading */
	const char *execfn;
	char **argv, **envp;    /* NULL-terminated */
	unsigned argc, envc;
};

struct kthread;
/* Gather what the process keeps (descriptors without CLOEXEC, root and
 * current directory, the calling thread's mask, options, statistics),
 * write it and replace the host image; returns a status, with the caller
 * intact, only if that could not be done. */
long exec_state_switch(struct kthread *t, const struct exec_image *im);

#endif
