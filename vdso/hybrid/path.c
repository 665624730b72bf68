/* Names: which directory capabilities a path may start from. The root
 * and the current directory are capabilities in the process page, not
 * strings. The vDSO never reads the name: it passes the pointer, the
 * capability of dirfd (or of the current directory) and the root's, and
 * the kernel copies the string and picks the root for an absolute name
 * and the other for a relative one (abi/exo/ring_fs.h). So a bad pointer
 * is EFAULT as on Linux, and a bad dirfd matters only to a relative
 * name, as on Linux. */
#include "../internal/vdso.h"

static exo_cap_t dir_cap(long dirfd)
{
	struct exo_fd_entry *e;

	if ((int)dirfd == AT_FDCWD)
		return exo_vdso_process.cwd_cap;
	if ((e = fd_lookup((int)dirfd)))
		return e->cap;
	return EXO_CAP_NO_DIR;   /* EBADF, if the name turns out relative */
}

hidden void path_sqe(struct exo_ring_sqe *sqe, long dirfd, const char *path)
{
	sqe->cap = dir_cap(dirfd);
	sqe->addr = (exo_u64)path;
	sqe->len = 0;
	exo_sqe_set_root(sqe, exo_vdso_process.root_cap);
}

hidden void path_pair_sqe(struct exo_ring_sqe *sqe, long olddir, const char *old,
                          long newdir, const char *new)
{
	struct exo_ring_sqe second;

	path_sqe(sqe, olddir, old);
	path_sqe(&second, newdir, new);
	sqe->addr2 = second.addr;
	exo_sqe_set_cap2(sqe, second.cap);
}

hidden long path_errno(long status)
{
	if (status == EXO_ERR_RIGHTS)
		return -EACCES;
	return errno_from_status(status);
}
