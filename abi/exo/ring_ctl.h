/* ABI 1.3: Fusion Ring opcodes of descriptor control, in the free part of
 * ring.h's core range (0-31): advisory locks, terminal control, and how
 * much an object holds to read. Included at the end of ring.h. */
#ifndef EXO_RING_CTL_H
#define EXO_RING_CTL_H

#include "types.h"
#include "cap.h"

#define EXO_OP_LOCK        14  /* cap, addr = struct exo_lock * (read; written back with
                                * EXO_LOCK_TEST), op_flags = EXO_LOCK_* -> 0 */
#define EXO_OP_FLOCK       15  /* cap, op_flags = EXO_FLOCK_* -> 0 */
#define EXO_OP_TTY_GET     16  /* cap with TTY, addr = struct exo_termios * out -> 0 */
#define EXO_OP_TTY_SET     17  /* cap with TTY, addr = struct exo_termios *,
                                * op_flags = EXO_TTY_SET_* -> 0 */
#define EXO_OP_TTY_CTL     18  /* cap with TTY, op_flags = EXO_TTY_CTL_*, offset = argument,
                                * addr = struct exo_winsize * for SET_WINSIZE -> see below */
#define EXO_OP_READABLE    19  /* cap -> bytes readable now without waiting (a file: from
                                * the position to the end) */
#define EXO_OP_CTL_LAST    19

/* A byte-range lock. The range is [start, start + length) from `whence`
 * (EXO_SEEK_*: the start, the capability's position, the end); length 0
 * runs to the end of the object and for ever after it, a negative one
 * ends at start. EXO_LOCK_TEST writes back the first lock that would
 * conflict, with its owner's process id in pid (0 and type UNLOCK if none
 * would; pid -1 for a lock of an open object). */
struct exo_lock {
	exo_u16 type;        /* EXO_LOCK_UNLOCK, _READ, _WRITE */
	exo_u16 whence;
	exo_s32 pid;
	exo_s64 start;
	exo_s64 length;
};
#define EXO_LOCK_UNLOCK 0u
#define EXO_LOCK_READ   1u
#define EXO_LOCK_WRITE  2u

/* op_flags for LOCK */
#define EXO_LOCK_TEST      (1u << 0)  /* only say what would conflict */
#define EXO_LOCK_WAIT      (1u << 1)  /* wait for a conflicting lock to go, not WOULD_BLOCK */
#define EXO_LOCK_OPEN_FILE (1u << 2)  /* the lock belongs to the open object (shared by its
                                       * duplicates), not to the process, and goes when the
                                       * last handle to it goes */

/* op_flags for FLOCK: one of the first three, NONBLOCK optional. A lock of
 * the whole object, owned by the open object. */
#define EXO_FLOCK_SHARED    1u
#define EXO_FLOCK_EXCLUSIVE 2u
#define EXO_FLOCK_UNLOCK    3u
#define EXO_FLOCK_NONBLOCK  (1u << 8)

/* Terminal attributes. The line discipline's native encoding of its mode
 * words and control characters is the System V one POSIX's termios
 * describes, with its bit values as x86-64 Unix systems number them, so
 * the words cross as they are. */
#define EXO_TTY_NCC 19
struct exo_termios {
	exo_u32 iflag;
	exo_u32 oflag;
	exo_u32 cflag;
	exo_u32 lflag;
	exo_u8  line;
	exo_u8  cc[EXO_TTY_NCC];
};

/* op_flags for TTY_SET: when the change takes effect. */
#define EXO_TTY_SET_NOW   0u
#define EXO_TTY_SET_DRAIN 1u  /* after the output queued so far is sent */
#define EXO_TTY_SET_FLUSH 2u  /* as DRAIN, and pending input is dropped */

/* op_flags for TTY_CTL */
#define EXO_TTY_CTL_GET_PGRP     1u  /* -> the foreground process group */
#define EXO_TTY_CTL_SET_PGRP     2u  /* offset = process group -> 0 */
#define EXO_TTY_CTL_FLUSH        3u  /* offset = EXO_TTY_FLUSH_* -> 0 */
#define EXO_TTY_CTL_SET_WINSIZE  4u  /* addr = struct exo_winsize * -> 0 */
#define EXO_TTY_CTL_SET_CONTROLLING 5u /* offset = 1 to take it from another session -> 0 */
#define EXO_TTY_CTL_GET_PTY_NUMBER 6u  /* a pseudo-terminal's master -> its number */
#define EXO_TTY_CTL_SET_PTY_LOCK   7u  /* a master; offset = 1 locks, 0 unlocks its slave -> 0 */
#define EXO_TTY_FLUSH_INPUT  1u
#define EXO_TTY_FLUSH_OUTPUT 2u
#define EXO_TTY_FLUSH_BOTH   3u

EXO_ABI_ASSERT(sizeof(struct exo_lock) == 24, lock_size);
EXO_ABI_ASSERT(sizeof(struct exo_termios) == 36, termios_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_termios, cc) == 17, termios_cc_off);

#endif
