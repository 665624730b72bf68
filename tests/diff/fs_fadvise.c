/* posix_fadvise: accepted advice on a file, and Linux's refusals (bad
 * descriptor, pipe, unknown advice, negative length). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, int r)
{
	printf("%s: %s\n", what, r ? strerror(r) : "ok");
}

int main(void)
{
	char name[] = "/tmp/posixx-fadvise-XXXXXX";
	int fd = mkstemp(name), p[2];

	if (fd < 0 || pipe(p) < 0)
		return 1;
	unlink(name);
	write(fd, "data", 4);
	show("NORMAL", posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL));
	show("SEQUENTIAL", posix_fadvise(fd, 0, 4, POSIX_FADV_SEQUENTIAL));
	show("RANDOM", posix_fadvise(fd, 2, 100, POSIX_FADV_RANDOM));
	show("WILLNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED));
	show("DONTNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED));
	show("NOREUSE", posix_fadvise(fd, 0, 0, POSIX_FADV_NOREUSE));
	show("advice 99", posix_fadvise(fd, 0, 0, 99));
	show("negative length", posix_fadvise(fd, 0, -1, POSIX_FADV_NORMAL));
	show("pipe", posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL));
	show("closed descriptor", posix_fadvise(99, 0, 0, POSIX_FADV_NORMAL));
	return 0;
}
