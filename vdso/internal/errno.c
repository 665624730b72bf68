/* Native status -> Linux errno, for the cases where a native condition has
 * one POSIX name. Calls with a more precise answer (ESPIPE for a seek on a
 * pipe, ENOTTY for a terminal request on a file) map those themselves. */
#include "vdso.h"

static const exo_u8 errno_of[-EXO_ERR_LAST + 1] = {
	[-EXO_ERR_BAD_CAP] = EBADF,
	[-EXO_ERR_RIGHTS] = EBADF,
	[-EXO_ERR_BAD_CALL] = ENOSYS,
	[-EXO_ERR_INVALID] = EINVAL,
	[-EXO_ERR_FAULT] = EFAULT,
	[-EXO_ERR_NO_MEMORY] = ENOMEM,
	[-EXO_ERR_TABLE_FULL] = EMFILE,
	[-EXO_ERR_NOT_FOUND] = ENOENT,
	[-EXO_ERR_EXISTS] = EEXIST,
	[-EXO_ERR_WOULD_BLOCK] = EAGAIN,
	[-EXO_ERR_INTERRUPTED] = EINTR,
	[-EXO_ERR_PEER_CLOSED] = EPIPE,
	[-EXO_ERR_WRONG_TYPE] = EINVAL,
	[-EXO_ERR_IS_DIR] = EISDIR,
	[-EXO_ERR_NOT_DIR] = ENOTDIR,
	[-EXO_ERR_ACCESS] = EACCES,
	[-EXO_ERR_IO] = EIO,
	[-EXO_ERR_TOO_BIG] = EFBIG,
	[-EXO_ERR_OVERFLOW] = EOVERFLOW,
	[-EXO_ERR_BUSY] = EBUSY,
	[-EXO_ERR_NOT_EMPTY] = ENOTEMPTY,
	[-EXO_ERR_LOOP] = ELOOP,
	[-EXO_ERR_NAME_TOO_LONG] = ENAMETOOLONG,
	[-EXO_ERR_CROSS_DEVICE] = EXDEV,
	[-EXO_ERR_READ_ONLY] = EROFS,
	[-EXO_ERR_TIMED_OUT] = ETIMEDOUT,
	[-EXO_ERR_NOT_SUPPORTED] = EOPNOTSUPP,
	[-EXO_ERR_NO_SPACE] = ENOSPC,
	[-EXO_ERR_PERMISSION] = EPERM,
	[-EXO_ERR_NO_CHILD] = ECHILD,
	[-EXO_ERR_AGAIN] = EAGAIN,
	[-EXO_ERR_DEADLOCK] = EDEADLK,
	[-EXO_ERR_TEXT_BUSY] = ETXTBSY,
};

hidden long errno_from_status(long status)
{
	if (status >= 0)
		return status;
	if (status < EXO_ERR_LAST || !errno_of[-status])
		return -EIO;
	return -(long)errno_of[-status];
}
