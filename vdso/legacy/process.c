/* Leaving, and the thread pointer. */
#include "../internal/syscalls.h"

hidden long sys_exit_group(SYSCALL_ARGS)
{
	native1(EXO_NC_PROCESS_EXIT, a1 & 0xff);
	__builtin_unreachable();
}

hidden long sys_exit(SYSCALL_ARGS)
{
	native1(EXO_NC_THREAD_EXIT, a1 & 0xff);
	__builtin_unreachable();
}

/* FS belongs to libc, GS to POSIX-X's thread block: a program may set the
 * first and may not take the second. */
hidden long sys_arch_prctl(SYSCALL_ARGS)
{
	switch (a1) {
	case ARCH_SET_FS:
		return errno_from_status(native1(EXO_NC_THREAD_SET_TP, a2));
	case ARCH_SET_GS:
		return -EPERM;
	default:
		return untranslated(SYS_arch_prctl, a1);
	}
}
