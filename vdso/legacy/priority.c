/* getpriority and setpriority: nice values of a process, a process group
 * or a user's processes (EXO_NC_PROCESS_PRIORITY, ABI 1.3). */
#include <exo/system.h>
#include "../internal/syscalls.h"

static long which_of(long which)
{
	switch ((int)which) {
	case PRIO_PROCESS: return EXO_PRIORITY_PROCESS;
	case PRIO_PGRP: return EXO_PRIORITY_GROUP;
	case PRIO_USER: return EXO_PRIORITY_USER;
	default: return -EINVAL;
	}
}

static long status_errno(long r)
{
	return r == EXO_ERR_NOT_FOUND ? -ESRCH : errno_from_status(r);
}

/* The Linux call answers 20 - nice (1 to 40), so that no answer looks
 * like an error; musl turns it back into the nice value. */
hidden long sys_getpriority(SYSCALL_ARGS)
{
	long w = which_of(a1), r;

	if (w < 0)
		return w;
	if ((exo_u32)a2 > 0x7fffffff)
		return -ESRCH;
	r = native_call(EXO_NC_PROCESS_PRIORITY, EXO_PRIORITY_GET, w, (exo_u32)a2, 0, 0, 0);
	return r < 0 ? status_errno(r) : 40 - r;
}

hidden long sys_setpriority(SYSCALL_ARGS)
{
	long w = which_of(a1);
	int nice = (int)a3;

	if (w < 0)
		return w;
	if ((exo_u32)a2 > 0x7fffffff)
		return -ESRCH;
	/* Linux clamps an out-of-range value rather than refusing it. */
	nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	return status_errno(native_call(EXO_NC_PROCESS_PRIORITY, EXO_PRIORITY_SET, w, (exo_u32)a2,
	                                nice, 0, 0));
}
