/* Reading files: open, openat below a directory descriptor, read, pread,
 * lseek, fstat, stat, access, getdents (readdir), dup, fcntl, chdir, and
 * the errors of names that do not resolve. The files are tests/qemu/data/,
 * in the initrd on the QEMU kernel and in the working directory natively,
 * so the output is the same. With the argument "rofs" (QEMU only): what a
 * read-only file system refuses. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EROFS: return "EROFS";
	case EEXIST: return "EEXIST";
	case EFAULT: return "EFAULT";
	case EACCES: return "EACCES";
	default: return "other";
	}
}

static void result(const char *what, long r)
{
	if (r < 0)
		printf("%-34s -1 %s\n", what, err(errno));
	else
		printf("%-34s %ld\n", what, r);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *dir)
{
	char *names[64];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		result("opendir", -1);
		return;
	}
	while ((e = readdir(d)) && n < 64)
		names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof names[0], by_name);
	printf("%s:", dir);
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]);
	printf("\n");
}

static void read_only(void)
{
	int fd = open("data/greeting.txt", O_RDONLY);
	errno = 0; result("write to O_RDONLY", write(fd, "x", 1));
	errno = 0; result("open O_WRONLY", open("data/greeting.txt", O_WRONLY));
	errno = 0; result("open O_RDWR", open("data/greeting.txt", O_RDWR));
	errno = 0; result("open O_CREAT new", open("data/new.txt", O_WRONLY | O_CREAT, 0644));
	errno = 0; result("open O_CREAT|O_EXCL existing", open("data/greeting.txt", O_RDONLY | O_CREAT | O_EXCL, 0644));
	errno = 0; result("open O_TRUNC", open("data/greeting.txt", O_RDONLY | O_TRUNC));
	errno = 0; result("access W_OK", access("data/greeting.txt", W_OK));
	errno = 0; result("mkdir new", mkdir("data/newdir", 0755));
	errno = 0; result("mkdir existing", mkdir("data/sub", 0755));
	errno = 0; result("unlink", unlink("data/greeting.txt"));
	errno = 0; result("unlink missing", unlink("data/missing"));
	errno = 0; result("open dir O_WRONLY", open("data", O_WRONLY));
}

int main(int argc, char **argv)
{
	char buf[64];
	struct stat st;
	int fd, dfd, fd2;
	long r;

	if (argc > 1 && !strcmp(argv[1], "rofs")) {
		read_only();
		return 0;
	}
	fd = open("data/greeting.txt", O_RDONLY);
	result("open", fd >= 0 ? 0 : -1);
	r = read(fd, buf, 5);
	printf("read %ld: %.5s\n", r, buf);
	r = read(fd, buf, sizeof buf);
	printf("read %ld: %.*s", r, (int)r, buf);
	result("read at end", read(fd, buf, sizeof buf));
	result("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
	result("lseek SEEK_SET 6", lseek(fd, 6, SEEK_SET));
	r = read(fd, buf, 4);
	printf("read %ld: %.4s\n", r, buf);
	result("lseek SEEK_END -5", lseek(fd, -5, SEEK_END));
	errno = 0; result("lseek before start", lseek(fd, -100, SEEK_CUR));
	r = pread(fd, buf, 7, 11);
	printf("pread %ld: %.7s\n", r, buf);
	result("position after pread", lseek(fd, 0, SEEK_CUR));
	errno = 0; result("read into NULL", read(fd, NULL, 4));
	fd2 = dup(fd);
	lseek(fd, 0, SEEK_SET);
	result("dup shares the position", lseek(fd2, 0, SEEK_CUR));
	result("fcntl F_GETFL & O_ACCMODE", fcntl(fd, F_GETFL) & O_ACCMODE);
	fstat(fd, &st);
	printf("fstat: regular %d size %lld mode %o\n", S_ISREG(st.st_mode), (long long)st.st_size,
	       (unsigned)(st.st_mode & 0777));
	close(fd2);
	close(fd);
	errno = 0; result("read after close", read(fd, buf, 1));

	/* Bigger than one read: the sum of the numbers 1..2000. */
	FILE *f = fopen("data/numbers.txt", "r");
	long sum = 0, v;
	while (f && fscanf(f, "%ld", &v) == 1)
		sum += v;
	printf("sum of data/numbers.txt: %ld\n", sum);
	if (f)
		fclose(f);

	result("stat data", stat("data", &st));
	printf("data is a directory: %d\n", S_ISDIR(st.st_mode));
	result("stat data/sub/deep.txt size", stat("data/sub/deep.txt", &st) ? -1 : st.st_size);
	result("stat data/./sub/../greeting.txt", stat("data/./sub/../greeting.txt", &st) ? -1 : st.st_size);
	errno = 0; result("stat missing", stat("data/missing", &st));
	errno = 0; result("stat through a file", stat("data/greeting.txt/x", &st));
	errno = 0; result("stat file/", stat("data/greeting.txt/", &st));
	errno = 0; result("stat NULL", stat(NULL, &st));
	errno = 0; result("open O_DIRECTORY on a file", open("data/greeting.txt", O_RDONLY | O_DIRECTORY));
	errno = 0; result("open empty name", open("", O_RDONLY));
	result("access R_OK", access("data/greeting.txt", R_OK));
	errno = 0; result("access missing", access("data/none", F_OK));
	errno = 0; result("readlink a file", readlink("data/greeting.txt", buf, sizeof buf));

	dfd = open("data", O_RDONLY | O_DIRECTORY);
	result("open data O_DIRECTORY", dfd >= 0 ? 0 : -1);
	fd = openat(dfd, "sub/deep.txt", O_RDONLY);
	r = read(fd, buf, sizeof buf);
	printf("openat + read %ld: %.*s", r, (int)r, buf);
	close(fd);
	errno = 0; result("read a directory", read(dfd, buf, 1));
	errno = 0; result("openat bad dirfd", openat(99, "sub", O_RDONLY));
	close(dfd);
	list("data");
	list("data/sub");

	result("chdir data/sub", chdir("data/sub"));
	fd = open("../greeting.txt", O_RDONLY);
	r = read(fd, buf, 5);
	printf("after chdir, read %ld: %.5s\n", r, buf);
	close(fd);
	list(".");
	return 0;
}
