/* Attributes of an object, by name or (EXO_FS_EMPTY_NAME with an empty
 * name) by capability: CHMOD_AT, CHOWN_AT, UTIMES_AT, TRUNCATE_AT,
 * STATFS_AT. Who may change what is the object's owner and permission
 * bits, checked by the host as Linux checks them; the capability adds
 * its own rule only where an open object's mode matters (a truncate
 * through a capability needs WRITE, as ftruncate needs a descriptor open
 * for writing). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <exo/status.h>
#include "fs.h"

static long host(int r)
{
	return r < 0 ? status_from_errno(errno) : 0;
}

static long name(struct kname *n, const struct exo_ring_sqe *sqe, unsigned self_need)
{
	return name_get(n, sqe->cap, exo_sqe_root(sqe), sqe->addr, 0, EXO_RIGHT_LOOKUP,
	                sqe->op_flags & EXO_FS_EMPTY_NAME, self_need);
}

static int at_flags(unsigned f, const struct kname *n)
{
	return (f & EXO_FS_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) | (n->self ? AT_EMPTY_PATH : 0);
}

long fs_chmod_at(const struct exo_ring_sqe *sqe)
{
	struct kname n;
	long r;

	if ((sqe->op_flags & ~EXO_FS_EMPTY_NAME) || sqe->offset > 07777)
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, 0)) < 0)
		return r;
	if (n.self)
		return host(fchmod(n.fd, (mode_t)sqe->offset));
	return host(fchmodat(n.fd, n.path, (mode_t)sqe->offset, 0));
}

long fs_chown_at(const struct exo_ring_sqe *sqe)
{
	exo_u32 uid = (exo_u32)sqe->offset, gid = (exo_u32)(sqe->offset >> 32);
	struct kname n;
	long r;

	if (sqe->op_flags & ~(EXO_FS_NOFOLLOW | EXO_FS_EMPTY_NAME))
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, 0)) < 0)
		return r;
	return host(fchownat(n.fd, n.path, uid == EXO_ID_KEEP ? (uid_t)-1 : uid,
	                     gid == EXO_ID_KEEP ? (gid_t)-1 : gid, at_flags(sqe->op_flags, &n)));
}

static int host_nsec(exo_u32 nsec, long *ns)
{
	if (nsec == EXO_TIME_NOW)
		*ns = UTIME_NOW;
	else if (nsec == EXO_TIME_KEEP)
		*ns = UTIME_OMIT;
	else if (nsec < 1000000000u)
		*ns = nsec;
	else
		return -1;
	return 0;
}

long fs_utimes_at(const struct exo_ring_sqe *sqe)
{
	struct exo_timespec t[2];
	struct timespec ht[2];
	struct kname n;
	long r;

	if (sqe->op_flags & ~(EXO_FS_NOFOLLOW | EXO_FS_EMPTY_NAME))
		return EXO_ERR_INVALID;
	if (sqe->addr2) {
		if ((r = copy_from_guest(t, sqe->addr2, sizeof t)) < 0)
			return r;
		for (int i = 0; i < 2; i++) {
			ht[i].tv_sec = t[i].sec;
			if (host_nsec(t[i].nsec, &ht[i].tv_nsec) < 0)
				return EXO_ERR_INVALID;
		}
	}
	if ((r = name(&n, sqe, 0)) < 0)
		return r;
	if (n.self)
		return host(futimens(n.fd, sqe->addr2 ? ht : NULL));
	return host(utimensat(n.fd, n.path, sqe->addr2 ? ht : NULL, at_flags(sqe->op_flags, &n)));
}

long fs_truncate_at(const struct exo_ring_sqe *sqe)
{
	struct kname n;
	long r;
	int fd;

	if ((sqe->op_flags & ~EXO_FS_EMPTY_NAME) || (exo_s64)sqe->offset < 0)
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, EXO_RIGHT_WRITE)) < 0)
		return r;
	if (n.self)
		return host(ftruncate(n.fd, (off_t)sqe->offset));
	/* The host has no truncateat: open the name for writing, as
	 * truncate(2) needs write permission; NONBLOCK so a FIFO does not
	 * wait for a reader (it is then refused as Linux refuses it). */
	fd = openat(n.fd, n.path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return status_from_errno(errno);
	/* A running program is not truncated (images.c). */
	struct stat st;
	if (fstat(fd, &st) == 0 && image_busy(&st))
		r = EXO_ERR_TEXT_BUSY;
	else
		r = host(ftruncate(fd, (off_t)sqe->offset));
	close(fd);
	return r;
}

static unsigned statfs_flags(unsigned long f)
{
	return (f & ST_RDONLY ? EXO_STATFS_READ_ONLY : 0) | (f & ST_NOSUID ? EXO_STATFS_NO_SUID : 0) |
	       (f & ST_NODEV ? EXO_STATFS_NO_DEV : 0) | (f & ST_NOEXEC ? EXO_STATFS_NO_EXEC : 0) |
	       (f & ST_SYNCHRONOUS ? EXO_STATFS_SYNC : 0) | (f & ST_NOATIME ? EXO_STATFS_NO_ATIME : 0) |
	       (f & ST_RELATIME ? EXO_STATFS_RELATIME : 0);
}

long fs_statfs_at(const struct exo_ring_sqe *sqe)
{
	struct exo_statfs s = {0};
	struct statfs h;
	struct kname n;
	long r;
	int fd;

	if (sqe->op_flags & ~EXO_FS_EMPTY_NAME)
		return EXO_ERR_INVALID;
	if ((r = name(&n, sqe, 0)) < 0)
		return r;
	/* The host has no statfsat either: a path-only descriptor reads
	 * nothing and opens anything, FIFOs included. */
	fd = n.self ? n.fd : openat(n.fd, n.path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return status_from_errno(errno);
	r = host(fstatfs(fd, &h));
	if (!n.self)
		close(fd);
	if (r < 0)
		return r;
	s.kind = (exo_u64)h.f_type;
	s.block_size = (exo_u64)h.f_frsize;
	s.io_size = (exo_u64)h.f_bsize;
	s.blocks = h.f_blocks;
	s.blocks_free = h.f_bfree;
	s.blocks_available = h.f_bavail;
	s.files = h.f_files;
	s.files_free = h.f_ffree;
	s.id = (exo_u64)(unsigned)h.f_fsid.__val[0] | (exo_u64)(unsigned)h.f_fsid.__val[1] << 32;
	s.name_max = (exo_u32)h.f_namelen;
	s.flags = statfs_flags((unsigned long)h.f_flags);
	return copy_to_guest(sqe->addr2, &s, sizeof s);
}
