#ifndef HOSTED_LOADER_H
#define HOSTED_LOADER_H

#include <exo/types.h>
#include <exo/debug.h>

struct launch {
	exo_u64 entry, sp;
	const struct exo_stats *stats;
	exo_u64 sigmask;          /* the first thread's blocked signals */
	exo_u64 sig_ignored;      /* signals the image before exec ignored */
	exo_u64 vdso_table, process;  /* the vDSO's entry table, the process area */
};

/* The guest stack, and the room its arguments, environment and auxv may
 * take at its top: exec refuses longer lists (E2BIG) before it starts. */
#define STACK_SIZE (8ul << 20)
#define EXEC_ARG_SPACE (STACK_SIZE / 4)
/* Below the stack, as Linux's stack_guard_gap (256 pages). */
#define STACK_GUARD (1ul << 20)
/* The kernel's pool above the stack (memory.c): one thread's kernel
 * stack, ring, signal state and stacks and the clock ticker's stack take
 * about 340 KiB. */
#define KERNEL_POOL (512ul << 10)

struct exo_start_fd;
/* What a process brings into the image exec gives it; NULL at the first
 * start (the launcher's standard descriptors, root and directory). */
struct carried {
	exo_cap_t root_cap, cwd_cap;
	exo_u32 fd_limit;
	unsigned nfds;
	const struct exo_start_fd *fds;
	const struct exo_stats *stats;   /* counts so far, or NULL */
};

struct exo_vdso_blob;

/* The vDSO image to map: the built-in one, or one read at start-up. */
extern const struct exo_vdso_blob *kernel_vdso;

/* Fill *blob from an image file; -1 after a one-line message. */
int vdso_blob_from_file(const char *path, struct exo_vdso_blob *blob);

/* vdso_share.c: the image's pages, one sealed memfd per process tree.
 * What crosses exec: the memfd, the image's symbol offsets and, for
 * --vdso, the identity of the file it was read from. */
struct vdso_kept {
	int fd;                        /* the memfd, or -1 */
	exo_u32 reserved;
	exo_u64 image_size, sym_table, sym_syscall_entry, sym_native_syscall;
	exo_u64 dev, ino, size;
	exo_s64 mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};
struct stat;
void vdso_share_note_source(const struct stat *st);
int vdso_share_fd(void);
int vdso_share_map(exo_u64 addr, exo_u64 len);
void vdso_share_before_fork(void);
void vdso_share_keep(struct vdso_kept *k);
int vdso_share_adopt(const struct vdso_kept *k);

/* The program's host descriptor, or -1 with *status (127 not found,
 * 126 otherwise) after a message. */
int open_program(const char *path, int *status);

/* Load the program open on fd (closed here), named path (AT_EXECFN and
 * messages). 0, or the exit status to leave with after the message it
 * printed. */
/* The guest stack, kernel pool and vDSO area reservation: 0 or -1. */
int loader_reserve(void);
int load_program(int fd, const char *path, char *const argv[], char *const envp[],
                 const struct carried *carried, struct launch *out);

/* The process area of the running image (for exec's descriptor table). */
extern exo_u64 kernel_process_area;

/* main.c: the --exec-state side of exec (exec_state.c) */
int exec_restore(int state_fd, struct launch *out);

#endif
