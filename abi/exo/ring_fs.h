/* Fusion Ring opcodes of the file-system family (EXO_OP_FS_FIRST ..
 * EXO_OP_FS_LAST): the tree of names, directory listings, attributes,
 * storage. Included at the end of ring.h.
 *
 * Names. Every opcode here that takes a name takes it unmeasured: addr
 * points to a NUL-terminated string of at most EXO_PATH_MAX bytes with
 * its NUL. The kernel copies it (EXO_ERR_FAULT if it is not readable,
 * EXO_ERR_NAME_TOO_LONG if no NUL comes within EXO_PATH_MAX bytes,
 * EXO_ERR_NOT_FOUND if it is empty) and only then looks at it: a name
 * beginning with '/' is resolved below the root capability the entry
 * carries (exo_sqe_root), any other below `cap`. So the caller never reads
 * the string, and a bad pointer is a status, not a fault in the caller.
 * OPEN_AT, STAT_AT and ACCESS_AT of ring.h take the same form when their
 * len is 0 (a non-zero len keeps ABI 1.1's measured, relative form).
 *
 * A directory capability a name starts from needs EXO_RIGHT_LOOKUP, and
 * EXO_RIGHT_CREATE as well when the operation adds, removes or renames a
 * name in it; EXO_CAP_INVALID as that directory resolves nothing
 * (EXO_ERR_NOT_FOUND, as for a process without a current directory) and
 * EXO_CAP_NO_DIR refuses a relative name with EXO_ERR_BAD_CAP (the caller
 * had a bad descriptor: an absolute name does not need it). */
#ifndef EXO_RING_FS_H
#define EXO_RING_FS_H

#include "types.h"
#include "cap.h"
#include "objects.h"

/* A handle that is never live in any table (cap.h numbers slots from 1;
 * no table has 2^32 - 1 of them). */
#define EXO_CAP_NO_DIR ((exo_cap_t)0xffffffffu)

/* Where the name opcodes keep what struct exo_ring_sqe has no field for:
 * the root capability in reserved1[0], a second directory (the new name
 * of RENAME_AT and LINK_AT) in reserved1[1], each in the low 32 bits. */
static inline exo_cap_t exo_sqe_root(const struct exo_ring_sqe *s)
{
	return (exo_cap_t)s->reserved1[0];
}
static inline exo_cap_t exo_sqe_cap2(const struct exo_ring_sqe *s)
{
	return (exo_cap_t)s->reserved1[1];
}
static inline void exo_sqe_set_root(struct exo_ring_sqe *s, exo_cap_t root)
{
	s->reserved1[0] = root;
}
static inline void exo_sqe_set_cap2(struct exo_ring_sqe *s, exo_cap_t dir)
{
	s->reserved1[1] = dir;
}

/* Opcodes. "name" is cap + addr (+ root) as above. */
#define EXO_OP_READ_DIR   32  /* cap = directory with READ, addr = buffer, len = its size ->
                               * bytes of struct exo_dirent records, 0 at the end */
#define EXO_OP_MKDIR_AT   33  /* name, offset = permissions -> 0 */
#define EXO_OP_UNLINK_AT  34  /* name, op_flags = EXO_UNLINK_* -> 0 */
#define EXO_OP_RENAME_AT  35  /* name; new name: cap2 + addr2; op_flags = EXO_RENAME_* -> 0 */
#define EXO_OP_LINK_AT    36  /* name; new name: cap2 + addr2; op_flags = EXO_LINK_* -> 0 */
#define EXO_OP_SYMLINK_AT 37  /* name to create; addr2 = the link's text (NUL-terminated,
                               * stored as it is, never resolved) -> 0 */
#define EXO_OP_READLINK_AT 38 /* name, addr2 = buffer, len = its size -> bytes (no NUL);
                               * op_flags = EXO_FS_EMPTY_NAME (ABI 1.4) */
#define EXO_OP_CHMOD_AT   39  /* name, offset = permissions, op_flags = EXO_FS_* -> 0 */
#define EXO_OP_CHOWN_AT   40  /* name, offset = uid | gid << 32 (EXO_ID_KEEP: unchanged),
                               * op_flags = EXO_FS_* -> 0 */
#define EXO_OP_UTIMES_AT  41  /* name, addr2 = struct exo_timespec[2] (accessed, modified)
                               * or 0 for now, op_flags = EXO_FS_* -> 0 */
#define EXO_OP_TRUNCATE_AT 42 /* name, offset = new size, op_flags = EXO_FS_EMPTY_NAME -> 0 */
#define EXO_OP_SYNC       43  /* cap, op_flags = EXO_SYNC_* -> 0: data reaches storage */
#define EXO_OP_ALLOCATE   44  /* cap with WRITE, offset, addr2 = length,
                               * op_flags = EXO_ALLOCATE_* -> 0 */
#define EXO_OP_STATFS_AT  45  /* name, addr2 = struct exo_statfs *, op_flags = EXO_FS_* -> 0 */
#define EXO_OP_DIR_PATH   46  /* cap = directory with LOOKUP, addr = buffer, len = its size ->
                               * bytes written: the absolute name and its NUL */
