/* A fork child that does not exec runs its parent's program, so the
 * program's file stays busy (ETXTBSY for a writer) while the child runs,
 * even once the parent has ended, and is free again when the child ends.
 * Under exo-run the parent fills the child's slot for it
 * (hosted-kernel/images.c): this checks that the slot outlives the parent
 * and that a reparented child clears it when it ends.
 *
 * The program run is a copy of this test in a temporary directory,
 * started with "parent": it forks a child that says it runs on one pipe
 * and blocks reading another, and ends at once without waiting for it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text_busy_common.h"

/* Try to open the file for writing until the answer is `want` (the end
 * of a process and the release of its file are not one instant for an
 * observer), at most about two seconds; prints the last answer. */
static void open_until(const char *what, const char *prog, const char *want)
{
	const char *got = "";

	for (int i = 0; i < 200; i++) {
		int fd = open(prog, O_WRONLY);
		got = err(fd);
		if (fd >= 0)
			close(fd);
		if (strcmp(got, want) == 0)
			break;
		usleep(10000);
	}
	printf("%s: %s\n", what, got);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "parent") == 0) {
		pid_t c = fork();
		if (c < 0)
			return 1;
		if (c == 0) {
			char ch = 'r';
			if (write(1, &ch, 1) != 1)
				_exit(1);
			_exit(read(0, &ch, 1) == 1 ? 0 : 1);
		}
		return 0;   /* without waiting: the child is reparented */
	}
	char dir[] = "/tmp/text_busy_fork.XXXXXX", prog[64];
	int p[2], ready[2], st;
	char c;

	pid_t pid = start_copy(dir, prog, sizeof prog, "parent", p, ready);
	if (pid < 0)
		return 1;
	waitpid(pid, &st, 0);
	printf("parent: %s %d\n", WIFEXITED(st) ? "exited" : "killed",
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	if (read(ready[0], &c, 1) != 1)   /* the fork child runs prog */
		return 1;
	open_until("parent gone, fork child running, open for writing", prog, "ETXTBSY");

	/* The child ends: the end of its write side says so. */
	if (write(p[1], "x", 1) != 1)
		return 1;
	while (read(ready[0], &c, 1) > 0)
		;
	open_until("fork child ended, open for writing", prog, "ok");
	unlink(prog);
	rmdir(dir);
	return 0;
}
