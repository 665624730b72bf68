/* Host errno -> native status. The guest never sees Linux errno values
 * from the kernel: the vDSO turns statuses back into errno per call. */
#include <errno.h>
#include <exo/status.h>
#include "kernel.h"

long status_from_errno(int err)
{
	switch (err) {
	case EBADF: return EXO_ERR_BAD_CAP;
	case EINVAL: return EXO_ERR_INVALID;
	case EFAULT: return EXO_ERR_FAULT;
	case ENOMEM: return EXO_ERR_NO_MEMORY;
	case EMFILE: case ENFILE: return EXO_ERR_TABLE_FULL;
	case ENOENT: return EXO_ERR_NOT_FOUND;
	case EEXIST: return EXO_ERR_EXISTS;
	case EAGAIN: return EXO_ERR_WOULD_BLOCK;
	case EINTR: return EXO_ERR_INTERRUPTED;
	case EPIPE: return EXO_ERR_PEER_CLOSED;
	case ESPIPE: case ENOTTY: return EXO_ERR_WRONG_TYPE;
	case EISDIR: return EXO_ERR_IS_DIR;
	case ENOTDIR: return EXO_ERR_NOT_DIR;
	case EACCES: return EXO_ERR_ACCESS;
	case EFBIG: return EXO_ERR_TOO_BIG;
	case EOVERFLOW: return EXO_ERR_OVERFLOW;
	case EBUSY: return EXO_ERR_BUSY;
	case ENOTEMPTY: return EXO_ERR_NOT_EMPTY;
	case ELOOP: return EXO_ERR_LOOP;
	case ENAMETOOLONG: return EXO_ERR_NAME_TOO_LONG;
	case EXDEV: return EXO_ERR_CROSS_DEVICE;
	case EROFS: return EXO_ERR_READ_ONLY;
	case ETIMEDOUT: return EXO_ERR_TIMED_OUT;
	case EOPNOTSUPP: return EXO_ERR_NOT_SUPPORTED;
	case ENOSPC: case EDQUOT: return EXO_ERR_NO_SPACE;
	case EPERM: return EXO_ERR_PERMISSION;
	case ECHILD: return EXO_ERR_NO_CHILD;
	case EDEADLK: return EXO_ERR_DEADLOCK;
	case ETXTBSY: return EXO_ERR_TEXT_BUSY;
	default: return EXO_ERR_IO;
	}
}