#define EXO_OP_UMASK      47  /* offset = the new creation mask (0777 bits) -> the old one */
/* ABI 1.3 (opcodes 56-63 are the real-programs work's). */
#define EXO_OP_MKNOD_AT   56  /* name to create, offset = permissions (07777) | EXO_OBJ_FILE,
                               * _PIPE, _SOCKET, _CHARDEV or _BLOCKDEV << 16, addr2 = device
                               * (major << 32 | minor) -> 0 */
#define EXO_OP_FS_COUNT   57  /* 1 + the highest opcode of this family */

/* op_flags shared by the name opcodes that act on an existing object. */
#define EXO_FS_NOFOLLOW   (1u << 0)  /* a symlink itself, not its target */
#define EXO_FS_EMPTY_NAME (1u << 1)  /* an empty name means cap itself, whatever it is;
                                      * the right the opcode needs is then cap's */

/* op_flags for OPEN_AT (the EXO_OPEN_* of ring.h continue here) */
#define EXO_OPEN_SEARCH   (1u << 11) /* with DIRECTORY, neither READ nor WRITE: a
                                      * capability that only looks up names (a current
                                      * directory); searching it must be permitted */
#define EXO_OPEN_PATH     (1u << 12) /* ABI 1.4. Neither READ nor WRITE: a capability
                                      * that only names the object (Linux's O_PATH):
                                      * stat, duplicate, transfer and, for a directory,
                                      * names below it; with NOFOLLOW a symlink itself.
                                      * Only DIRECTORY and NOFOLLOW combine with it */
/* op_flags for STAT_AT and ACCESS_AT: as EXO_FS_EMPTY_NAME */
#define EXO_STAT_EMPTY_NAME   (1u << 1)
#define EXO_ACCESS_EMPTY_NAME (1u << 5)

/* op_flags for UNLINK_AT */
#define EXO_UNLINK_DIRECTORY (1u << 0)  /* remove an empty directory, nothing else */

/* op_flags for RENAME_AT */
#define EXO_RENAME_NOREPLACE (1u << 0)  /* EXO_ERR_EXISTS if the new name is taken */

/* op_flags for LINK_AT */
#define EXO_LINK_FOLLOW      (1u << 0)  /* link the target of a symlink, not the symlink */

/* op_flags for SYNC */
#define EXO_SYNC_DATA        (1u << 0)  /* the data and what finding it needs, not times */

/* op_flags for ALLOCATE */
#define EXO_ALLOCATE_KEEP_SIZE (1u << 0) /* reserve storage, leave the size as it is */

/* An id of CHOWN_AT that stays as it is. */
#define EXO_ID_KEEP 0xffffffffu

/* UTIMES_AT: a nsec field may say "now" or "leave it"; any other must be
 * below 10^9. */
#define EXO_TIME_NOW  0xfffffff0u
#define EXO_TIME_KEEP 0xfffffff1u

/* A READ_DIR record: 8-byte aligned, `size` bytes long, the name
 * NUL-terminated. cookie is where the listing resumes after this entry
 * (a SEEK position of the directory capability); object is EXO_OBJ_* or 0
 * when the file system does not say without a lookup. */
struct exo_dirent {
	exo_u64 inode;
	exo_u64 cookie;
	exo_u16 size;
	exo_u8  object;
	exo_u8  name_len;    /* without the NUL; names are at most 255 bytes */
	char    name[];
};
#define EXO_DIRENT_SIZE(name_len) ((20u + (name_len) + 1u + 7u) & ~7u)

/* Filled by STATFS_AT. */
struct exo_statfs {
	exo_u64 kind;        /* the file system's format, as its driver names it
	                      * (the hosted model: the host's f_type) */
	exo_u64 block_size;  /* the unit of the block counts */
	exo_u64 io_size;     /* the preferred transfer size */
	exo_u64 blocks;
	exo_u64 blocks_free;
	exo_u64 blocks_available;  /* free to an unprivileged owner */
	exo_u64 files;
	exo_u64 files_free;
	exo_u64 id;          /* tells file systems apart */
	exo_u32 name_max;
	exo_u32 flags;       /* EXO_STATFS_* */
	exo_u64 reserved[4];
};
#define EXO_STATFS_READ_ONLY (1u << 0)
#define EXO_STATFS_NO_SUID   (1u << 1)
#define EXO_STATFS_NO_DEV    (1u << 2)
#define EXO_STATFS_NO_EXEC   (1u << 3)
#define EXO_STATFS_SYNC      (1u << 4)
#define EXO_STATFS_NO_ATIME  (1u << 5)
#define EXO_STATFS_RELATIME  (1u << 6)

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_dirent, size) == 16, dirent_size_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_dirent, name) == 20, dirent_name_off);
EXO_ABI_ASSERT(sizeof(struct exo_statfs) == 112, statfs_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_statfs, name_max) == 72, statfs_name_max_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_ring_sqe, reserved1) == 48, sqe_reserved1_off);
EXO_ABI_ASSERT(EXO_OP_FS_COUNT - 1 <= EXO_OP_FS_LAST, fs_ops_in_range);

#endif
