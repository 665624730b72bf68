#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ESPIPE: return "ESPIPE";
	case ENOTTY: return "ENOTTY";
	case EFAULT: return "EFAULT";
	case ENOENT: return "ENOENT";
	case EISDIR: return "EISDIR";
	case ENOTDIR: return "ENOTDIR";
	default: return "other";
	}
}

static void report(const char *call, long r)
{
	printf("%-28s -> %ld, errno %s\n", call, r, r < 0 ? errno_name(errno) : "-");
}

int main(void)
{
	char buf[16];
	struct stat st;
	struct iovec iov = { .iov_base = buf, .iov_len = 1 };
	volatile int bad_iovcnt = -1;
	long r;

	errno = 0; r = write(-1, "x", 1); report("write(-1)", r);
	errno = 0; r = read(77, buf, sizeof buf); report("read(77)", r);
	errno = 0; r = close(1000); report("close(1000)", r);
	errno = 0; r = fstat(55, &st); report("fstat(55)", r);
	errno = 0; r = lseek(99, 0, SEEK_SET); report("lseek(99)", r);
	errno = 0; r = dup(88); report("dup(88)", r);
	errno = 0; r = fcntl(66, F_GETFL); report("fcntl(66, F_GETFL)", r);
	errno = 0; r = writev(1, &iov, bad_iovcnt); report("writev(1, iovcnt -1)", r);
	/* the runner gives this test /dev/null as stdin */
	errno = 0; r = lseek(0, 0, SEEK_CUR); report("lseek(stdin /dev/null)", r);

	int ro = open("/dev/null", O_RDONLY);
	int wo = open("/dev/null", O_WRONLY);
	printf("open /dev/null: %s\n", ro >= 0 && wo >= 0 ? "ok" : "failed");
	errno = 0; r = write(ro, "x", 1); report("write(read-only fd)", r);
	errno = 0; r = read(wo, buf, 1); report("read(write-only fd)", r);
	errno = 0; r = lseek(ro, 0, 12345); report("lseek(bad whence)", r);
	errno = 0; r = read(ro, buf, sizeof buf); report("read(/dev/null)", r);
	errno = 0; r = write(wo, "abc", 3); report("write(/dev/null)", r);
	close(ro);
	errno = 0; r = read(ro, buf, 1); report("read(closed fd)", r);
	errno = 0; r = close(ro); report("close(closed fd)", r);
	close(wo);

	errno = 0; r = open("/nonexistent/posix-x-test", O_RDONLY); report("open(missing)", r);
	errno = 0; r = open("/dev/null/x", O_RDONLY); report("open(/dev/null/x)", r);
	errno = 0; r = open("/", O_WRONLY); report("open(/, O_WRONLY)", r);
	return 0;
}
