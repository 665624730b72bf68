/* getrandom: the kernel's random bytes (EXO_NC_RANDOM, ABI 1.4). musl's
 * getentropy, gnulib's getrandom and tempname, and programs that seed
 * themselves call it; untranslated, gnulib's test-getrandom found it
 * "ineffective" and skipped. */
#include <exo/native.h>
#include "../internal/syscalls.h"

hidden long sys_getrandom(SYSCALL_ARGS)
{
	unsigned long buf = (unsigned long)a1, len = (unsigned long)a2;
	unsigned flags = (unsigned)a3;
	long r;

	/* Linux's checks, in its order: unknown flags, then the one
	 * contradictory pair. */
	if (flags & ~(unsigned)(LINUX_GRND_NONBLOCK | LINUX_GRND_RANDOM | LINUX_GRND_INSECURE))
		return -EINVAL;
	if ((flags & (LINUX_GRND_RANDOM | LINUX_GRND_INSECURE))
	    == (LINUX_GRND_RANDOM | LINUX_GRND_INSECURE))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (len > 0x7fffffffu)   /* Linux clamps to INT_MAX */
		len = 0x7fffffffu;
	if (buf < EXO_PAGE_SIZE)
		return -EFAULT;
	/* GRND_RANDOM draws from the same generator since Linux 5.6, and
	 * GRND_INSECURE only matters before the pool is ready, which the
	 * kernel's is by the time a program runs: only NONBLOCK is passed. */
	r = native3(EXO_NC_RANDOM, buf, len,
	            flags & LINUX_GRND_NONBLOCK ? EXO_RANDOM_NONBLOCK : 0);
	return r < 0 ? errno_from_status(r) : r;
}
