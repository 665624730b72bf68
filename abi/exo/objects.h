/* Structures that native calls and ring operations read or fill.
 *
 * These are Exo-OS layouts; the vDSO converts them to and from the Linux
 * structures a program passes (struct stat, struct winsize...). The one
 * exception is exo_iovec, whose layout is pinned to be the same as the
 * POSIX struct iovec on x86-64 so vectored I/O needs no copy. */
#ifndef EXO_OBJECTS_H
#define EXO_OBJECTS_H

#include "types.h"

struct exo_timespec {
	exo_s64 sec;
	exo_u32 nsec;
	exo_u32 reserved;
};

struct exo_iovec {
	exo_u64 base;
	exo_u64 len;
};

/* Filled by EXO_OP_STAT. */
struct exo_stat {
	exo_u32 object;      /* EXO_OBJ_*, never EXO_OBJ_UNKNOWN */
	exo_u32 perms;       /* 07777: permission, set-id and sticky bits */
	exo_u64 size;
	exo_u64 device;
	exo_u64 inode;
	exo_u64 rdev;        /* for device objects */
	exo_u64 blocks;      /* allocated, in 512-byte units */
	exo_u32 links;
	exo_u32 block_size;
	exo_u32 uid;
	exo_u32 gid;
	struct exo_timespec accessed;
	struct exo_timespec modified;
	struct exo_timespec changed;
	exo_u64 reserved[4];
};

/* Filled by EXO_OP_TTY_WINSIZE. */
struct exo_winsize {
	exo_u16 rows;
	exo_u16 cols;
	exo_u16 xpixels;
	exo_u16 ypixels;
};

EXO_ABI_ASSERT(sizeof(struct exo_timespec) == 16, timespec_size);
EXO_ABI_ASSERT(sizeof(struct exo_iovec) == 16, iovec_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_stat, size) == 8, stat_size_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_stat, links) == 48, stat_links_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_stat, accessed) == 64, stat_atime_off);
EXO_ABI_ASSERT(sizeof(struct exo_stat) == 144, stat_size);
EXO_ABI_ASSERT(sizeof(struct exo_winsize) == 8, winsize_size);

#endif
