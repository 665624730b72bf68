#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EBADF: return "EBADF";
	case ENOTTY: return "ENOTTY";
	case EINVAL: return "EINVAL";
	default: return "other";
	}
}

static void show(const char *what, int fd)
{
	errno = 0;
	int r = isatty(fd);
	int e = errno;
	printf("isatty(%s) = %d, errno %s\n", what, r, r ? "-" : errno_name(e));
}

/* The runner gives stdin from /dev/null and stdout/stderr as pipes. */
int main(void)
{
	show("0", 0);
	show("1", 1);
	show("2", 2);
	show("99", 99);
	int fd = open("/dev/null", O_RDONLY);
	if (fd < 0) {
		printf("open /dev/null failed\n");
		return 1;
	}
	show("/dev/null", fd);
	close(fd);
	show("closed fd", fd);
	return 0;
}
