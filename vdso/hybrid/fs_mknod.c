/* mknod, mknodat: one EXO_OP_MKNOD_AT (ABI 1.3). FIFOs are what programs
 * make most (mkfifo, shells' process substitution); devices and sockets
 * go the same way and the kernel decides who may make a device. */
#include "../internal/syscalls.h"

#ifndef S_IFMT
#define S_IFMT 0170000
#endif

static long mknod_at(long dirfd, const char *path, long mode, long dev)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_MKNOD_AT };
	unsigned object;
	/* The call takes a 32-bit dev_t in Linux's "new" encoding. */
	unsigned d = (unsigned)dev, major = (d & 0xfff00) >> 8, minor = (d & 0xff) | ((d >> 12) & 0xfff00);

	switch (mode & S_IFMT) {
	case 0: case S_IFREG: object = EXO_OBJ_FILE; break;
	case S_IFIFO: object = EXO_OBJ_PIPE; break;
	case S_IFSOCK: object = EXO_OBJ_SOCKET; break;
	case S_IFCHR: object = EXO_OBJ_CHARDEV; break;
	case S_IFBLK: object = EXO_OBJ_BLOCKDEV; break;
	case S_IFDIR: return -EPERM;   /* Linux: directories come from mkdir */
	default: return -EINVAL;
	}
	path_sqe(&sqe, dirfd, path);
	sqe.offset = (exo_u64)(mode & 07777) | (exo_u64)object << 16;
	if (object == EXO_OBJ_CHARDEV || object == EXO_OBJ_BLOCKDEV)
		sqe.addr2 = (exo_u64)major << 32 | minor;
	return path_errno(ring_run(&sqe));
}

hidden long sys_mknod(SYSCALL_ARGS)
{
	return mknod_at(AT_FDCWD, (const char *)a1, a2, a3);
}

hidden long sys_mknodat(SYSCALL_ARGS)
{
	return mknod_at(a1, (const char *)a2, a3, a4);
}
