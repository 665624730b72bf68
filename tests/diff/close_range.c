/* close_range: many descriptors closed by one call (POSIX-X sends their
 * releases as one ring submission per 64), CLOSE_RANGE_CLOEXEC marking,
 * and the error cases. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int count_open(int below)
{
	int n = 0;

	for (int fd = 0; fd < below; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static void show(const char *what, long r)
{
	printf("%-34s -> %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void)
{
	int fd, last;

	/* Whatever the runner left open beyond stdio goes first. */
	syscall(SYS_close_range, 3, ~0u, 0);
	fd = last = open("/dev/null", O_RDONLY);

	for (int i = 0; i < 150; i++)
		last = dup(fd);
	printf("open below 256: %d, last %d\n", count_open(256), last);
	errno = 0;
	show("cloexec 10..19", syscall(SYS_close_range, 10, 19, 4 /* CLOSE_RANGE_CLOEXEC */));
	printf("F_GETFD 9 %d, 10 %d, 19 %d, 20 %d\n", fcntl(9, F_GETFD), fcntl(10, F_GETFD),
	       fcntl(19, F_GETFD), fcntl(20, F_GETFD));
	errno = 0;
	show("close 100..119", syscall(SYS_close_range, 100, 119, 0));
	printf("open below 256: %d\n", count_open(256));
	errno = 0;
	show("close 20..~0", syscall(SYS_close_range, 20, ~0u, 0));
	printf("open below 256: %d\n", count_open(256));
	printf("next dup: %d\n", dup(fd));
	errno = 0;
	show("first > last", syscall(SYS_close_range, 9, 8, 0));
	errno = 0;
	show("unknown flag", syscall(SYS_close_range, 3, 8, 1));
	errno = 0;
	show("nothing open there", syscall(SYS_close_range, 500, 600, 0));
	return 0;
}
