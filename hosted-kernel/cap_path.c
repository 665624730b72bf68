/* Names below a directory capability: OPEN_AT, STAT_AT and ACCESS_AT.
 *
 * The path comes from guest memory as (address, length). It is copied
 * into the kernel before anything looks at it, so a bad address is
 * EXO_ERR_FAULT and a guest changing the bytes meanwhile changes nothing.
 * Resolution is the host's openat/fstatat below the host directory that
 * backs the capability: POSIX name resolution, ".." and symlinks included.
 * Confining a directory capability to its subtree (RESOLVE_BENEATH) is a
 * policy a later capability may ask for; the root and the current
 * directory of a POSIX process do not want it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel.h"

/* The directory capability, refused as Linux refuses a dirfd: a handle
 * that names nothing is EXO_ERR_BAD_CAP, one that names no directory is
 * EXO_ERR_NOT_DIR, one without the rights is EXO_ERR_RIGHTS. */
static struct kcap *directory(exo_cap_t handle, unsigned need, long *status)
{
	struct kcap *c = cap_get(handle, 0, status);

	if (!c)
		return NULL;
	if (c->object != EXO_OBJ_DIRECTORY) {
		*status = EXO_ERR_NOT_DIR;
		return NULL;
	}
	if ((c->rights & need) != need) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return c;
}

/* path has room for EXO_PATH_MAX bytes. */
static long copy_path(char *path, exo_u64 addr, exo_u32 len)
{
	long r;

	if (len >= EXO_PATH_MAX)
		return EXO_ERR_NAME_TOO_LONG;
	if (len == 0)
		return EXO_ERR_NOT_FOUND;  /* an empty name names nothing */
	if ((r = copy_from_guest(path, addr, len)) < 0)
		return r;
	if (memchr(path, 0, len))
		return EXO_ERR_INVALID;    /* the length says where it ends */
	path[len] = 0;
	return 0;
}

static int host_open_flags(unsigned f)
{
	/* The kernel keeps its host descriptors to itself (CLOEXEC) and
	 * Exo-OS has no controlling terminal to acquire (NOCTTY). */
	int h = O_CLOEXEC | O_NOCTTY;

	if ((f & EXO_OPEN_READ) && (f & EXO_OPEN_WRITE))
		h |= O_RDWR;
	else if (f & EXO_OPEN_WRITE)
		h |= O_WRONLY;
	else
		h |= O_RDONLY;
	if (f & EXO_OPEN_CREATE) h |= O_CREAT;
	if (f & EXO_OPEN_EXCLUSIVE) h |= O_EXCL;
	if (f & EXO_OPEN_TRUNCATE) h |= O_TRUNC;
	if (f & EXO_OPEN_APPEND) h |= O_APPEND;
	if (f & EXO_OPEN_DIRECTORY) h |= O_DIRECTORY;
	if (f & EXO_OPEN_NOFOLLOW) h |= O_NOFOLLOW;
	if (f & EXO_OPEN_NONBLOCK) h |= O_NONBLOCK;
	if (f & EXO_OPEN_SYNC) h |= O_SYNC;
	if (f & EXO_OPEN_DATA_SYNC) h |= O_DSYNC;
	return h;
}

long path_open_at(const struct exo_ring_sqe *sqe)
{
	const unsigned known = (EXO_OPEN_DATA_SYNC << 1) - 1;
	unsigned f = sqe->op_flags, object, rights, status_flags;
	unsigned need = EXO_RIGHT_LOOKUP | (f & EXO_OPEN_CREATE ? EXO_RIGHT_CREATE : 0);
	char path[EXO_PATH_MAX];
	struct kcap *dir;
	long status, handle;
	int fd;

	if ((f & ~known) || sqe->offset > 07777)
		return EXO_ERR_INVALID;
	if (!(dir = directory(sqe->cap, need, &status)))
		return status;
	if ((status = copy_path(path, sqe->addr, sqe->len)) < 0)
		return status;
	fd = openat(dir->host_fd, path, host_open_flags(f), (mode_t)sqe->offset);
	if (fd < 0)
		return status_from_errno(errno);
	cap_describe_host_fd(fd, &object, &rights, &status_flags);
	/* A directory opened below another names nothing its parent could
	 * not: it looks up and creates only if the parent could. */
	rights &= ~((EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE) & ~dir->rights);
	handle = cap_install(fd, object, rights);
	if (handle < 0) {
		close(fd);
		return handle;
	}
	return handle | ((long)object << 32);
}

long path_stat_at(const struct exo_ring_sqe *sqe)
{
	char path[EXO_PATH_MAX];
	struct kcap *dir;
	struct stat st;
	struct exo_stat s;
	long status;

	if (sqe->op_flags & ~EXO_STAT_NOFOLLOW)
		return EXO_ERR_INVALID;
	if (!(dir = directory(sqe->cap, EXO_RIGHT_LOOKUP, &status)))
		return status;
	if ((status = copy_path(path, sqe->addr, sqe->len)) < 0)
		return status;
	if (fstatat(dir->host_fd, path, &st,
	            sqe->op_flags & EXO_STAT_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) < 0)
		return status_from_errno(errno);
	exo_stat_fill(&s, &st, cap_object_of(&st));
	return copy_to_guest(sqe->addr2, &s, sizeof s);
}

long path_access_at(const struct exo_ring_sqe *sqe)
{
	const unsigned known = (EXO_ACCESS_NOFOLLOW << 1) - 1;
	unsigned f = sqe->op_flags;
	int mode = 0, flags = 0;
	char path[EXO_PATH_MAX];
	struct kcap *dir;
	long status;

	if (f & ~known)
		return EXO_ERR_INVALID;
	if (!(dir = directory(sqe->cap, EXO_RIGHT_LOOKUP, &status)))
		return status;
	if ((status = copy_path(path, sqe->addr, sqe->len)) < 0)
		return status;
	if (f & EXO_ACCESS_READ) mode |= R_OK;
	if (f & EXO_ACCESS_WRITE) mode |= W_OK;
	if (f & EXO_ACCESS_EXECUTE) mode |= X_OK;
	if (f & EXO_ACCESS_EFFECTIVE) flags |= AT_EACCESS;
	if (f & EXO_ACCESS_NOFOLLOW) flags |= AT_SYMLINK_NOFOLLOW;
	return faccessat(dir->host_fd, path, mode, flags) < 0 ? status_from_errno(errno) : 0;
}
