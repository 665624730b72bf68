/* sendfile: copy between two descriptors without the program seeing the
 * data. busybox's cat, cp and every bb_copyfd use it first. The vDSO
 * moves the data itself through a buffer on the caller's stack, read then
 * write, one ring entry each; the kernel sees ordinary reads and writes,
 * so every object that can be read or written works.
 *
 * Linux advances the input's position (or *offset) by what reached the
 * output, not by what was read: a short write must not lose data. So the
 * input is read at an explicit position and its own position is moved
 * once at the end. Linux wants an input it can read at a position (a
 * pipe or a socket is EINVAL), which is what makes this possible. */
#include "../internal/syscalls.h"

#define SENDFILE_CHUNK 8192
#define MAX_RW 0x7ffff000L   /* Linux caps a transfer at this many bytes */

hidden long sys_sendfile(SYSCALL_ARGS)
{
	long out = a1, in = a2, count = a4, pos, done = 0, n, w;
	exo_s64 *offset = (exo_s64 *)a3;
	struct exo_fd_entry *oe = fd_lookup(out), *ie = fd_lookup(in);
	char buf[SENDFILE_CHUNK];

	if (!oe || !ie)
		return -EBADF;
	if (oe->status_flags & EXO_FD_APPEND)
		return -EINVAL;   /* Linux refuses an appending output */
	if (offset) {
		if ((unsigned long)offset < EXO_PAGE_SIZE)
			return -EFAULT;
		if ((pos = *offset) < 0)
			return -EINVAL;
	} else if ((pos = sys_lseek(in, 0, SEEK_CUR, 0, 0, 0)) < 0) {
		return pos == -ESPIPE ? -EINVAL : pos;
	}
	if (count < 0 || count > MAX_RW)
		count = MAX_RW;
	while (done < count) {
		n = count - done < SENDFILE_CHUNK ? count - done : SENDFILE_CHUNK;
		n = sys_pread64(in, (long)buf, n, pos + done, 0, 0);
		if (n == -ESPIPE)
			return -EINVAL;
		if (n <= 0) {
			if (done)
				break;
			return n;
		}
		w = sys_write(out, (long)buf, n, 0, 0, 0);
		if (w < 0 && !done)
			return w;
		if (w > 0)
			done += w;
		if (w < n)
			break;   /* output full or failing: report what got through */
	}
	if (offset)
		*offset = pos + done;
	else if (done)
		sys_lseek(in, pos + done, SEEK_SET, 0, 0, 0);
	return done;
}
