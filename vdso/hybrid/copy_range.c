/* copy_file_range: copy between two regular files without the program
 * seeing the data. toybox's cat, cp, tar and cpio try it first and fall
 * back to read and write when it fails (a pipe is EINVAL). As sendfile
 * does (hybrid/sendfile.c), the vDSO moves the data through a buffer on
 * its stack, reading and writing at explicit positions, one ring entry
 * each, so the kernel sees ordinary reads and writes.
 *
 * Linux's checks, in its order (vfs_copy_file_range): flags, then a
 * directory (EISDIR) or another non-regular file (EINVAL), then a
 * descriptor not open for reading / for writing or appending (EBADF),
 * then overlapping ranges of one file (EINVAL). The copy stops at the
 * input's end; a position given by pointer is updated there, otherwise
 * the descriptor's own position moves. */
#include "../internal/syscalls.h"
#include "../internal/linux_ctl.h"

#define COPY_CHUNK 8192
#define MAX_RW 0x7ffff000L   /* Linux caps a transfer at this many bytes */

static long position(long fd, exo_s64 *given, exo_s64 *pos)
{
	if (!given)
		return (*pos = sys_lseek(fd, 0, SEEK_CUR, 0, 0, 0)) < 0 ? *pos : 0;
	if (user_read(pos, given, sizeof *pos) < 0)
		return -EFAULT;
	return *pos < 0 ? -EINVAL : 0;
}

hidden long sys_copy_file_range(SYSCALL_ARGS)
{
	long in = a1, out = a3, count = a5, done = 0, n, w, r;
	exo_s64 *in_off = (exo_s64 *)a2, *out_off = (exo_s64 *)a4, ipos, opos, end;
	struct exo_fd_entry *ie = fd_lookup(in), *oe = fd_lookup(out);
	struct linux_stat is, os;
	char buf[COPY_CHUNK];

	if (!ie || !oe || ((ie->status_flags | oe->status_flags) & EXO_FD_PATH))
		return -EBADF;
	if (a6)
		return -EINVAL;
	if ((r = sys_fstat(in, (long)&is, 0, 0, 0, 0)) < 0 ||
	    (r = sys_fstat(out, (long)&os, 0, 0, 0, 0)) < 0)
		return r;
	if ((is.st_mode & S_IFMT) == S_IFDIR || (os.st_mode & S_IFMT) == S_IFDIR)
		return -EISDIR;
	if ((is.st_mode & S_IFMT) != S_IFREG || (os.st_mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (!(ie->status_flags & EXO_FD_READ) || !(oe->status_flags & EXO_FD_WRITE) ||
	    (oe->status_flags & EXO_FD_APPEND))
		return -EBADF;
	if ((r = position(in, in_off, &ipos)) < 0 || (r = position(out, out_off, &opos)) < 0)
		return r;
	if ((unsigned long)count > MAX_RW)
		count = MAX_RW;
	end = ipos >= is.st_size ? ipos : (is.st_size - ipos < count ? is.st_size : ipos + count);
	count = end - ipos;
	if (is.st_ino == os.st_ino && is.st_dev == os.st_dev &&
	    ipos + count > opos && opos + count > ipos)
		return -EINVAL;
	while (done < count) {
		n = count - done < COPY_CHUNK ? count - done : COPY_CHUNK;
		n = sys_pread64(in, (long)buf, n, ipos + done, 0, 0);
		if (n <= 0) {
			if (done)
				break;
			return n;
		}
		w = sys_pwrite64(out, (long)buf, n, opos + done, 0, 0);
		if (w < 0 && !done)
			return w;
		if (w > 0)
			done += w;
		if (w < n)
			break;
	}
	if (in_off)
		ipos += done, user_write(in_off, &ipos, sizeof ipos);
	else if (done)
		sys_lseek(in, ipos + done, SEEK_SET, 0, 0, 0);
	if (out_off)
		opos += done, user_write(out_off, &opos, sizeof opos);
	else if (done)
		sys_lseek(out, opos + done, SEEK_SET, 0, 0, 0);
	return done;
}
