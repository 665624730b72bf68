#define _GNU_SOURCE
#include <fcntl.h>
#include "exec_common.h"

/*
 * What a shell does for "gen 5 | upper | count": three children joined by
 * pipes (fork, pipe, dup2, close, execve of the test helper), the parent
 * closing its ends and waiting for all three; the last stage's output
 * comes back to the parent through one more pipe.
 */

extern char **environ;

static void pipeline(char **stages[], int n, int out_fd)
{
	pid_t pids[8];
	int in = -1;
	for (int i = 0; i < n; i++) {
		int p[2] = { -1, -1 };
		if (i < n - 1 && pipe(p) < 0) {
			perror("pipe");
			return;
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (i < n - 1) {
				dup2(p[1], 1);
				close(p[0]);
				close(p[1]);
			} else if (out_fd >= 0) {
				dup2(out_fd, 1);
				close(out_fd);
			}
			execve(helper, stages[i], environ);
			perror("execve");
			_exit(127);
		}
		if (in >= 0)
			close(in);
		if (i < n - 1) {
			close(p[1]);
			in = p[0];
		}
	}
	if (out_fd >= 0)
		close(out_fd);
	/* Drained by the caller only after the children are reaped: the
	 * outputs here are far below a pipe's capacity. */
	for (int i = 0; i < n; i++) {
		char what[32];
		snprintf(what, sizeof what, "stage %d", i + 1);
		reap(what, pids[i]);
	}
}

/* The last stage writes into a pipe the parent drains before waiting,
 * so the output and the statuses come out in one order on both sides. */
static void run(const char *title, char **stages[])
{
	int back[2];
	char buf[1024];
	ssize_t got, total = 0;

	printf("-- %s\n", title);
	fflush(stdout);
	pipe2(back, O_CLOEXEC);
	pipeline(stages, 3, back[1]);
	while ((got = read(back[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
		total += got;
	close(back[0]);
	buf[total] = 0;
	printf("read back %zd bytes:\n%s", total, buf);
}

int main(int argc, char **argv)
{
	(void)argc;
	find_helper(argv[0]);
	char *gen[] = { "gen", "gen", "5", 0 };
	char *gen4[] = { "gen", "gen", "4", 0 };
	char *upper[] = { "upper", "upper", 0 };
	char *count[] = { "count", "count", 0 };
	char **three[] = { gen, upper, count };
	char **again[] = { gen4, upper, upper };

	run("gen 5 | upper | count", three);
	run("gen 4 | upper | upper", again);
	return 0;
}
