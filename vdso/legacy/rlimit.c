/* Resource limits. RLIMIT_NOFILE is the descriptor table's limit, which
 * the vDSO keeps in the process page; the others are the kernel's. */
#include "../internal/syscalls.h"

#define RLIMIT_NOFILE 7

static const signed char native_resource[RLIM_NLIMITS] = {
	EXO_LIMIT_CPU, EXO_LIMIT_FSIZE, EXO_LIMIT_DATA, EXO_LIMIT_STACK, EXO_LIMIT_CORE,
	-1 /* RSS */, EXO_LIMIT_NPROC, EXO_LIMIT_NOFILE, -1 /* MEMLOCK */, EXO_LIMIT_AS,
	-1, -1, -1, -1, -1, -1,
};

/* As Linux: the new limit is read before anything is checked (EFAULT
 * first), and the old one written after the limit changed, so a bad old
 * pointer answers EFAULT with the new limit in force. */
hidden long sys_prlimit64(SYSCALL_ARGS)
{
	struct linux_rlimit want, old;
	struct exo_limit nl, ol;
	long r;

	if (a3 && user_read(&want, (const void *)a3, sizeof want) < 0)
		return -EFAULT;
	if ((unsigned long)a2 >= RLIM_NLIMITS)
		return -EINVAL;
	if (native_resource[a2] < 0)
		return untranslated(SYS_prlimit64, a2);
	if (a1 != 0 && (int)a1 != (int)thread_block()->pid)
		return untranslated(SYS_prlimit64, a2);
	if (a3) {
		nl.cur = want.rlim_cur;
		nl.max = want.rlim_max;
		if (nl.cur > nl.max)
			return -EINVAL;
	}
	r = native_call(EXO_NC_PROCESS_LIMIT, 0, native_resource[a2], a3 ? (long)&nl : 0,
	                (long)&ol, 0, 0);
	if (r < 0)
		return errno_from_status(r);
	if (a2 == RLIMIT_NOFILE) {
		ol.cur = exo_vdso_process.fd_limit;
		if (a3)
			exo_vdso_process.fd_limit = nl.cur < EXO_FD_TABLE_SIZE ? (exo_u32)nl.cur : EXO_FD_TABLE_SIZE;
	}
	if (!a4)
		return 0;
	old.rlim_cur = ol.cur;
	old.rlim_max = ol.max;
	return user_write((void *)a4, &old, sizeof old);
}

hidden long sys_getrlimit(SYSCALL_ARGS)
{
	return sys_prlimit64(0, a1, 0, a2, 0, 0);
}

hidden long sys_setrlimit(SYSCALL_ARGS)
{
	return sys_prlimit64(0, a1, a2, 0, 0, 0);
}
