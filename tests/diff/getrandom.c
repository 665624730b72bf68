/* getrandom (and musl's getentropy over it): what two runs have in common
 * is printed, the bytes themselves are only checked for sense: a full
 * count, two draws that differ, no all-zero buffer; then Linux's answers
 * to bad flags, a null or unmapped buffer, a zero length and a length
 * beyond one block of the kernel's bounce buffer. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

static long raw(void *buf, size_t len, unsigned flags)
{
	long r = syscall(SYS_getrandom, buf, len, flags);
	return r < 0 ? -errno : r;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	static unsigned char a[100000], b[100000];
	unsigned char small[64];
	long r;

	r = raw(a, 64, 0);
	printf("64 bytes: %ld\n", r);
	r = raw(b, 64, 0);
	printf("again: %ld, differs %d, zero %d\n", r, memcmp(a, b, 64) != 0, all_zero(a, 64));
	printf("NONBLOCK: %ld\n", raw(small, sizeof small, GRND_NONBLOCK));
	printf("RANDOM: %ld\n", raw(small, sizeof small, GRND_RANDOM));
	printf("INSECURE: %ld\n", raw(small, sizeof small, 0x4));
	printf("RANDOM|INSECURE: %ld\n", raw(small, sizeof small, GRND_RANDOM | 0x4));
	printf("unknown flag: %ld\n", raw(small, sizeof small, 0x40));
	printf("zero length, null buffer: %ld\n", raw(NULL, 0, 0));
	printf("null buffer: %ld\n", raw(NULL, 16, 0));
	memset(a, 0, sizeof a);
	r = raw(a, sizeof a, 0);
	/* Linux fills up to INT_MAX bytes in one call once its pool is ready. */
	printf("%zu bytes: %ld, last block zero %d\n", sizeof a, r, all_zero(a + sizeof a - 256, 256));

	void *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("read-only buffer: %ld\n", raw(page, 16, 0));
	munmap(page, 4096);
	printf("unmapped buffer: %ld\n", raw(page, 16, 0));

	printf("getentropy: %d\n", getentropy(small, sizeof small));
	errno = 0;
	printf("getentropy 257: %d errno %s\n", getentropy(small, 257),
	       errno == EIO ? "EIO" : strerror(errno));
	return 0;
}
