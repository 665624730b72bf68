/* Copy a 64 MiB file with read and write, then check both copies' sums
 * and make the copy durable with fsync and fdatasync. The source is
 * written by the program from a fixed generator, so the sums are the
 * same in every run. Works in /tmp/posixx-fs-copy, removed first and
 * last. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASE "/tmp/posixx-fs-copy"
#define SIZE (64u << 20)
#define CHUNK (1u << 20)

static unsigned char buf[CHUNK];

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w <= 0)
			return -1;
		p += w, n -= (size_t)w;
	}
	return 0;
}

/* The sum of a whole file, read in odd-sized pieces. */
static uint64_t sum_of(const char *path, uint64_t *size)
{
	int fd = open(path, O_RDONLY);
	uint64_t h = 0xcbf29ce484222325ull;
	ssize_t n;

	*size = 0;
	while ((n = read(fd, buf, 777777)) > 0)
		h = fnv(h, buf, (size_t)n), *size += (uint64_t)n;
	close(fd);
	return h;
}

int main(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull, h = 0xcbf29ce484222325ull, hs, hd, ss, sd;
	struct stat st;
	int in, out;
	ssize_t n;

	unlink(BASE "/src");
	unlink(BASE "/dst");
	rmdir(BASE);
	if (mkdir(BASE, 0755) < 0) {
		printf("mkdir: errno %d\n", errno);
		return 1;
	}
	out = open(BASE "/src", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (unsigned done = 0; done < SIZE; done += CHUNK) {
		for (unsigned i = 0; i < CHUNK; i += 8) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			memcpy(buf + i, &x, 8);
		}
		h = fnv(h, buf, CHUNK);
		if (write_all(out, buf, CHUNK) < 0) {
			printf("write failed: errno %d\n", errno);
			return 1;
		}
	}
	printf("fsync(src) = %d\n", fsync(out));
	close(out);

	in = open(BASE "/src", O_RDONLY);
	out = open(BASE "/dst", O_WRONLY | O_CREAT | O_EXCL, 0600);
	while ((n = read(in, buf, 65536)) > 0)
		if (write_all(out, buf, (size_t)n) < 0) {
			printf("copy failed: errno %d\n", errno);
			return 1;
		}
	printf("last read = %zd\n", n);
	printf("fdatasync(dst) = %d, fsync(dst) = %d\n", fdatasync(out), fsync(out));
	close(out);
	close(in);

	hs = sum_of(BASE "/src", &ss);
	hd = sum_of(BASE "/dst", &sd);
	stat(BASE "/dst", &st);
	printf("generated sum %016llx\n", (unsigned long long)h);
	printf("source: %llu bytes, sum %016llx\n", (unsigned long long)ss, (unsigned long long)hs);
	printf("copy:   %llu bytes, sum %016llx, mode %o\n", (unsigned long long)sd,
	       (unsigned long long)hd, (unsigned)(st.st_mode & 0777));
	printf("copy matches: %s\n", hs == h && hd == h && sd == SIZE ? "yes" : "no");
	unlink(BASE "/src");
	unlink(BASE "/dst");
	printf("rmdir = %d\n", rmdir(BASE));
	return 0;
}
