/* Asking for more memory than the machine has gives ENOMEM, not a kernel
 * panic, and what was obtained can be given back and used again. The
 * first part (one huge request) runs natively too; the second (allocate
 * until refused) only on the QEMU kernel, which maps eagerly and has
 * 256 MiB (argument "exhaust"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK (8ul << 20)
#define MAX_CHUNKS 1024   /* 8 GiB: far more than the QEMU machine has */

static void *chunks[MAX_CHUNKS];
static void *volatile sink;   /* keeps the compiler from dropping the mallocs */

static int huge_requests(void)
{
	void *p = mmap(NULL, 1ul << 44, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED || errno != ENOMEM) {
		printf("mmap(16 TiB): expected ENOMEM, got %s\n", p == MAP_FAILED ? strerror(errno) : "memory");
		return 1;
	}
	printf("mmap(16 TiB): ENOMEM\n");
	/* musl's simple malloc (a program that never frees gets it) returns
	 * NULL without setting errno here, natively too: check NULL only. */
	if ((p = malloc(1ul << 44))) {
		printf("malloc(16 TiB): expected NULL, got %p\n", p);
		return 1;
	}
	printf("malloc(16 TiB): NULL\n");
	return 0;
}

static int exhaust(void)
{
	unsigned n = 0, small = 0;

	while (n < MAX_CHUNKS) {
		void *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		memset(p, 0xa5, 4096);
		chunks[n++] = p;
	}
	if (n == MAX_CHUNKS || errno != ENOMEM) {
		printf("mmap in chunks: %u chunks, then %s\n", n, n == MAX_CHUNKS ? "no refusal" : strerror(errno));
		return 1;
	}
	printf("mmap in chunks: ENOMEM after some\n");
	/* The brk heap is refused too once memory is gone. */
	while ((sink = malloc(1000)))
		small++;
	printf("malloc(1000) in a loop: NULL (after %s)\n", small ? "some" : "none");
	for (unsigned i = 0; i < n; i++)
		munmap(chunks[i], CHUNK);
	void *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("mmap after munmap: %s\n", strerror(errno));
		return 1;
	}
	memset(p, 1, CHUNK);
	printf("mmap after munmap: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (huge_requests())
		return 1;
	if (argc > 1 && !strcmp(argv[1], "exhaust"))
		return exhaust();
	return 0;
}
