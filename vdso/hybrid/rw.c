/* read, write and their positioned and vectored forms: one ring entry
 * each. A vectored call stays one entry however many buffers it names:
 * struct iovec and struct exo_iovec have the same layout (pinned in
 * abi/exo/objects.h), so the array goes to the kernel as it is. */
#include "../internal/syscalls.h"

static long io(long fd, unsigned op, long addr, long len, long offset, unsigned flags)
{
	struct exo_fd_entry *e = fd_lookup_inline(fd);
	long r;

	if (!e)
		return -EBADF;
	if (op == EXO_OP_READV || op == EXO_OP_WRITEV) {
		if ((unsigned long)len > IOV_MAX)
			return -EINVAL;
	} else if (len < 0) {
		len = 0x7ffff000;  /* Linux caps a transfer at this many bytes */
	} else if (len > 0x7ffff000) {
		len = 0x7ffff000;
	}
	if (e->status_flags & EXO_FD_NONBLOCK)
		flags |= EXO_IO_NONBLOCK;
	if ((op == EXO_OP_WRITE || op == EXO_OP_WRITEV) && (e->status_flags & EXO_FD_APPEND))
		flags |= EXO_IO_APPEND;
	r = ring_run_io(op, e->cap, (exo_u64)offset, (exo_u64)addr, (exo_u32)len, flags);
	if (r >= 0)
		return r;
	if (r == EXO_ERR_WRONG_TYPE)
		return (flags & EXO_IO_AT_OFFSET) ? -ESPIPE : -EINVAL;
	if (r == EXO_ERR_IS_DIR)
		return -EISDIR;
	return errno_from_status(r);
}

hidden long sys_read(SYSCALL_ARGS)
{
	return io(a1, EXO_OP_READ, a2, a3, 0, 0);
}

hidden long sys_write(SYSCALL_ARGS)
{
	return io(a1, EXO_OP_WRITE, a2, a3, 0, 0);
}

hidden long sys_pread64(SYSCALL_ARGS)
{
	if (a4 < 0)
		return -EINVAL;
	return io(a1, EXO_OP_READ, a2, a3, a4, EXO_IO_AT_OFFSET);
}

hidden long sys_pwrite64(SYSCALL_ARGS)
{
	if (a4 < 0)
		return -EINVAL;
	return io(a1, EXO_OP_WRITE, a2, a3, a4, EXO_IO_AT_OFFSET);
}

hidden long sys_readv(SYSCALL_ARGS)
{
	return io(a1, EXO_OP_READV, a2, a3, 0, 0);
}

hidden long sys_writev(SYSCALL_ARGS)
{
	return io(a1, EXO_OP_WRITEV, a2, a3, 0, 0);
}
