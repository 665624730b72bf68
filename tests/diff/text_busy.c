/* A running program's file cannot be written: Linux answers ETXTBSY to
 * opening it for writing (also with O_TRUNC, which must not truncate it
 * first) and to truncate(2); reading it, and writing it once the program
 * has ended, work. The program run is a copy of this test, in a
 * temporary directory, started with "wait": it says it runs on one pipe
 * and blocks reading another until told to end. Under exo-run the image is the file's own pages, so
 * a write would show in the running program (hosted-kernel/images.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text_busy_common.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "wait") == 0) {
		char c = 'r';
		if (write(1, &c, 1) != 1)
			return 1;
		return read(0, &c, 1) == 1 ? 0 : 1;
	}
	char dir[] = "/tmp/text_busy.XXXXXX", prog[64];
	int p[2], ready[2], fd;
	struct stat before, after;

	pid_t pid = start_copy(dir, prog, sizeof prog, "wait", p, ready);
	if (pid < 0)
		return 1;
	char c;
	if (read(ready[0], &c, 1) != 1)   /* the child runs prog */
		return 1;
	stat(prog, &before);
	fd = open(prog, O_WRONLY);
	printf("open for writing: %s\n", err(fd));
	fd = open(prog, O_RDWR);
	printf("open for reading and writing: %s\n", err(fd));
	fd = open(prog, O_WRONLY | O_TRUNC);
	stat(prog, &after);
	printf("open with O_TRUNC: %s, size kept: %s\n", err(fd),
	       after.st_size == before.st_size ? "yes" : "no");
	printf("truncate: %s\n", err(truncate(prog, 0)));
	fd = open(prog, O_RDONLY);
	printf("open for reading: %s\n", err(fd));
	close(fd);

	/* The program ends: its file is an ordinary file again. */
	if (write(p[1], "x", 1) != 1)
		return 1;
	int status;
	waitpid(pid, &status, 0);
	printf("child: %s %d\n", WIFEXITED(status) ? "exited" : "killed",
	       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	fd = open(prog, O_WRONLY | O_TRUNC);
	stat(prog, &after);
	printf("after it ended, open with O_TRUNC: %s, size %lld\n", err(fd), (long long)after.st_size);
	close(fd);
	unlink(prog);
	rmdir(dir);
	return 0;
}
