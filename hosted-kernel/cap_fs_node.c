/* MKNOD_AT (ABI 1.3): a new name for a FIFO, a socket, a device or an
 * empty file, as mknod(2) makes them (busybox's mkfifo and mknod, cpio
 * and tar extracting special files). Like MKDIR_AT it changes a
 * directory, so the name's directory needs CREATE as well as LOOKUP;
 * whether the caller may make a device is the host's decision, so the
 * refusal is Linux's EPERM. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <exo/status.h>
#include "fs.h"

long fs_mknod_at(const struct exo_ring_sqe *sqe)
{
	struct kname n;
	mode_t type;
	long r;

	if (sqe->op_flags || (sqe->offset & ~(0xffull << 16 | 07777)))
		return EXO_ERR_INVALID;
	switch (sqe->offset >> 16) {
	case EXO_OBJ_FILE: type = S_IFREG; break;
	case EXO_OBJ_PIPE: type = S_IFIFO; break;
	case EXO_OBJ_SOCKET: type = S_IFSOCK; break;
	case EXO_OBJ_CHARDEV: type = S_IFCHR; break;
	case EXO_OBJ_BLOCKDEV: type = S_IFBLK; break;
	default: return EXO_ERR_INVALID;
	}
	if ((r = name_get(&n, sqe->cap, exo_sqe_root(sqe), sqe->addr, 0,
	                  EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE, 0, 0)) < 0)
		return r;
	/* The creation mask is the process's, kept by the host (cap_fs_store.c). */
	if (mknodat(n.fd, n.path, type | (mode_t)(sqe->offset & 07777),
	            makedev((unsigned)(sqe->addr2 >> 32), (unsigned)sqe->addr2)) < 0)
		return status_from_errno(errno);
	return 0;
}
