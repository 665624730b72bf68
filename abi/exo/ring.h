/* Fusion Ring: the shared-memory queue pair between a thread and the kernel.
 *
 * Each thread owns one ring, found through its thread block. User space
 * fills submission entries (SQEs) and advances sq_tail; the kernel, on
 * EXO_NC_RING_ENTER, consumes entries from sq_head up to sq_tail, runs them
 * in order, posts one completion (CQE) per entry at cq_tail. User space
 * consumes completions from cq_head. Heads and tails are free-running 32-bit
 * counters; the slot is counter & mask. Like io_uring, a batch of entries
 * costs one kernel entry, which is what makes writev or a poll over many
 * descriptors cheaper than a native call per element.
 *
 * Memory layout, from the ring's base address:
 *   [0, 64)                         struct exo_ring_header
 *   [sqe_offset, + sq_entries*64)   struct exo_ring_sqe[]
 *   [cqe_offset, + cq_entries*16)   struct exo_ring_cqe[]   */
#ifndef EXO_RING_H
#define EXO_RING_H

#include "types.h"
#include "cap.h"

#define EXO_RING_ENTRIES 64u
#define EXO_RING_SQE_OFFSET 64u
#define EXO_RING_CQE_OFFSET (EXO_RING_SQE_OFFSET + EXO_RING_ENTRIES * 64u)
#define EXO_RING_SIZE (EXO_RING_CQE_OFFSET + EXO_RING_ENTRIES * 16u)

struct exo_ring_header {
	exo_u32 sq_head;     /* written by the kernel */
	exo_u32 sq_tail;     /* written by user space */
	exo_u32 sq_entries;
	exo_u32 sq_mask;
	exo_u32 cq_head;     /* written by user space */
	exo_u32 cq_tail;     /* written by the kernel */
	exo_u32 cq_entries;
	exo_u32 cq_mask;
	exo_u32 sqe_offset;
	exo_u32 cqe_offset;
	exo_u32 flags;
	exo_u32 reserved[5];
};

struct exo_ring_sqe {
	exo_u8  opcode;      /* EXO_OP_* */
	exo_u8  flags;       /* EXO_SQE_* */
	exo_u16 reserved0;
	exo_cap_t cap;       /* the capability operated on */
	exo_u64 offset;      /* file position, or seek offset */
	exo_u64 addr;        /* buffer, iovec array or result structure */
	exo_u32 len;         /* buffer length or iovec count */
	exo_u32 op_flags;    /* per-opcode flags (EXO_IO_*, EXO_SEEK_*) */
	exo_u64 user_data;   /* copied to the completion */
	exo_u64 addr2;       /* a second buffer (ABI 1.1; ignored by the opcodes of 1.0) */
	exo_u64 reserved1[2];
};

struct exo_ring_cqe {
	exo_u64 user_data;
	exo_s64 result;      /* >= 0 on success, EXO_ERR_* on failure */
};

/* Opcodes. */
#define EXO_OP_NOP         0
#define EXO_OP_READ        1  /* cap, addr, len [, offset with EXO_IO_AT_OFFSET] -> bytes */
#define EXO_OP_WRITE       2  /* cap, addr, len [, offset] -> bytes */
#define EXO_OP_READV       3  /* cap, addr = exo_iovec[len] [, offset] -> bytes */
#define EXO_OP_WRITEV      4  /* cap, addr = exo_iovec[len] [, offset] -> bytes */
#define EXO_OP_SEEK        5  /* cap, offset, op_flags = EXO_SEEK_* -> new position */
#define EXO_OP_STAT        6  /* cap, addr = struct exo_stat * -> 0 */
#define EXO_OP_RELEASE     7  /* cap -> 0: drops the handle from the table */
#define EXO_OP_TTY_WINSIZE 8  /* cap, addr = struct exo_winsize * -> 0 */
/* ABI 1.1 */
#define EXO_OP_DUPLICATE   9  /* cap -> a new handle to the same open object, same rights
                               * (needs EXO_RIGHT_DUPLICATE); position and status are shared */
#define EXO_OP_STATUS     10  /* cap, len = EXO_FD_APPEND|EXO_FD_NONBLOCK bits to change,
                               * op_flags = their new values -> the object's status after,
                               * as EXO_FD_* (process.h); len 0 only reads it */
#define EXO_OP_OPEN_AT    11  /* cap = directory, addr = path, len = its length (no NUL),
                               * op_flags = EXO_OPEN_*, offset = permissions for a created
                               * object -> new handle | (EXO_OBJ_* << 32); ABI 1.7: the
                               * type may be EXO_OBJ_UNKNOWN (cap.h) */
#define EXO_OP_STAT_AT    12  /* cap = directory, addr = path, len = its length,
                               * addr2 = struct exo_stat *, op_flags = EXO_STAT_* -> 0 */
#define EXO_OP_ACCESS_AT  13  /* cap = directory, addr = path, len = its length,
                               * op_flags = EXO_ACCESS_* -> 0 if the object's permissions
                               * allow every access asked, EXO_ERR_ACCESS if not */
/* ABI 1.3: 14-19 are descriptor control (ring_ctl.h). */
#include "ring_ctl.h"
#define EXO_OP_COUNT      20  /* 1 + the highest opcode of this file's range */

/* The rights an operation of this file's range needs on sqe.cap. Part of
 * the contract, not a kernel's choice, so every kernel refuses the same
 * things (RELEASE and STATUS need none: any holder may drop its handle or
 * ask for its status). */
