/* lseek's SEEK_DATA and SEEK_HOLE, as toybox's tar finds the holes of a
 * sparse file: a file with data at its start and at 1 MiB and a hole to
 * its end; where the data and the holes are, ENXIO at and past the end
 * and for a negative offset, ESPIPE on a pipe, and the position they
 * leave. Where the holes fall is the file system's (same in both runs). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void seek(int fd, off_t off, int whence, const char *what)
{
	off_t r = lseek(fd, off, whence);

	if (r < 0)
		printf("%s %lld: %s\n", what, (long long)off, strerror(errno));
	else
		printf("%s %lld: %lld (now at %lld)\n", what, (long long)off, (long long)r,
		       (long long)lseek(fd, 0, SEEK_CUR));
}

int main(void)
{
	int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];
	static const off_t at[] = { 0, 1, 5000, 1 << 20, (1 << 20) + 1, 3 << 20, (3 << 20) + 9, -1 };

	write(fd, "a", 1);
	pwrite(fd, "b", 1, 1 << 20);
	ftruncate(fd, 3 << 20);
	for (unsigned i = 0; i < sizeof at / sizeof *at; i++) {
		seek(fd, at[i], SEEK_DATA, "data");
		seek(fd, at[i], SEEK_HOLE, "hole");
	}
	close(fd);
	unlink("sparse");
	pipe(p);
	seek(p[0], 0, SEEK_DATA, "pipe data");
	seek(p[0], 0, SEEK_HOLE, "pipe hole");
	return 0;
}
