/* sendfile as busybox's cat and cp use it: file to file with and without
 * an offset (the input's position moves only without one), file to pipe,
 * pipe to file, past the end of the input, and the refusals (an appending
 * output, a bad descriptor). Runs in a scratch directory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIZE 100000

static char data[SIZE], back[SIZE];

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) < 0 ? -1 : (long)st.st_size;
}

static int same(int fd, long at, long len)
{
	return pread(fd, back, len, 0) == len && memcmp(back, data + at, len) == 0;
}

int main(void)
{
	int in, out, p[2];
	off_t off;
	long r;

	for (int i = 0; i < SIZE; i++)
		data[i] = (char)(i * 7 + i / 251);
	in = open("in", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(in, data, SIZE);
	lseek(in, 0, SEEK_SET);

	/* No offset: from the input's position, which moves. */
	out = open("out1", O_RDWR | O_CREAT | O_TRUNC, 0644);
	lseek(in, 1000, SEEK_SET);
	r = sendfile(out, in, NULL, 50000);
	printf("no offset: %ld, input at %ld, output at %ld, same %d\n", r,
	       (long)lseek(in, 0, SEEK_CUR), (long)lseek(out, 0, SEEK_CUR), same(out, 1000, 50000));
	r = sendfile(out, in, NULL, SIZE);
	printf("to the end: %ld, input at %ld, size %ld\n", r, (long)lseek(in, 0, SEEK_CUR),
	       size_of(out));
	printf("at the end: %ld\n", (long)sendfile(out, in, NULL, 10));
	close(out);

	/* An offset: the input's position stays, the offset moves. */
	out = open("out2", O_RDWR | O_CREAT | O_TRUNC, 0644);
	lseek(in, 5, SEEK_SET);
	off = 20000;
	r = sendfile(out, in, &off, 30000);
	printf("offset: %ld, offset now %ld, input at %ld, same %d\n", r, (long)off,
	       (long)lseek(in, 0, SEEK_CUR), same(out, 20000, 30000));
	off = SIZE - 10;
	printf("offset near the end: %ld, offset now %ld\n", (long)sendfile(out, in, &off, 100),
	       (long)off);
	printf("zero count: %ld\n", (long)sendfile(out, in, NULL, 0));
	off = -1;
	errno = 0;
	printf("negative offset: %ld %s\n", (long)sendfile(out, in, &off, 10), strerror(errno));
	close(out);

	/* File to pipe and pipe to file. */
	pipe(p);
	off = 0;
	r = sendfile(p[1], in, &off, 4000);
	printf("file to pipe: %ld, read back %ld\n", r, (long)read(p[0], back, sizeof back));
	printf("pipe data same %d\n", memcmp(back, data, 4000) == 0);
	write(p[1], data + 7, 3000);
	close(p[1]);
	out = open("out3", O_RDWR | O_CREAT | O_TRUNC, 0644);
	r = sendfile(out, p[0], NULL, 10000);
	printf("pipe to file: %ld %s, size %ld\n", r, r < 0 ? strerror(errno) : "", size_of(out));
	printf("pipe at end: %ld\n", (long)sendfile(out, p[0], NULL, 10000));
	close(p[0]);
	close(out);

	/* Refusals. */
	out = open("out4", O_WRONLY | O_CREAT | O_APPEND, 0644);
	errno = 0;
	printf("append output: %ld %s\n", (long)sendfile(out, in, NULL, 10), strerror(errno));
	close(out);
	errno = 0;
	printf("bad output: %ld %s\n", (long)sendfile(99, in, NULL, 10), strerror(errno));
	errno = 0;
	printf("bad input: %ld %s\n", (long)sendfile(1, 98, NULL, 10), strerror(errno));
	out = open("out1", O_RDONLY);
	errno = 0;
	printf("read-only output: %ld %s\n", (long)sendfile(out, in, NULL, 10), strerror(errno));
	close(out);
	return 0;
}
