/* EXO_NC_RANDOM (ABI 1.4): random bytes for getrandom, getentropy and
 * whatever seeds itself from them (gnulib's tempname, hash tables, gawk's
 * srand). The Linux host's generator is the kernel's generator here: a
 * bounce buffer filled by the host's getrandom, copied to the guest so a
 * bad pointer answers EXO_ERR_FAULT instead of faulting the kernel. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"

/* Linux's MAX_RW_COUNT: the most one read-like call hands back. */
#define RANDOM_MAX 0x7ffff000u

long kernel_random(exo_u64 buf, exo_u64 len, unsigned flags)
{
	unsigned char bounce[256];
	exo_u64 done = 0;

	if (flags & ~EXO_RANDOM_NONBLOCK)
		return EXO_ERR_INVALID;
	if (len > RANDOM_MAX)
		len = RANDOM_MAX;
	while (done < len) {
		size_t want = len - done < sizeof bounce ? (size_t)(len - done) : sizeof bounce;
		ssize_t got = getrandom(bounce, want, flags & EXO_RANDOM_NONBLOCK ? GRND_NONBLOCK : 0);
		if (got < 0) {
			if (done)   /* what was already copied stays a result, as on Linux */
				break;
			return errno == EAGAIN ? EXO_ERR_WOULD_BLOCK
			     : errno == EINTR ? EXO_ERR_INTERRUPTED : status_from_errno(errno);
		}
		if (copy_to_guest(buf + done, bounce, (size_t)got) < 0) {
			/* Linux keeps the bytes that reached memory before the bad
			 * page; ours arrive a block at a time. */
			explicit_bzero(bounce, sizeof bounce);
			return done ? (long)done : EXO_ERR_FAULT;
		}
		done += (exo_u64)got;
	}
	explicit_bzero(bounce, sizeof bounce);
	return (long)done;
}
