/* /proc/self/exe names the running program, as toybox's commands that
 * vfork re-execute themselves through it (cpio -p): readlink gives the
 * program's path, stat its file, open reads its ELF header, and an exec
 * of it runs this program again (a child that says so), after a fork as
 * well as in the process itself. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char link[PATH_MAX], *real;
	struct stat a, b;
	ssize_t n;
	int fd, st;

	if (argc > 1) {
		printf("re-executed: %s\n", argv[1]);
		return 7;
	}
	real = realpath(argv[0], NULL);
	n = readlink("/proc/self/exe", link, sizeof link - 1);
	link[n > 0 ? n : 0] = 0;
	printf("readlink is the program: %d\n", real && strcmp(link, real) == 0);
	printf("stat is the program: %d\n", stat("/proc/self/exe", &a) == 0 &&
	       stat(argv[0], &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	fd = open("/proc/self/exe", O_RDONLY);
	printf("open reads ELF: %d\n", fd >= 0 && read(fd, link, 4) == 4 &&
	       memcmp(link, "\177ELF", 4) == 0);
	close(fd);
	fflush(stdout);
	if (fork() == 0) {
		execl("/proc/self/exe", "again", "from a child", (char *)NULL);
		_exit(127);
	}
	wait(&st);
	printf("child status %d\n", WEXITSTATUS(st));
	fflush(stdout);
	execl("/proc/self/exe", "again", "in place", (char *)NULL);
	perror("execl");
	return 1;
}
