/* Storage and the creation mask: SYNC, ALLOCATE, UMASK.
 *
 * The creation mask is kept here, not in the vDSO: it must survive exec
 * and pass to a spawned child, both the kernel's doing, and it must be
 * applied exactly once to every object the kernel creates. The hosted
 * model is one host process per guest process, so the host's own umask
 * is that mask: OPEN_AT, MKDIR_AT and friends pass the guest's mode to
 * the host unmasked and the host applies it, once. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/status.h>
#include "fs.h"

long fs_sync(const struct exo_ring_sqe *sqe)
{
	struct kcap *c;
	long status;

	/* Any holder may ask: fsync needs no particular access mode. */
	if (sqe->op_flags & ~EXO_SYNC_DATA)
		return EXO_ERR_INVALID;
	if (!(c = cap_get(sqe->cap, 0, &status)))
		return status;
	if ((sqe->op_flags & EXO_SYNC_DATA ? fdatasync(c->host_fd) : fsync(c->host_fd)) < 0)
		return status_from_errno(errno);
	return 0;
}

long fs_allocate(const struct exo_ring_sqe *sqe)
{
	struct kcap *c;
	long status;

	if (sqe->op_flags & ~EXO_ALLOCATE_KEEP_SIZE)
		return EXO_ERR_INVALID;
	if ((exo_s64)sqe->offset < 0 || (exo_s64)sqe->addr2 <= 0)
		return EXO_ERR_INVALID;
	if (!(c = cap_get(sqe->cap, EXO_RIGHT_WRITE, &status)))
		return status;
	if (fallocate(c->host_fd, sqe->op_flags & EXO_ALLOCATE_KEEP_SIZE ? FALLOC_FL_KEEP_SIZE : 0,
	              (off_t)sqe->offset, (off_t)sqe->addr2) < 0)
		return status_from_errno(errno);
	return 0;
}

long fs_umask(const struct exo_ring_sqe *sqe)
{
	return umask((mode_t)(sqe->offset & 0777));
}
