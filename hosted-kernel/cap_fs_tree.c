/* Names added and removed: MKDIR_AT, UNLINK_AT, RENAME_AT, LINK_AT,
 * SYMLINK_AT, and READLINK_AT beside them. Each changes a directory, so
 * the directory a name is below needs EXO_RIGHT_CREATE as well as
 * LOOKUP (an existing name that is only read, the old name of LINK_AT or
 * the name READLINK_AT reads, needs LOOKUP). Permissions, emptiness and
 * file system boundaries are the host's, so their errors are Linux's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/status.h>
#include "fs.h"

#define CHANGE (EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE)

static long host(int r)
{
	return r < 0 ? status_from_errno(errno) : 0;
}

static long name(struct kname *n, const struct exo_ring_sqe *sqe, unsigned need)
{
	return name_get(n, sqe->cap, exo_sqe_root(sqe), sqe->addr, 0, need, 0, 0);
}

long fs_mkdir_at(const struct exo_ring_sqe *sqe)
{
	struct kname n;
	long r;

	if (sqe->op_flags || sqe->offset > 07777)
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, CHANGE)) < 0)
		return r;
	/* The creation mask is the process's, kept by the kernel
	 * (cap_fs_store.c): here the host applies it, once. */
	return host(mkdirat(n.fd, n.path, (mode_t)sqe->offset));
}

long fs_unlink_at(const struct exo_ring_sqe *sqe)
{
	struct kname n;
	long r;

	if (sqe->op_flags & ~EXO_UNLINK_DIRECTORY)
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, CHANGE)) < 0)
		return r;
	return host(unlinkat(n.fd, n.path, sqe->op_flags & EXO_UNLINK_DIRECTORY ? AT_REMOVEDIR : 0));
}

/* Two names: both copied before either directory is looked at, as
 * Linux reads both strings first. */
static long two_names(struct kname *from, struct kname *to, const struct exo_ring_sqe *sqe,
                      unsigned from_need)
{
	long r = name_copy(to->buf, sqe->addr2, 0);

	if (r < 0)
		return r;
	if ((r = name(from, sqe, from_need)) < 0)
		return r;
	return name_get(to, exo_sqe_cap2(sqe), exo_sqe_root(sqe), sqe->addr2, 0, CHANGE, 0, 0);
}

long fs_rename_at(const struct exo_ring_sqe *sqe)
{
	struct kname from, to;
	long r;

	if (sqe->op_flags & ~EXO_RENAME_NOREPLACE)
		return EXO_ERR_INVALID;
	if ((r = two_names(&from, &to, sqe, CHANGE)) < 0)
		return r;
	return host(renameat2(from.fd, from.path, to.fd, to.path,
	                      sqe->op_flags & EXO_RENAME_NOREPLACE ? RENAME_NOREPLACE : 0));
}

long fs_link_at(const struct exo_ring_sqe *sqe)
{
	struct kname from, to;
	long r;

	if (sqe->op_flags & ~EXO_LINK_FOLLOW)
		return EXO_ERR_INVALID;
	if ((r = two_names(&from, &to, sqe, EXO_RIGHT_LOOKUP)) < 0)
		return r;
	return host(linkat(from.fd, from.path, to.fd, to.path,
	                   sqe->op_flags & EXO_LINK_FOLLOW ? AT_SYMLINK_FOLLOW : 0));
}

long fs_symlink_at(const struct exo_ring_sqe *sqe)
{
	char target[EXO_PATH_MAX];
	struct kname n;
	long r;

	if (sqe->op_flags)
		return EXO_ERR_INVALID;
	/* The text first, as Linux's symlinkat reads it first. */
	if ((r = name_copy(target, sqe->addr2, 0)) < 0)
		return r;
	if (r == 0)
		return EXO_ERR_NOT_FOUND;
	if ((r = name(&n, sqe, CHANGE)) < 0)
		return r;
	return host(symlinkat(target, n.fd, n.path));
}

long fs_readlink_at(const struct exo_ring_sqe *sqe)
{
	char text[EXO_PATH_MAX];
	struct kname n;
	ssize_t len;
	long r;

	if ((sqe->op_flags & ~EXO_FS_EMPTY_NAME) || sqe->len == 0)
		return EXO_ERR_INVALID;
	/* An empty name is cap itself (ABI 1.4): a symlink opened with
	 * EXO_OPEN_PATH and NOFOLLOW; anything else is not a link. */
	if ((r = name_get(&n, sqe->cap, exo_sqe_root(sqe), sqe->addr, 0, EXO_RIGHT_LOOKUP,
	                  sqe->op_flags & EXO_FS_EMPTY_NAME, EXO_RIGHT_STAT)) < 0)
		return r;
	if ((len = readlinkat(n.fd, n.path, text, sizeof text)) < 0)
		return status_from_errno(errno);
	if ((size_t)len > sqe->len)
		len = sqe->len;   /* truncated, without a NUL, as readlink(2) does */
	if ((r = copy_to_guest(sqe->addr2, text, (size_t)len)) < 0)
		return r;
	return len;
}
