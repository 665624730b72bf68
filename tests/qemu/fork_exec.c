/* fork, exec, wait: a child that execs another program of the same
 * directory (the initrd on the QEMU kernel, where this program is), one
 * whose exec fails and that reports why, one that dies by a fault, and
 * memory written by the parent after the fork (copy-on-write) that the
 * child must not see. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, pid_t pid, int st)
{
	if (WIFEXITED(st))
		printf("%s: pid ok %d, exited %d\n", what, pid > 0, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: pid ok %d, killed by %d\n", what, pid > 0, WTERMSIG(st));
}

static char shared_page[8192] = "before";

int main(int argc, char **argv)
{
	char *dir = strdup(argv[0]), *slash = strrchr(dir, '/');
	char path[4096];
	pid_t me = getpid(), p;
	int st;

	if (argc > 1 && !strcmp(argv[1], "child")) {
		printf("exec'd child: argv[2]=%s, env EXO_TEST_VAR=%s\n", argc > 2 ? argv[2] : "-",
		       getenv("EXO_TEST_VAR") ? getenv("EXO_TEST_VAR") : "(none)");
		return 42;
	}
	if (slash)
		slash[1] = 0;
	else
		dir[0] = 0;
	snprintf(path, sizeof path, "%sfork_exec", dir);
	fflush(stdout);

	p = fork();
	if (p == 0) {
		char *args[] = { "fork_exec", "child", "two words", NULL };
		execv(path, args);
		printf("execv failed: %s\n", strerror(errno));
		fflush(stdout);
		_exit(1);
	}
	report("exec child", waitpid(p, &st, 0) == p ? p : -1, st);

	fflush(stdout);
	p = fork();
	if (p == 0) {
		char *args[] = { "missing", NULL };
		snprintf(path, sizeof path, "%sno_such_program", dir);
		execv(path, args);
		printf("exec of a missing program: %s\n", errno == ENOENT ? "ENOENT" : strerror(errno));
		fflush(stdout);
		_exit(3);
	}
	report("missing program", waitpid(p, &st, 0) == p ? p : -1, st);

	fflush(stdout);
	p = fork();
	if (p == 0) {
		shared_page[0] = 'X';
		*(volatile int *)0 = 1;
		_exit(0);
	}
	report("null child", wait(&st), st);

	fflush(stdout);
	p = fork();
	if (p == 0) {
		printf("child sees: %s, getppid ok %d, getpid differs %d\n", shared_page,
		       getppid() == me, getpid() != me);
		fflush(stdout);
		_exit(5);
	}
	strcpy(shared_page, "after");
	report("copy-on-write child", waitpid(p, &st, 0) == p ? p : -1, st);
	printf("parent sees: %s\n", shared_page);
	errno = 0;
	printf("wait with no child: %d %s\n", wait(&st), errno == ECHILD ? "ECHILD" : "?");
	return 0;
}
