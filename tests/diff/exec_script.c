#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "exec_common.h"

/*
 * "#!" interpreter lines, as Linux reads them: the interpreter (here the
 * test helper, which prints what it got) receives its name, the one
 * optional argument (the rest of the line, trimmed), the script's name
 * and the caller's arguments after the first. Nested scripts, a line
 * without a newline, a script run through a directory descriptor and
 * through its own descriptor (refused when that one is close-on-exec).
 */

static void script(const char *name, const char *fmt)
{
	char text[8192];
	int n = snprintf(text, sizeof text, fmt, helper);
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	write(fd, text, (size_t)n);
	close(fd);
}

static void run(const char *what, int dirfd, const char *path, int flags)
{
	char *argv[] = { "ignored-zero", "first", "second arg", 0 };
	char *envp[] = { "EXEC_SCRIPT=1", 0 };
	printf("-- %s\n", what);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		syscall(SYS_execveat, dirfd, path, argv, envp, flags);
		printf("failed: %s\n", strerror(errno));
		fflush(stdout);
		_exit(1);
	}
	reap(what, pid);
}

int main(int argc, char **argv)
{
	(void)argc;
	find_helper(argv[0]);
	script("plain", "#!%s\necho not read\n");
	script("with-arg", "#!  %s   show   the argument \t \nrest\n");
	script("no-newline", "#!%s tail-arg");
	script("nested", "#!./plain  outer\n");
	script("deep1", "#!./deep2\n");
	script("deep2", "#!./deep3\n");
	script("deep3", "#!./deep4\n");
	script("deep4", "#!./deep5\n");
	script("deep5", "#!./plain\n");

	run("plain interpreter line", AT_FDCWD, "./plain", 0);
	run("interpreter with an argument", AT_FDCWD, "./with-arg", 0);
	run("line without a newline", AT_FDCWD, "./no-newline", 0);
	run("a script as interpreter", AT_FDCWD, "./nested", 0);
	run("too many interpreters", AT_FDCWD, "./deep1", 0);
	int dir = open(".", O_RDONLY | O_DIRECTORY);
	dup2(dir, 5);
	run("below a directory descriptor", 5, "plain", 0);
	int fd = open("plain", O_RDONLY);
	dup2(fd, 6);
	run("through its own descriptor", 6, "", AT_EMPTY_PATH);
	fcntl(6, F_SETFD, FD_CLOEXEC);
	run("through a close-on-exec descriptor", 6, "", AT_EMPTY_PATH);
	return 0;
}
