/* copy_file_range, as toybox's cat, cp, tar and cpio try it before read
 * and write: a whole file through the descriptors' positions, a part at
 * positions given by pointer (the descriptors' own positions stay), a
 * copy stopped by the input's end, and the refusals in Linux's order: bad
 * flags, a directory, a pipe, a descriptor not open for reading or for
 * writing, an appending output, overlapping ranges of one file. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void try(const char *what, ssize_t r)
{
	printf("%s: %zd %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static void show(const char *name)
{
	char buf[128];
	int fd = open(name, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof buf);

	printf("  %s: %.*s|\n", name, n > 0 ? (int)n : 0, buf);
	close(fd);
}

int main(void)
{
	int in, out, ro, app, dir, p[2];
	off_t a, b;

	in = open("cfr_in", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(in, "0123456789abcdefghij", 20);
	lseek(in, 0, SEEK_SET);
	out = open("cfr_out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	try("whole", copy_file_range(in, NULL, out, NULL, 1000, 0));
	printf("  positions %ld %ld\n", (long)lseek(in, 0, SEEK_CUR), (long)lseek(out, 0, SEEK_CUR));
	show("cfr_out");
	try("at end of input", copy_file_range(in, NULL, out, NULL, 10, 0));
	a = 5, b = 2;
	try("by pointer", copy_file_range(in, &a, out, &b, 4, 0));
	printf("  pointers %ld %ld, positions %ld %ld\n", (long)a, (long)b,
	       (long)lseek(in, 0, SEEK_CUR), (long)lseek(out, 0, SEEK_CUR));
	show("cfr_out");
	a = 18;
	try("past the end of input", copy_file_range(in, &a, out, NULL, 10, 0));
	a = 100;
	try("beyond the end", copy_file_range(in, &a, out, NULL, 10, 0));
	a = 0, b = 10;
	try("same file, apart", copy_file_range(in, &a, in, &b, 5, 0));
	show("cfr_in");
	a = 0, b = 3;
	try("same file, overlapping", copy_file_range(in, &a, in, &b, 5, 0));
	try("flags", copy_file_range(in, NULL, out, NULL, 5, 1));
	dir = open(".", O_RDONLY | O_DIRECTORY);
	try("directory", copy_file_range(dir, NULL, out, NULL, 5, 0));
	pipe(p);
	try("to a pipe", copy_file_range(in, NULL, p[1], NULL, 5, 0));
	ro = open("cfr_out", O_RDONLY);
	try("to a read-only", copy_file_range(in, NULL, ro, NULL, 5, 0));
	try("from a write-only", copy_file_range(p[1], NULL, out, NULL, 5, 0));
	app = open("cfr_out", O_WRONLY | O_APPEND);
	try("to an appending", copy_file_range(in, NULL, app, NULL, 5, 0));
	try("bad descriptor", copy_file_range(99, NULL, out, NULL, 5, 0));
	unlink("cfr_in");
	unlink("cfr_out");
	return 0;
}
