/* The process area: per-process pages the kernel maps read-write next to
 * the vDSO image (see vdso.h for where). The kernel fills the header and the
 * descriptors a process starts with; after that the vDSO owns the area.
 *
 *   [0x0000, 0x1000)  struct exo_process_page
 *   [0x1000, 0x3000)  struct exo_stats (debug.h)
 *   [0x3000, 0x7000)  struct exo_fd_entry[EXO_FD_TABLE_SIZE]
 *   [0x7000, 0x8000)  reserved for the vDSO's private state
 *
 * The descriptor table is ABI, not a vDSO detail, because the kernel writes
 * it twice in a process's life: at start (stdin, stdout and stderr arrive as
 * capabilities) and across exec, where the descriptors without CLOEXEC
 * survive into a fresh vDSO mapping. */
#ifndef EXO_PROCESS_H
#define EXO_PROCESS_H

#include "types.h"
#include "cap.h"

#define EXO_PROCESS_AREA_PAGES 8u
#define EXO_PROCESS_AREA_SIZE (EXO_PROCESS_AREA_PAGES * EXO_PAGE_SIZE)
#define EXO_PROCESS_STATS_OFFSET 0x1000u
#define EXO_PROCESS_FDS_OFFSET   0x3000u
#define EXO_PROCESS_PRIVATE_OFFSET 0x7000u

#define EXO_FD_TABLE_SIZE 1024u

struct exo_process_page {
	/* Where the vDSO enters the kernel (native.h convention). */
	exo_u64 native_entry;
	exo_u32 debug_flags;      /* EXO_DEBUG_* */
	exo_u32 fd_limit;         /* RLIMIT_NOFILE soft limit, <= EXO_FD_TABLE_SIZE */
	exo_u64 brk_start;        /* initial program break, page aligned */
	exo_u64 brk_limit;        /* the break may not grow past this */
	/* ABI 1.1: the root and the current directory are capabilities, not
	 * strings; the vDSO resolves absolute paths below root_cap and
	 * relative ones below cwd_cap. EXO_CAP_INVALID: the process has none
	 * (names resolve to EXO_ERR_NOT_FOUND). */
	exo_cap_t root_cap;
	exo_cap_t cwd_cap;
	/* ABI 1.3: signals ignored when the program starts (inherited, and
	 * kept across exec as Linux keeps them); the vDSO reports SIG_IGN for
	 * them until the program changes their action. */
	exo_u64 sig_ignored;
	exo_u64 reserved[58];
};

/* fd_flags */
#define EXO_FD_CLOEXEC 1u

/* status_flags: the open object's status as the vDSO last saw it. The
 * kernel holds the real one, shared by duplicates (EXO_OP_STATUS reads and
 * changes it); these bits are also what that operation speaks. */
#define EXO_FD_READ     1u
#define EXO_FD_WRITE    2u
#define EXO_FD_APPEND   4u
#define EXO_FD_NONBLOCK 8u
#define EXO_FD_PATH     16u  /* ABI 1.4: opened with EXO_OPEN_PATH, names the object only */

struct exo_fd_entry {
	exo_cap_t cap;            /* EXO_CAP_INVALID: the descriptor is free */
	exo_u16 fd_flags;         /* EXO_FD_CLOEXEC */
	exo_u16 object;           /* EXO_OBJ_* of the capability (EXO_OBJ_UNKNOWN, ABI 1.7) */
	exo_u32 status_flags;     /* EXO_FD_READ/WRITE/APPEND/NONBLOCK */
	exo_u32 reserved;
};

EXO_ABI_ASSERT(sizeof(struct exo_process_page) == 512, proc_page_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_process_page, root_cap) == 32, pp_root_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_process_page, cwd_cap) == 36, pp_cwd_off);
EXO_ABI_ASSERT(sizeof(struct exo_fd_entry) == 16, fd_entry_size);
EXO_ABI_ASSERT(EXO_PROCESS_FDS_OFFSET + EXO_FD_TABLE_SIZE * 16u <= EXO_PROCESS_PRIVATE_OFFSET, fds_fit);
EXO_ABI_ASSERT(EXO_PROCESS_PRIVATE_OFFSET < EXO_PROCESS_AREA_SIZE, private_fits);

#endif
