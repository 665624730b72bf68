#define _GNU_SOURCE
/* mmap variants: file-backed shared writes reach the file, private ones
 * do not; MAP_FIXED_NOREPLACE; msync; madvise(DONTNEED) gives zeros;
 * mremap; a mapping through a write-only descriptor is refused. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PATH "/tmp/posixx-diff-mmap_variants.tmp"

int main(void)
{
	char buf[8192], back[8];
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return 1;
	memset(buf, 'a', sizeof buf);
	if (write(fd, buf, sizeof buf) != sizeof buf)
		return 2;
	char *s = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
	if (s == MAP_FAILED || p == MAP_FAILED)
		return 3;
	memcpy(s, "shared", 6);
	memcpy(p, "private", 7);
	printf("msync: %d\n", msync(s, 8192, MS_SYNC));
	pread(fd, back, 6, 0);
	printf("file head: %.6s\n", back);
	pread(fd, back, 7, 4096);
	printf("file at 4096: %.7s\n", back);
	printf("private sees shared page: %c\n", s[4096]);
	printf("bad offset: %p %s\n", mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 100), strerror(errno));
	printf("bad fd: %p %s\n", mmap(0, 4096, PROT_READ, MAP_SHARED, 77, 0), strerror(errno));
	int wo = open(PATH, O_WRONLY);
	printf("write-only: %p %s\n", mmap(0, 4096, PROT_READ, MAP_SHARED, wo, 0), strerror(errno));
	int ro = open(PATH, O_RDONLY);
	printf("read-only shared writable: %p %s\n",
	       mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), strerror(errno));
	void *q = mmap(0, 4096, PROT_READ, MAP_PRIVATE, ro, 0);
	printf("read-only private: %s\n", q == MAP_FAILED ? "failed" : "ok");
	printf("noreplace: %p %s\n",
	       mmap(s, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
	       strerror(errno));
	char *a = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(a, 'x', 8192);
	printf("dontneed: %d, then %d\n", madvise(a, 4096, MADV_DONTNEED), a[0]);
	char *b = mremap(a, 8192, 65536, MREMAP_MAYMOVE);
	printf("mremap keeps: %c\n", b[5000]);
	printf("munmap: %d %d\n", munmap(s, 8192), munmap(b, 65536));
	close(fd);
	close(wo);
	close(ro);
	return 0;
}
