/* Names below a directory capability: OPEN_AT, STAT_AT and ACCESS_AT.
 *
 * The name comes from guest memory, NUL-terminated (len 0) or as
 * (address, length) (ABI 1.1), and is copied into the kernel before
 * anything looks at it (cap_fs_name.c), so a bad address is EXO_ERR_FAULT
 * and a guest changing the bytes meanwhile changes nothing.
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
#include <sys/syscall.h>
#include <exo/status.h>
#include "fs.h"

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
	/* Search only: a capability that names and looks up, reads nothing. */
	if (f & EXO_OPEN_SEARCH)
		h = O_PATH | O_DIRECTORY | O_CLOEXEC | (f & EXO_OPEN_NOFOLLOW ? O_NOFOLLOW : 0);
	/* Names the object only; opens nothing (no permission on the object
	 * itself is checked, a symlink with NOFOLLOW is the link). */
	if (f & EXO_OPEN_PATH)
		return O_PATH | O_CLOEXEC | (f & EXO_OPEN_NOFOLLOW ? O_NOFOLLOW : 0) |
		       (f & EXO_OPEN_DIRECTORY ? O_DIRECTORY : 0);
	if (f & EXO_OPEN_SYNC) h |= O_SYNC;
	if (f & EXO_OPEN_DATA_SYNC) h |= O_DSYNC;
	return h;
}

long path_open_at(const struct exo_ring_sqe *sqe)
{
	const unsigned known = (EXO_OPEN_PATH << 1) - 1;
	const unsigned search_only = EXO_OPEN_SEARCH | EXO_OPEN_DIRECTORY;
	const unsigned path_only = EXO_OPEN_PATH | EXO_OPEN_DIRECTORY | EXO_OPEN_NOFOLLOW;
	unsigned f = sqe->op_flags, object, rights, status_flags;
	int host_flags;
	unsigned need = EXO_RIGHT_LOOKUP | (f & EXO_OPEN_CREATE ? EXO_RIGHT_CREATE : 0);
	struct kname n;
	long status, handle;
	int fd;

	if ((f & ~known) || sqe->offset > 07777)
		return EXO_ERR_INVALID;
	if ((f & EXO_OPEN_SEARCH) && (f & ~EXO_OPEN_NOFOLLOW) != search_only)
		return EXO_ERR_INVALID;
	if ((f & EXO_OPEN_PATH) && (f & ~path_only))
		return EXO_ERR_INVALID;
	if ((status = name_get(&n, sqe->cap, exo_sqe_root(sqe), sqe->addr, sqe->len, need, 0, 0)) < 0)
		return status;
	host_flags = host_open_flags(f);
	/* Writing a running program is refused (images.c): the host would
	 * truncate before the object is known, so TRUNCATE waits for it. */
	int writes = (host_flags & O_ACCMODE) != O_RDONLY && !(host_flags & O_PATH);
	int truncate = writes && (host_flags & O_TRUNC);
	fd = openat(n.fd, n.path, host_flags & ~(truncate ? O_TRUNC : 0), (mode_t)sqe->offset);
	if (fd < 0)
		return status_from_errno(errno);
	/* The type is not asked of the host (ABI 1.7): a directory when
	 * O_DIRECTORY succeeded (with O_CREAT, older Linux could create a
	 * regular file instead), a regular file when the check of a writing
	 * open's fstat says so, else EXO_OBJ_UNKNOWN, which the first
	 * operation that needs it learns (caps.c cap_get). */
	object = (host_flags & (O_DIRECTORY | O_CREAT)) == O_DIRECTORY ? EXO_OBJ_DIRECTORY
	                                                                : EXO_OBJ_UNKNOWN;
	if (writes) {
		struct stat st;
		status = 0;
		if (syscall(SYS_fstat, fd, &st) == 0 && S_ISREG(st.st_mode)) {
			object = EXO_OBJ_FILE;
			if (image_busy(&st))
				status = EXO_ERR_TEXT_BUSY;
			else if (truncate && ftruncate(fd, 0) < 0)
				status = status_from_errno(errno);
		}
		if (status < 0) {
			close(fd);
			return status;
		}
	}
	/* The access mode, APPEND and NONBLOCK are the ones just asked for
	 * (F_GETFL would only repeat them: one host call fewer per open);
	 * O_PATH has no access mode of its own, F_GETFL says O_RDONLY too. */
	cap_describe_open(host_flags & (O_ACCMODE | O_APPEND | O_NONBLOCK), object, &rights,
	                  &status_flags);
	if (f & EXO_OPEN_SEARCH) {
		/* Only what a current directory needs, and only if the
		 * directory may be searched (chdir's X permission). */
		rights &= EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE | EXO_RIGHT_STAT |
		          EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER;
		if (faccessat(fd, "", X_OK, AT_EMPTY_PATH) < 0) {
			status = status_from_errno(errno);
			close(fd);
			return status;
		}
	}
	if (f & EXO_OPEN_PATH)
		rights &= EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE | EXO_RIGHT_STAT |
		          EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER;
	/* A directory opened below another names nothing its parent could
	 * not: it looks up and creates only if the parent could. */
	rights &= ~((EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE) & ~n.cap->rights);
	handle = cap_install(fd, object, rights);
	if (handle < 0) {
		close(fd);
		return handle;
	}
	return handle | ((long)object << 32);
}

long path_stat_at(const struct exo_ring_sqe *sqe)
{
	unsigned f = sqe->op_flags;
	struct kname n;
	struct stat st;
	struct exo_stat s;
	long status;

	if (f & ~(EXO_STAT_NOFOLLOW | EXO_STAT_EMPTY_NAME))
		return EXO_ERR_INVALID;
	if ((status = name_get(&n, sqe->cap, exo_sqe_root(sqe), sqe->addr, sqe->len,
	                       EXO_RIGHT_LOOKUP, f & EXO_STAT_EMPTY_NAME, EXO_RIGHT_STAT)) < 0)
		return status;
	if (fstatat(n.fd, n.path, &st, (f & EXO_STAT_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0) |
	                               (n.self ? AT_EMPTY_PATH : 0)) < 0)
		return status_from_errno(errno);
	exo_stat_fill(&s, &st, cap_object_of(&st));
	return copy_to_guest(sqe->addr2, &s, sizeof s);
}

long path_access_at(const struct exo_ring_sqe *sqe)
{
	const unsigned known = (EXO_ACCESS_EMPTY_NAME << 1) - 1;
	unsigned f = sqe->op_flags;
	int mode = 0, flags = 0;
	struct kname n;
	long status;

	if (f & ~known)
		return EXO_ERR_INVALID;
	if ((status = name_get(&n, sqe->cap, exo_sqe_root(sqe), sqe->addr, sqe->len,
	                       EXO_RIGHT_LOOKUP, f & EXO_ACCESS_EMPTY_NAME, 0)) < 0)
		return status;
	if (f & EXO_ACCESS_READ) mode |= R_OK;
	if (f & EXO_ACCESS_WRITE) mode |= W_OK;
	if (f & EXO_ACCESS_EXECUTE) mode |= X_OK;
	if (f & EXO_ACCESS_EFFECTIVE) flags |= AT_EACCESS;
	if (f & EXO_ACCESS_NOFOLLOW) flags |= AT_SYMLINK_NOFOLLOW;
	if (n.self) flags |= AT_EMPTY_PATH;
	return faccessat(n.fd, n.path, mode, flags) < 0 ? status_from_errno(errno) : 0;
}
