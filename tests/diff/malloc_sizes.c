#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSLOTS 64

static uint32_t checksum;

static unsigned char pattern(size_t slot, size_t i)
{
	return (unsigned char)(slot * 31 + i * 7 + 1);
}

static void fill(unsigned char *p, size_t n, size_t slot)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(slot, i);
}

static int verify(const unsigned char *p, size_t n, size_t slot)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != pattern(slot, i))
			return 0;
		checksum = checksum * 16777619u ^ p[i];
	}
	return 1;
}

static size_t size_for(size_t k)
{
	/* 1 byte up to 8 MiB: small classes, mallocng groups and mmap'ed chunks */
	static const size_t sizes[] = {
		1, 2, 3, 7, 8, 15, 16, 24, 31, 32, 48, 63, 64, 100, 127, 128,
		200, 255, 256, 500, 1000, 1024, 2000, 4095, 4096, 4097, 8192,
		10000, 65536, 100000, 131072, 131073, 200000, 262144, 500000,
		1048576, 2000000, 4194304, 8388608,
	};
	return sizes[k % (sizeof sizes / sizeof sizes[0])];
}

int main(void)
{
	unsigned char *slot[NSLOTS] = {0};
	size_t len[NSLOTS] = {0};
	int bad = 0;

	for (size_t round = 0; round < 4; round++) {
		for (size_t s = 0; s < NSLOTS; s++) {
			size_t n = size_for(s * 5 + round * 3);
			slot[s] = round & 1 ? calloc(n, 1) : malloc(n);
			if (!slot[s]) {
				printf("allocation of %zu failed\n", n);
				return 1;
			}
			if (round & 1)
				for (size_t i = 0; i < n; i++)
					bad |= slot[s][i] != 0;
			len[s] = n;
			fill(slot[s], n, s);
		}
		/* free odd slots forward, then grow or shrink even slots */
		for (size_t s = 1; s < NSLOTS; s += 2) {
			bad |= !verify(slot[s], len[s], s);
			free(slot[s]);
			slot[s] = 0;
		}
		for (size_t s = 0; s < NSLOTS; s += 2) {
			size_t n = size_for(s * 7 + round + 1);
			size_t keep = n < len[s] ? n : len[s];
			unsigned char *p = realloc(slot[s], n);
			if (!p) {
				printf("realloc to %zu failed\n", n);
				return 1;
			}
			bad |= !verify(p, keep, s);
			fill(p, n, s);
			slot[s] = p;
			len[s] = n;
		}
		/* free even slots backwards */
		for (size_t s = NSLOTS; s-- > 0;) {
			if (!slot[s])
				continue;
			bad |= !verify(slot[s], len[s], s);
			free(slot[s]);
			slot[s] = 0;
		}
		printf("round %zu checksum %08x\n", round, (unsigned)checksum);
	}
	printf("calloc(0, 1) %s\n", calloc(0, 1) ? "non-null" : "null");
	printf("patterns %s\n", bad ? "CORRUPT" : "ok");
	printf("checksum %08x\n", (unsigned)checksum);
	return bad;
}
