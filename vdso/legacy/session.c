/* Process groups and sessions. */
#include "../internal/syscalls.h"

static long group_errno(long r)
{
	return r == EXO_ERR_NOT_FOUND ? -ESRCH : errno_from_status(r);
}

hidden long sys_getpgid(SYSCALL_ARGS)
{
	return group_errno(native2(EXO_NC_PROCESS_GROUP, EXO_GROUP_GET_PGID, (int)a1));
}

hidden long sys_getpgrp(SYSCALL_ARGS)
{
	return group_errno(native2(EXO_NC_PROCESS_GROUP, EXO_GROUP_GET_PGID, 0));
}

hidden long sys_setpgid(SYSCALL_ARGS)
{
	if ((int)a2 < 0)
		return -EINVAL;
	return group_errno(native3(EXO_NC_PROCESS_GROUP, EXO_GROUP_SET_PGID, (int)a1, (int)a2));
}

hidden long sys_getsid(SYSCALL_ARGS)
{
	return group_errno(native2(EXO_NC_PROCESS_GROUP, EXO_GROUP_GET_SID, (int)a1));
}

hidden long sys_setsid(SYSCALL_ARGS)
{
	return group_errno(native1(EXO_NC_PROCESS_GROUP, EXO_GROUP_NEW_SESSION));
}
