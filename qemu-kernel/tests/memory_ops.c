/* The memory calls musl and programs make, beyond malloc: a deep stack,
 * mmap with and without a hint, mremap that grows in place, moves and
 * shrinks, mprotect, madvise(MADV_DONTNEED) and munmap. Prints what it
 * saw, so a native run gives the expected output. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096

static int deep(int n)
{
	volatile char frame[16384];
	frame[0] = (char)n;
	frame[sizeof frame - 1] = (char)n;
	return n ? deep(n - 1) + frame[0] - frame[sizeof frame - 1] : 0;
}

static int filled(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	printf("1 MiB of stack: %d\n", deep(64));

	unsigned char *a = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap: %s, zeroed: %s\n", a != MAP_FAILED ? "ok" : "failed", filled(a, 4 * PAGE, 0) ? "yes" : "no");
	memset(a, 0x5a, 4 * PAGE);

	unsigned char *b = mremap(a, 4 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	printf("mremap grow: %s, kept: %s, new part zeroed: %s\n", b != MAP_FAILED ? "ok" : "failed",
	       filled(b, 4 * PAGE, 0x5a) ? "yes" : "no", filled(b + 4 * PAGE, 60 * PAGE, 0) ? "yes" : "no");
	unsigned char *c = mremap(b, 64 * PAGE, 2 * PAGE, 0);
	printf("mremap shrink in place: %s\n", c == b ? "yes" : "no");
	printf("mremap without MAYMOVE past a neighbour: %s\n",
	       mremap(c, 2 * PAGE, 1 << 30, 0) == MAP_FAILED ? "refused" : "done");

	printf("mprotect read-only: %d\n", mprotect(c, 2 * PAGE, PROT_READ));
	printf("still readable: %s\n", filled(c, 2 * PAGE, 0x5a) ? "yes" : "no");
	printf("mprotect read-write: %d\n", mprotect(c, 2 * PAGE, PROT_READ | PROT_WRITE));
	c[0] = 1;
	printf("madvise DONTNEED: %d, zeroed: %s\n", madvise(c, 2 * PAGE, MADV_DONTNEED),
	       filled(c, 2 * PAGE, 0) ? "yes" : "no");
	printf("munmap: %d\n", munmap(c, 2 * PAGE));

	void *hint = (void *)0x300000000000;
	unsigned char *h = mmap(hint, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("hint honoured: %s\n", h == hint ? "yes" : "no");
	unsigned char *f = mmap(hint, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE over it: %s\n", f == MAP_FAILED ? "refused" : "mapped");
	f = mmap(hint, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED over it: %s\n", f == hint ? "replaced" : "failed");
	printf("mprotect of an unmapped range: %d\n", mprotect((void *)0x310000000000, PAGE, PROT_READ));
	return 0;
}
