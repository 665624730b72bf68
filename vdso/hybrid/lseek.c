#include "../internal/syscalls.h"

hidden long sys_lseek(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup_inline(a1);
	unsigned whence;
	long r;

	if (!e || (e->status_flags & EXO_FD_PATH))
		return -EBADF;   /* an O_PATH descriptor has no position */
	switch (a3) {
	case SEEK_SET: whence = EXO_SEEK_SET; break;
	case SEEK_CUR: whence = EXO_SEEK_CUR; break;
	case SEEK_END: whence = EXO_SEEK_END; break;
	case 3: whence = EXO_SEEK_DATA; break;   /* SEEK_DATA */
	case 4: whence = EXO_SEEK_HOLE; break;   /* SEEK_HOLE */
	default:
		return -EINVAL;
	}
	r = ring_run_io(EXO_OP_SEEK, e->cap, (exo_u64)a2, 0, 0, whence);
	if (r >= 0)
		return r;
	if (r == EXO_ERR_WRONG_TYPE)
		return -ESPIPE;
	if (r == EXO_ERR_NOT_FOUND && a3 >= 3)
		return -ENXIO;   /* no data or hole at or after the offset */
	return errno_from_status(r);
}