static inline exo_u32 exo_op_rights(unsigned opcode)
{
	switch (opcode) {
	case EXO_OP_READ: case EXO_OP_READV: return EXO_RIGHT_READ;
	case EXO_OP_WRITE: case EXO_OP_WRITEV: return EXO_RIGHT_WRITE;
	case EXO_OP_SEEK: return EXO_RIGHT_SEEK;
	case EXO_OP_STAT: return EXO_RIGHT_STAT;
	case EXO_OP_TTY_WINSIZE: return EXO_RIGHT_TTY;
	case EXO_OP_DUPLICATE: return EXO_RIGHT_DUPLICATE;
	case EXO_OP_TTY_GET: case EXO_OP_TTY_SET: case EXO_OP_TTY_CTL: return EXO_RIGHT_TTY;
	default: return 0;
	}
}

/* Opcode ranges, one per family, each family's opcodes in its own header:
 *   0-31    I/O, descriptors, the first name operations (this file)
 *   32-63   names: the tree of files and directories (ring_fs.h)
 *   64-127  pipes, sockets and readiness (ring_net.h)
 * The kernel dispatches a range to the family's code. */
#define EXO_OP_FS_FIRST  32
#define EXO_OP_FS_LAST   63
#define EXO_OP_NET_FIRST 64
#define EXO_OP_NET_LAST  127

/* SQE flags: none defined yet; a non-zero value completes with EXO_ERR_INVALID. */

/* op_flags for READ/WRITE/READV/WRITEV */
#define EXO_IO_AT_OFFSET 1u /* use sqe.offset, leave the capability's position */
#define EXO_IO_APPEND    2u /* write at the end of the object */
#define EXO_IO_NONBLOCK  4u /* EXO_ERR_WOULD_BLOCK rather than wait */

/* Paths given to OPEN_AT and STAT_AT: at most EXO_PATH_MAX - 1 bytes, as
 * Linux's PATH_MAX counts the terminating NUL; longer is
 * EXO_ERR_NAME_TOO_LONG. A path is resolved below the directory
 * capability, which needs EXO_RIGHT_LOOKUP (and EXO_RIGHT_CREATE to create).
 * With len 0 the path is NUL-terminated and unmeasured, and an absolute one
 * is resolved below the root capability the entry carries (ring_fs.h). */
#define EXO_PATH_MAX 4096u

/* op_flags for OPEN_AT: Exo-OS's own bits, never Linux O_* values.
 * READ and WRITE choose the rights of the new capability. */
#define EXO_OPEN_READ      (1u << 0)
#define EXO_OPEN_WRITE     (1u << 1)
#define EXO_OPEN_CREATE    (1u << 2)  /* create the object if the name is free */
#define EXO_OPEN_EXCLUSIVE (1u << 3)  /* with CREATE: fail with EXO_ERR_EXISTS if it is not */
#define EXO_OPEN_TRUNCATE  (1u << 4)
#define EXO_OPEN_APPEND    (1u << 5)  /* every write goes to the end */
#define EXO_OPEN_DIRECTORY (1u << 6)  /* fail with EXO_ERR_NOT_DIR unless it is a directory */
#define EXO_OPEN_NOFOLLOW  (1u << 7)  /* fail with EXO_ERR_LOOP if the last name is a symlink */
#define EXO_OPEN_NONBLOCK  (1u << 8)
#define EXO_OPEN_SYNC      (1u << 9)  /* writes reach storage, data and metadata */
#define EXO_OPEN_DATA_SYNC (1u << 10) /* writes reach storage, data only */

/* op_flags for STAT_AT */
#define EXO_STAT_NOFOLLOW  (1u << 0)  /* describe a symlink itself, not its target */

/* op_flags for ACCESS_AT; none of the first three asks only whether the
 * name exists. */
#define EXO_ACCESS_READ      (1u << 0)
#define EXO_ACCESS_WRITE     (1u << 1)
#define EXO_ACCESS_EXECUTE   (1u << 2)
#define EXO_ACCESS_EFFECTIVE (1u << 3)  /* as the effective ids, not the real ones */
#define EXO_ACCESS_NOFOLLOW  (1u << 4)  /* a symlink itself, not its target */

/* op_flags for SEEK */
#define EXO_SEEK_SET 0u
#define EXO_SEEK_CUR 1u
#define EXO_SEEK_END 2u
/* ABI 1.4: the next byte of data, or the next hole (the end counts as
 * one), at or after offset; EXO_ERR_NOT_FOUND when there is none there
 * (offset at or past the end). */
#define EXO_SEEK_DATA 3u
#define EXO_SEEK_HOLE 4u

EXO_ABI_ASSERT(sizeof(struct exo_ring_header) == 64, ring_header_size);
EXO_ABI_ASSERT(sizeof(struct exo_ring_sqe) == 64, ring_sqe_size);
EXO_ABI_ASSERT(sizeof(struct exo_ring_cqe) == 16, ring_cqe_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_ring_sqe, cap) == 4, sqe_cap_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_ring_sqe, addr) == 16, sqe_addr_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_ring_sqe, user_data) == 32, sqe_ud_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_ring_sqe, addr2) == 40, sqe_addr2_off);
EXO_ABI_ASSERT((EXO_RING_ENTRIES & (EXO_RING_ENTRIES - 1)) == 0, ring_pow2);

#include "ring_fs.h"
#include "ring_net.h"

#endif
