/* fork, vfork and clone. The entry (entry/syscall.S) passes the caller's
 * registers as the sixth argument, which none of the three uses: a new
 * thread, or a clone child on a new stack, starts with them.
 *
 * vfork is a fork: the child gets a copy, so the parent need not wait
 * (POSIX allows a vfork that is a fork; musl's vfork.s contract asks only
 * that the child's pushes land in its own memory). clone with CLONE_VM
 * and CLONE_VFORK (musl's posix_spawn) is the same copy, started on the
 * new stack. */
#include "../internal/syscalls.h"

#define THREAD_NEEDS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define THREAD_MAY (THREAD_NEEDS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                    CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_DETACHED | CSIGNAL)
#define PROCESS_MAY (CSIGNAL | CLONE_VM | CLONE_VFORK)

hidden long sys_fork(SYSCALL_ARGS)
{
	return errno_from_status(native1(EXO_NC_PROCESS_FORK, 0));
}

hidden long sys_vfork(SYSCALL_ARGS)
{
	return errno_from_status(native1(EXO_NC_PROCESS_FORK, 0));
}

static long clone_thread(unsigned long flags, long stack, long ptid, long ctid, long tls,
                         const struct exo_user_regs *regs)
{
	struct exo_thread_start st;

	if ((flags & THREAD_NEEDS) != THREAD_NEEDS || (flags & ~(unsigned long)THREAD_MAY))
		return untranslated(SYS_clone, (long)flags);
	if (!stack)
		return -EINVAL;
	memset(&st, 0, sizeof st);
	st.regs = *regs;
	st.regs.rsp = (exo_u64)stack;
	if (flags & CLONE_SETTLS) {
		st.flags |= EXO_THREAD_SET_TP;
		st.tp = (exo_u64)tls;
	}
	if (flags & CLONE_PARENT_SETTID) {
		st.flags |= EXO_THREAD_PARENT_TID;
		st.parent_tid = (exo_u64)ptid;
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		st.child_tid = (exo_u64)ctid;
	if (flags & CLONE_CHILD_SETTID)
		st.flags |= EXO_THREAD_CHILD_TID;
	if (flags & CLONE_CHILD_CLEARTID)
		st.flags |= EXO_THREAD_CLEAR_TID;
	return errno_from_status(native1(EXO_NC_THREAD_CREATE, &st));
}

hidden long sys_clone(SYSCALL_ARGS)
{
	unsigned long flags = (unsigned long)a1;
	const struct exo_user_regs *regs = (const struct exo_user_regs *)a6;
	struct exo_thread_start st;

	if (flags & CLONE_THREAD)
		return clone_thread(flags, a2, a3, a4, a5, regs);
	/* A child sharing the parent's memory without waiting for it cannot
	 * be a copy. */
	if ((flags & ~(unsigned long)PROCESS_MAY) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
		return untranslated(SYS_clone, (long)flags);
	if (!a2)
		return errno_from_status(native1(EXO_NC_PROCESS_FORK, 0));
	memset(&st, 0, sizeof st);
	st.regs = *regs;
	st.regs.rsp = (exo_u64)a2;
	return errno_from_status(native1(EXO_NC_PROCESS_FORK, &st));
}
