/* umask: EXO_OP_UMASK. The mask lives in the kernel, which applies it
 * once to everything it creates and carries it across exec and into a
 * spawned child; keeping a copy here would mean masking twice or
 * keeping two in step. */
#include "../internal/syscalls.h"

hidden long sys_umask(SYSCALL_ARGS)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_UMASK };

	sqe.offset = (exo_u64)(a1 & 0777);
	return errno_from_status(ring_run(&sqe));
}
