#include "../internal/syscalls.h"

hidden long sys_lseek(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_SEEK };
	long r;

	if (!e || (e->status_flags & EXO_FD_PATH))
		return -EBADF;   /* an O_PATH descriptor has no position */
	switch (a3) {
	case SEEK_SET: sqe.op_flags = EXO_SEEK_SET; break;
	case SEEK_CUR: sqe.op_flags = EXO_SEEK_CUR; break;
	case SEEK_END: sqe.op_flags = EXO_SEEK_END; break;
	case 3: sqe.op_flags = EXO_SEEK_DATA; break;   /* SEEK_DATA */
	case 4: sqe.op_flags = EXO_SEEK_HOLE; break;   /* SEEK_HOLE */
	default:
		return -EINVAL;
	}
	sqe.cap = e->cap;
	sqe.offset = (exo_u64)a2;
	r = ring_run(&sqe);
	if (r == EXO_ERR_WRONG_TYPE)
		return -ESPIPE;
	if (r == EXO_ERR_NOT_FOUND && a3 >= 3)
		return -ENXIO;   /* no data or hole at or after the offset */
	return errno_from_status(r);
}
