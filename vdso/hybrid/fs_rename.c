/* rename, renameat, renameat2: one EXO_OP_RENAME_AT carrying both names
 * and both directories (the new one in the entry's second capability).
 * RENAME_NOREPLACE is translated; RENAME_EXCHANGE and RENAME_WHITEOUT are
 * not, and are named as such. */
#include "../internal/syscalls.h"

static long rename_at(long olddir, const char *old, long newdir, const char *new, long flags)
{
	const long known = RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_RENAME_AT };

	if ((flags & ~known) || ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)))
		return -EINVAL;
	if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT))
		return untranslated(SYS_renameat2, flags);
	path_pair_sqe(&sqe, olddir, old, newdir, new);
	sqe.op_flags = flags & RENAME_NOREPLACE ? EXO_RENAME_NOREPLACE : 0;
	return path_errno(ring_run(&sqe));
}

hidden long sys_rename(SYSCALL_ARGS)
{
	return rename_at(AT_FDCWD, (const char *)a1, AT_FDCWD, (const char *)a2, 0);
}

hidden long sys_renameat(SYSCALL_ARGS)
{
	return rename_at(a1, (const char *)a2, a3, (const char *)a4, 0);
}

hidden long sys_renameat2(SYSCALL_ARGS)
{
	return rename_at(a1, (const char *)a2, a3, (const char *)a4, a5);
}
