/* open, openat, creat: one EXO_OP_OPEN_AT below the directory capability
 * the name starts from. Linux O_* bits become Exo-OS's EXO_OPEN_* ones;
 * the kernel gives the new capability the rights the access mode asks
 * for and no more, so a write through a read-only descriptor is refused
 * by the kernel. O_CLOEXEC is the descriptor's own flag and stays here. */
#include "../internal/syscalls.h"

/* The flags Linux's open does not simply take or ignore, and that are not
 * translated yet: each is reported. */
#define UNTRANSLATED_FLAGS (__O_TMPFILE | O_DIRECT | O_NOATIME | FASYNC)

static unsigned native_flags(long flags)
{
	unsigned f = 0;

	switch (flags & O_ACCMODE) {
	case O_RDONLY: f = EXO_OPEN_READ; break;
	case O_WRONLY: f = EXO_OPEN_WRITE; break;
	case O_RDWR: f = EXO_OPEN_READ | EXO_OPEN_WRITE; break;
	}
	if (flags & O_CREAT) f |= EXO_OPEN_CREATE;
	if (flags & O_EXCL) f |= EXO_OPEN_EXCLUSIVE;
	if (flags & O_TRUNC) f |= EXO_OPEN_TRUNCATE;
	if (flags & O_APPEND) f |= EXO_OPEN_APPEND;
	if (flags & O_DIRECTORY) f |= EXO_OPEN_DIRECTORY;
	if (flags & O_NOFOLLOW) f |= EXO_OPEN_NOFOLLOW;
	if (flags & O_NONBLOCK) f |= EXO_OPEN_NONBLOCK;
	if ((flags & O_SYNC) == O_SYNC) f |= EXO_OPEN_SYNC;
	else if (flags & O_DSYNC) f |= EXO_OPEN_DATA_SYNC;
	/* O_NOCTTY: Exo-OS has no controlling terminal to acquire.
	 * O_LARGEFILE: every file is large on x86-64. */
	return f;
}

/* O_PATH: Linux ignores every other flag but O_DIRECTORY, O_NOFOLLOW and
 * O_CLOEXEC (build_open_flags), the access mode included. */
static unsigned native_path_flags(long flags)
{
	return EXO_OPEN_PATH | (flags & O_DIRECTORY ? EXO_OPEN_DIRECTORY : 0) |
	       (flags & O_NOFOLLOW ? EXO_OPEN_NOFOLLOW : 0);
}

static unsigned status_of(unsigned f)
{
	if (f & EXO_OPEN_PATH)
		return EXO_FD_PATH;
	return (f & EXO_OPEN_READ ? EXO_FD_READ : 0) |
	       (f & EXO_OPEN_WRITE ? EXO_FD_WRITE : 0) |
	       (f & EXO_OPEN_APPEND ? EXO_FD_APPEND : 0) |
	       (f & EXO_OPEN_NONBLOCK ? EXO_FD_NONBLOCK : 0);
}

static long open_at(long dirfd, const char *path, long flags, long mode, long nr)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_OPEN_AT };
	unsigned f;
	long fd, r;

	/* O_ACCMODE 3 (ioctl-only access) is Linux's own. */
	if (flags & O_PATH)
		f = native_path_flags(flags);
	else if ((flags & UNTRANSLATED_FLAGS) || (flags & O_ACCMODE) == O_ACCMODE)
		return untranslated(nr, flags);
	else
		f = native_flags(flags);
	if ((fd = fd_alloc(0)) < 0)
		return fd;
	path_sqe(&sqe, dirfd, path);
	sqe.op_flags = f;
	sqe.offset = (flags & O_CREAT) && !(flags & O_PATH) ? (exo_u64)(mode & 07777) : 0;
	if ((r = ring_run(&sqe)) < 0)
		return path_errno(r);  /* RIGHTS: the directory may not look up or create */
	return fd_install(fd, (exo_cap_t)r, (unsigned)(r >> 32), (flags & O_CLOEXEC) ? EXO_FD_CLOEXEC : 0,
	                  status_of(f));
}

hidden long sys_open(SYSCALL_ARGS)
{
	return open_at(AT_FDCWD, (const char *)a1, a2, a3, SYS_open);
}

hidden long sys_openat(SYSCALL_ARGS)
{
	return open_at(a1, (const char *)a2, a3, a4, SYS_openat);
}

hidden long sys_creat(SYSCALL_ARGS)
{
	return open_at(AT_FDCWD, (const char *)a1, O_CREAT | O_WRONLY | O_TRUNC, a2, SYS_creat);
}
