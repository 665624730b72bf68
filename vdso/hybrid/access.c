/* access, faccessat, faccessat2: one EXO_OP_ACCESS_AT below the directory
 * the name starts from. The permission check is the kernel's, against
 * the object's own permission bits. */
#include "../internal/syscalls.h"

static long access_at(long dirfd, const char *path, long mode, long flags)
{
	struct path_ref ref;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_ACCESS_AT };
	unsigned f = 0;
	long r;

	if (mode & ~(long)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(long)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = path_name(path, &ref)) == -ENOENT && (flags & AT_EMPTY_PATH))
		return untranslated(SYS_faccessat2, AT_EMPTY_PATH);
	if (r < 0 || (r = path_dir(dirfd, &ref)) < 0)
		return r;
	if (mode & R_OK) f |= EXO_ACCESS_READ;
	if (mode & W_OK) f |= EXO_ACCESS_WRITE;
	if (mode & X_OK) f |= EXO_ACCESS_EXECUTE;
	if (flags & AT_EACCESS) f |= EXO_ACCESS_EFFECTIVE;
	if (flags & AT_SYMLINK_NOFOLLOW) f |= EXO_ACCESS_NOFOLLOW;
	sqe.cap = ref.dir;
	sqe.addr = (exo_u64)ref.name;
	sqe.len = ref.len;
	sqe.op_flags = f;
	r = ring_run(&sqe);
	if (r == EXO_ERR_RIGHTS)
		return -EACCES;
	return errno_from_status(r);
}

hidden long sys_access(SYSCALL_ARGS)
{
	return access_at(AT_FDCWD, (const char *)a1, a2, 0);
}

hidden long sys_faccessat(SYSCALL_ARGS)
{
	return access_at(a1, (const char *)a2, a3, 0);
}

hidden long sys_faccessat2(SYSCALL_ARGS)
{
	return access_at(a1, (const char *)a2, a3, a4);
}
