/* STREAMS ioctls (stropts.h: I_FIND, I_PUSH...) on the objects a program
 * has: gawk's two-way pty probes ioctl(slave, I_FIND, "ptem") before an
 * I_PUSH, as System V needs. Linux has no STREAMS and answers ENOTTY on
 * a pty, a pipe, a file and /dev/null alike; a closed descriptor is EBADF
 * first. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stropts.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void probe(const char *what, int fd)
{
	int find, push, e1, e2;

	errno = 0;
	find = ioctl(fd, I_FIND, "ptem");
	e1 = errno;
	errno = 0;
	push = ioctl(fd, I_PUSH, "ptem");
	e2 = errno;
	printf("%-9s I_FIND %d %s, I_PUSH %d %s\n", what, find, strerror(e1), push, strerror(e2));
}

int main(void)
{
	int p[2], master, slave, file, null;
	char path[] = "streamsXXXXXX";

	if (pipe(p) < 0 || (file = mkstemp(path)) < 0 || (null = open("/dev/null", O_RDWR)) < 0) {
		perror("setup");
		return 1;
	}
	unlink(path);
	probe("pipe", p[0]);
	probe("file", file);
	probe("/dev/null", null);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0
	    && (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) >= 0) {
		probe("pty", slave);
		close(slave);
		close(master);
	} else {
		printf("pty: %s\n", strerror(errno));
	}
	close(p[1]);
	probe("closed", p[1]);
	return 0;
}
