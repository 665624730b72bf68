#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ENOENT: return "ENOENT";
	default: return "other";
	}
}

static void report(const char *call, long r)
{
	printf("%-34s -> %ld, errno %s\n", call, r, r < 0 ? errno_name(errno) : "-");
}

static void show_status(const char *what, int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0) {
		printf("%s: F_GETFL failed, errno %s\n", what, errno_name(errno));
		return;
	}
	printf("%s: access %s%s%s%s\n", what,
	       (fl & O_ACCMODE) == O_RDONLY ? "O_RDONLY" :
	       (fl & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR",
	       fl & O_APPEND ? " O_APPEND" : "", fl & O_NONBLOCK ? " O_NONBLOCK" : "",
	       fl & O_LARGEFILE ? " O_LARGEFILE" : "");
}

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

/* The runner gives stdin from /dev/null, stdout and stderr as pipes, and an
 * empty scratch directory as the working directory. */
int main(void)
{
	long r;

	/* dup takes the lowest free descriptor. */
	int f = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	printf("open data = %d\n", f);
	int d = dup(f);
	printf("dup(data) = %d\n", d);
	errno = 0; r = dup(-1); report("dup(-1)", r);
	errno = 0; r = dup(4000); report("dup(4000)", r);

	/* A duplicate shares the file offset and the status flags. */
	write(f, "abcdef", 6);
	printf("offset via dup after 6 bytes through the original: %ld\n", (long)lseek(d, 0, SEEK_CUR));
	lseek(d, 2, SEEK_SET);
	printf("offset via original after seeking the dup to 2: %ld\n", (long)lseek(f, 0, SEEK_CUR));
	char buf[8] = {0};
	read(f, buf, 2);
	printf("read at the shared offset: %s\n", buf);
	show_status("data", f);
	errno = 0; r = fcntl(f, F_SETFL, O_APPEND | O_NONBLOCK); report("fcntl(F_SETFL, APPEND|NONBLOCK)", r);
	show_status("data after F_SETFL", f);
	show_status("its dup", d);
	lseek(d, 0, SEEK_SET);
	write(d, "Z", 1);
	printf("size after a write through the dup at offset 0: %ld\n", size_of(f));
	fcntl(d, F_SETFL, 0);
	show_status("data after F_SETFL 0 via dup", f);
	close(f);
	printf("dup still reads after the original is closed: %s\n",
	       pread(d, buf, 3, 0) == 3 && !memcmp(buf, "abc", 3) ? "yes" : "no");

	/* dup2 and dup3. */
	errno = 0; r = dup2(d, d); report("dup2(fd, same fd)", r);
	errno = 0; r = dup2(77, 78); report("dup2(closed, 78)", r);
	errno = 0; r = dup2(77, 77); report("dup2(closed, same)", r);
	errno = 0; r = dup2(d, -1); report("dup2(fd, -1)", r);
	errno = 0; r = dup2(d, 1 << 30); report("dup2(fd, 1<<30)", r);
	int z = open("/dev/null", O_RDONLY);
	errno = 0; r = dup2(d, z); report("dup2(data, open /dev/null fd)", r);
	printf("the target now reads data: %s\n",
	       pread(z, buf, 3, 0) == 3 && !memcmp(buf, "abc", 3) ? "yes" : "no");
	errno = 0; r = dup2(d, 40); report("dup2(data, 40)", r);
	errno = 0; r = fcntl(40, F_GETFD); report("fcntl(40, F_GETFD)", r);
	errno = 0; r = dup3(d, d, 0); report("dup3(fd, same fd, 0)", r);
	/* musl's dup3() turns flags without O_CLOEXEC into dup2: ask directly. */
	errno = 0; r = syscall(SYS_dup3, d, 41, 12345); report("SYS_dup3(fd, 41, bad flags)", r);
	errno = 0; r = syscall(SYS_dup3, d, d, 0); report("SYS_dup3(fd, same fd, 0)", r);
	errno = 0; r = syscall(SYS_dup3, d, 1 << 30, 0); report("SYS_dup3(fd, 1<<30, 0)", r);
	errno = 0; r = dup3(d, 41, O_CLOEXEC); report("dup3(fd, 41, O_CLOEXEC)", r);
	errno = 0; r = fcntl(41, F_GETFD); report("fcntl(41, F_GETFD)", r);
	errno = 0; r = dup3(55, 42, 0); report("dup3(closed, 42, 0)", r);

	/* fcntl. */
	errno = 0; r = fcntl(d, F_DUPFD, 50); report("fcntl(F_DUPFD, 50)", r);
	errno = 0; r = fcntl(d, F_DUPFD, 50); report("fcntl(F_DUPFD, 50) again", r);
	errno = 0; r = fcntl(d, F_DUPFD_CLOEXEC, 60); report("fcntl(F_DUPFD_CLOEXEC, 60)", r);
	errno = 0; r = fcntl(60, F_GETFD); report("fcntl(60, F_GETFD)", r);
	errno = 0; r = fcntl(60, F_SETFD, 0); report("fcntl(60, F_SETFD, 0)", r);
	errno = 0; r = fcntl(60, F_GETFD); report("fcntl(60, F_GETFD) after", r);
	errno = 0; r = fcntl(d, F_DUPFD, -1); report("fcntl(F_DUPFD, -1)", r);
	errno = 0; r = fcntl(d, F_DUPFD, 1 << 30); report("fcntl(F_DUPFD, 1<<30)", r);
	errno = 0; r = fcntl(66, F_DUPFD, 0); report("fcntl(closed, F_DUPFD)", r);
	errno = 0; r = fcntl(66, F_GETFD); report("fcntl(closed, F_GETFD)", r);
	errno = 0; r = fcntl(66, F_SETFL, 0); report("fcntl(closed, F_SETFL)", r);
	show_status("stdin (/dev/null)", 0);
	show_status("stdout (pipe)", 1);
	int ro = open("data", O_RDONLY), wo = open("data", O_WRONLY | O_APPEND);
	show_status("data O_RDONLY", ro);
	show_status("data O_WRONLY|O_APPEND", wo);
	close(ro);
	close(wo);

	/* Descriptors run out at the limit; the lowest free one is reused. */
	int last = -1, n = 0;
	for (;;) {
		errno = 0;
		int x = dup(0);
		if (x < 0)
			break;
		last = x;
		n++;
	}
	printf("dup until failure: errno %s, more than 500 made: %s\n", errno_name(errno),
	       n > 500 ? "yes" : "no");
	errno = 0; r = open("data", O_RDONLY); report("open with the table full", r);
	errno = 0; r = fcntl(0, F_DUPFD, 0); report("F_DUPFD with the table full", r);
	close(20);
	printf("after close(20), dup gives 20: %s\n", dup(0) == 20 ? "yes" : "no");
	for (int x = 3; x <= last; x++)
		close(x);
	printf("after closing all, dup(0) = %d\n", dup(0));
	return 0;
}
