/* link, linkat: one EXO_OP_LINK_AT with both names, as rename. Linking
 * an open descriptor by AT_EMPTY_PATH is not translated. */
#include "../internal/syscalls.h"

static long link_at(long olddir, const char *old, long newdir, const char *new, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_LINK_AT };

	if (flags & ~(long)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH)
		return untranslated(SYS_linkat, AT_EMPTY_PATH);
	path_pair_sqe(&sqe, olddir, old, newdir, new);
	sqe.op_flags = flags & AT_SYMLINK_FOLLOW ? EXO_LINK_FOLLOW : 0;
	return path_errno(ring_run(&sqe));
}

hidden long sys_link(SYSCALL_ARGS)
{
	return link_at(AT_FDCWD, (const char *)a1, AT_FDCWD, (const char *)a2, 0);
}

hidden long sys_linkat(SYSCALL_ARGS)
{
	return link_at(a1, (const char *)a2, a3, (const char *)a4, a5);
}
