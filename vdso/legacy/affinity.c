/* sched_getaffinity and sched_setaffinity: which processors a thread may
 * run on (EXO_NC_CPU_AFFINITY, ABI 1.3). musl's sysconf counts the online
 * processors with sched_getaffinity, so xz's thread count and
 * nproc-style tools depend on it. The kernel copies the mask and refuses a
 * bad address, so the user's pointer goes straight through. */
#include <exo/system.h>
#include "../internal/syscalls.h"

static long affinity(unsigned op, long tid, long size, long mask)
{
	long r;

	if (tid < 0 || tid > 0x7fffffff)
		return -ESRCH;
	if (size < 0)
		return -EINVAL;
	r = native_call(EXO_NC_CPU_AFFINITY, op, tid, size, mask, 0, 0);
	return r == EXO_ERR_NOT_FOUND ? -ESRCH : errno_from_status(r);
}

/* Returns the bytes written, as the Linux call does (musl clears the rest). */
hidden long sys_sched_getaffinity(SYSCALL_ARGS)
{
	return affinity(EXO_AFFINITY_GET, a1, a2, a3);
}

hidden long sys_sched_setaffinity(SYSCALL_ARGS)
{
	return affinity(EXO_AFFINITY_SET, a1, a2, a3);
}
