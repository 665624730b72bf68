/* Native status codes.
 *
 * Native calls and ring completions return a non-negative value on success
 * and one of these on failure. They are Exo-OS's own numbers, not Linux
 * errno values: the vDSO turns them into errno, choosing per system call
 * where one native condition has several POSIX names (EXO_ERR_WRONG_TYPE is
 * ESPIPE for lseek but ENOTTY for ioctl). */
#ifndef EXO_STATUS_H
#define EXO_STATUS_H

#define EXO_OK                 0
#define EXO_ERR_BAD_CAP       (-1)  /* the handle names no capability of this process */
#define EXO_ERR_RIGHTS        (-2)  /* the capability lacks a right the operation needs */
#define EXO_ERR_BAD_CALL      (-3)  /* unknown native call or ring opcode */
#define EXO_ERR_INVALID       (-4)  /* an argument is out of range */
#define EXO_ERR_FAULT         (-5)  /* an address argument is not accessible */
#define EXO_ERR_NO_MEMORY     (-6)
#define EXO_ERR_TABLE_FULL    (-7)  /* capability table or similar exhausted */
#define EXO_ERR_NOT_FOUND     (-8)
#define EXO_ERR_EXISTS        (-9)
#define EXO_ERR_WOULD_BLOCK   (-10)
#define EXO_ERR_INTERRUPTED   (-11)
#define EXO_ERR_PEER_CLOSED   (-12) /* write to a pipe or socket with no reader */
#define EXO_ERR_WRONG_TYPE    (-13) /* the object does not support the operation */
#define EXO_ERR_IS_DIR        (-14)
#define EXO_ERR_NOT_DIR       (-15)
#define EXO_ERR_ACCESS        (-16) /* permission bits of the object refuse it */
#define EXO_ERR_IO            (-17)
#define EXO_ERR_TOO_BIG       (-18) /* file or argument larger than allowed */
#define EXO_ERR_OVERFLOW      (-19) /* result does not fit */
#define EXO_ERR_BUSY          (-20)
#define EXO_ERR_NOT_EMPTY     (-21)
#define EXO_ERR_LOOP          (-22)
#define EXO_ERR_NAME_TOO_LONG (-23)
#define EXO_ERR_CROSS_DEVICE  (-24)
#define EXO_ERR_READ_ONLY     (-25) /* read-only file system */
#define EXO_ERR_TIMED_OUT     (-26)
#define EXO_ERR_NOT_SUPPORTED (-27)
#define EXO_ERR_NO_SPACE      (-28) /* storage full */
#define EXO_ERR_PERMISSION    (-29) /* the caller may not do this at all (EPERM) */
#define EXO_ERR_NO_CHILD      (-30)
#define EXO_ERR_AGAIN         (-31) /* a resource limit was hit; retrying may work */
/* ABI 1.3 */
#define EXO_ERR_DEADLOCK      (-32) /* a lock that would wait for ever on the caller itself */
/* ABI 1.4 */
#define EXO_ERR_TEXT_BUSY     (-33) /* writing a program that is running (ETXTBSY) */
#define EXO_ERR_LAST          (-33)

#endif
