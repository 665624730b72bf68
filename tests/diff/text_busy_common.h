/* Shared by text_busy.c and text_busy_fork.c: a running program's file
 * copied to where the test can try to write it, and the answer named. */
#ifndef TEXT_BUSY_COMMON_H
#define TEXT_BUSY_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *err(int r)
{
	return r >= 0 ? "ok" : errno == ETXTBSY ? "ETXTBSY" : strerror(errno);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			return -1;
	close(in);
	return close(out);
}

/* A copy of this program in a new directory (dir, a mkdtemp template),
 * at prog, run with the argument `mode`: its standard input the read end
 * of go, its output the write end of ready; the caller keeps go[1] and
 * ready[0]. The child's pid, or -1. */
static pid_t start_copy(char *dir, char *prog, size_t prog_size, const char *mode,
                        int go[2], int ready[2])
{
	if (!mkdtemp(dir) || pipe(go) < 0 || pipe(ready) < 0)
		return -1;
	snprintf(prog, prog_size, "%s/prog", dir);
	if (copy_file("/proc/self/exe", prog) < 0) {
		perror("copy");
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(go[0], 0);
		dup2(ready[1], 1);
		close(go[1]);
		close(ready[0]);
		execl(prog, prog, mode, (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	close(ready[1]);
	return pid;
}

#endif
