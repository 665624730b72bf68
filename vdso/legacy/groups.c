/* getgroups and setgroups: the supplementary groups, kept by the kernel
 * with the other identities (EXO_NC_PROCESS_IDS, ABI 1.3 ops). The
 * kernel copies the list and refuses a bad address. */
#include <exo/system.h>
#include "../internal/syscalls.h"

hidden long sys_getgroups(SYSCALL_ARGS)
{
	if ((int)a1 < 0)
		return -EINVAL;
	return errno_from_status(native3(EXO_NC_PROCESS_IDS, EXO_IDS_GET_GROUPS, (exo_u32)a1, a2));
}

hidden long sys_setgroups(SYSCALL_ARGS)
{
	long r;

	if ((unsigned long)a1 > NGROUPS_MAX)
		return -EINVAL;
	r = native3(EXO_NC_PROCESS_IDS, EXO_IDS_SET_GROUPS, a1, a2);
	return r == EXO_ERR_ACCESS ? -EPERM : errno_from_status(r);
}
