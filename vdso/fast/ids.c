/* Process and thread identities: one load from the thread block, which the
 * kernel keeps right (a fork child's block is written before it runs). */
#include "../internal/syscalls.h"

hidden long sys_getpid(SYSCALL_ARGS)
{
	return thread_block()->pid;
}

hidden long sys_getppid(SYSCALL_ARGS)
{
	return thread_block()->ppid;
}

hidden long sys_gettid(SYSCALL_ARGS)
{
	return thread_block()->tid;
}

/* The kernel clears this word and wakes a futex on it when the thread
 * exits; it reads it from the thread block, so no kernel entry is needed. */
hidden long sys_set_tid_address(SYSCALL_ARGS)
{
	struct exo_thread_block *tb = thread_block();

	tb->clear_child_tid = (exo_u64)a1;
	return tb->tid;
}
