/* Capabilities: handles, rights and object types.
 *
 * A capability handle is an index into the calling process's capability
 * table in the kernel; it means nothing in another process. Rights live with
 * the table entry in the kernel, never in user memory, and every operation
 * checks them: a write through a capability without EXO_RIGHT_WRITE fails
 * with EXO_ERR_RIGHTS whatever the vDSO believed. */
#ifndef EXO_CAP_H
#define EXO_CAP_H

#include "types.h"

typedef exo_u32 exo_cap_t;

/* Handle 0 is never valid, so zeroed memory holds no capability. */
#define EXO_CAP_INVALID ((exo_cap_t)0)

#define EXO_RIGHT_READ      (1u << 0)
#define EXO_RIGHT_WRITE     (1u << 1)
#define EXO_RIGHT_SEEK      (1u << 2)
#define EXO_RIGHT_STAT      (1u << 3)
#define EXO_RIGHT_MAP       (1u << 4)
#define EXO_RIGHT_DUPLICATE (1u << 5)
#define EXO_RIGHT_TRANSFER  (1u << 6)
#define EXO_RIGHT_TTY       (1u << 7)  /* terminal queries and control */
#define EXO_RIGHT_LOOKUP    (1u << 8)  /* resolve names below a directory */
#define EXO_RIGHT_CREATE    (1u << 9)  /* create names below a directory */

/* What kind of object a capability designates (the host of the object, not
 * the POSIX view of it: the vDSO derives st_mode and friends from these). */
#define EXO_OBJ_NULL      1  /* discards writes, reads end of file */
#define EXO_OBJ_FILE      2
#define EXO_OBJ_DIRECTORY 3
#define EXO_OBJ_TTY       4
#define EXO_OBJ_PIPE      5
#define EXO_OBJ_SOCKET    6
#define EXO_OBJ_CHARDEV   7  /* a character device that is not a terminal */
#define EXO_OBJ_BLOCKDEV  8
#define EXO_OBJ_SYMLINK   9
/* ABI 1.7: the type was not asked yet. OPEN_AT may install a capability
 * opened by name with it rather than ask the host for a type no operation
 * may need (open + close). The kernel learns the type when an operation
 * that depends on it first comes and keeps it with the capability; the
 * vDSO's descriptor table keeps this value (what it says: opened by name,
 * type not cached) and asks with EXO_OP_STAT, whose exo_stat.object is
 * never EXO_OBJ_UNKNOWN, where it must decide by type (fchdir, fadvise).
 * Operations answer as they would for the object's real type. */
#define EXO_OBJ_UNKNOWN  10

#endif
