/* fadvise64: the checks Linux makes, then nothing to send. The advice
 * only steers the page cache's read-ahead and retention, which on
 * Exo-OS belong to the file server behind the capability; Linux itself
 * accepts and ignores it where a file has no page cache (DAX, pseudo
 * files), so a program can rely on the answer, not on an effect. */
#include "../internal/syscalls.h"

#define FADV_NOREUSE 5   /* the highest advice x86_64 Linux knows */

hidden long sys_fadvise64(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup_io(a1);
	long object;

	if (!e)
		return -EBADF;
	if ((object = fd_object(e)) < 0)
		return object;
	if (object == EXO_OBJ_PIPE)
		return -ESPIPE;
	if (a3 < 0 || (unsigned long)a4 > FADV_NOREUSE)
		return -EINVAL;
	return 0;
}
