/* Shared by the exec tests: where the helper program is (next to the
 * test itself, which the runner starts by its path), and waiting for a
 * child with its status printed. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char helper[4096], helper_dir[4096];

static void find_helper(const char *argv0)
{
	char copy[4096];
	/* Absolute: the tests change directory before they exec. */
	if (!realpath(argv0, copy))
		snprintf(copy, sizeof copy, "%s", argv0);
	snprintf(helper_dir, sizeof helper_dir, "%s", dirname(copy));
	snprintf(helper, sizeof helper, "%s/exec_helper", helper_dir);
}

__attribute__((unused)) static void reap(const char *what, pid_t pid)
{
	int st;
	pid_t got = waitpid(pid, &st, 0);
	fflush(stdout);
	if (got != pid)
		printf("%s: waitpid gave %d, not the child\n", what, (int)got);
	else if (WIFEXITED(st))
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: killed by signal %d\n", what, WTERMSIG(st));
	fflush(stdout);
}
