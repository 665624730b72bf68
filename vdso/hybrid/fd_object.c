/* The type of a descriptor's object where a call must decide by it.
 *
 * A descriptor opened by name without O_DIRECTORY holds EXO_OBJ_UNKNOWN
 * (ABI 1.7, abi/exo/cap.h): the kernel no longer asks the host for a
 * type an open + close never needs. Most calls leave the type to the
 * kernel, which learns it when an operation depends on it; the few that
 * decide here (fchdir, fadvise) ask with a stat, whose object is never
 * unknown. The answer is not kept in the table: "unknown" also says
 * "opened by name", which F_GETFL's O_LARGEFILE needs (a FIFO opened by
 * name has it, a pipe() end has not, hybrid/fcntl.c), and these calls
 * are rare enough to ask again. */
#include "../internal/syscalls.h"

/* EXO_OBJ_* (never EXO_OBJ_UNKNOWN), or a negative errno. */
hidden long fd_object(const struct exo_fd_entry *e)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STAT };
	struct exo_stat s;
	long r;

	if (e->object != EXO_OBJ_UNKNOWN)
		return e->object;
	sqe.cap = e->cap;
	sqe.addr = (exo_u64)&s;
	r = ring_run(&sqe);
	return r < 0 ? errno_from_status(r) : (long)s.object;
}
