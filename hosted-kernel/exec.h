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
#include "loader.h"

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
	struct vdso_kept vdso;         /* the tree's vDSO memfd (vdso_share.c) */
	exo_u32 argc, envc;
	exo_u64 strings_len;
	/* Then, packed so that a process with a few descriptors and a usual
	 * environment crosses in one or two pages (each page of the memfd is
	 * a fault on both sides): ncaps struct exec_cap, nfds struct
	 * exo_start_fd (cap: the old handle), with --stats the counts so far
	 * (struct exo_stats, 8 KiB: only then), and strings_len bytes of
	 * strings, each NUL-terminated: the --vdso path ("" for the built-in
	 * image), the name (AT_EXECFN), argc arguments and envc environment
	 * strings. */
};

#define EXEC_MAX_CAPS (EXO_FD_TABLE_SIZE + 2)   /* every descriptor, root, directory */

static inline struct exec_cap *exec_state_caps(struct exec_state *st)
{
	return (struct exec_cap *)(st + 1);
}

static inline struct exo_start_fd *exec_state_fds(struct exec_state *st)
{
	return (struct exo_start_fd *)(exec_state_caps(st) + st->ncaps);
}

static inline struct exo_stats *exec_state_stats(struct exec_state *st)
{
	return (struct exo_stats *)(exec_state_fds(st) + st->nfds);
}

static inline size_t exec_state_stats_size(const struct exec_state *st)
{
	return st->print_stats ? sizeof(struct exo_stats) : 0;
}

static inline char *exec_state_strings(struct exec_state *st)
{
	return (char *)exec_state_stats(st) + exec_state_stats_size(st);
}

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
