#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include "exec_common.h"

/*
 * vfork + exec and posix_spawn (musl's: clone with CLONE_VM|CLONE_VFORK,
 * and a close-on-exec pipe that reports an exec error to the parent):
 * success, failures reported as posix_spawn's return value, and file
 * actions (stdout redirected to a file the parent reads back).
 */

extern char **environ;

static void spawn(const char *what, const char *path, char *const argv[],
                  const posix_spawn_file_actions_t *fa)
{
	pid_t pid = -1;
	printf("-- %s\n", what);
	fflush(stdout);
	int r = posix_spawn(&pid, path, fa, 0, argv, environ);
	if (r) {
		printf("%s: posix_spawn failed: %s\n", what, strerror(r));
		return;
	}
	reap(what, pid);
}

int main(int argc, char **argv)
{
	(void)argc;
	find_helper(argv[0]);
	int fd = open("not-a-program", O_WRONLY | O_CREAT, 0644);
	close(fd);

	printf("-- vfork and execve\n");
	fflush(stdout);
	pid_t pid = vfork();
	if (pid == 0) {
		char *av[] = { "vforked", "gen", "2", 0 };
		execve(helper, av, environ);
		_exit(127);
	}
	reap("vfork", pid);

	printf("-- vfork and a failing execve\n");
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		char *av[] = { "missing", 0 };
		execve("./missing-program", av, environ);
		_exit(errno == ENOENT ? 99 : 98);
	}
	reap("vfork failing", pid);

	char *gen[] = { "spawned", "gen", "3", 0 };
	spawn("posix_spawn", helper, gen, 0);
	char *exit7[] = { "spawned", "exit", "7", 0 };
	spawn("posix_spawn exit status", helper, exit7, 0);
	spawn("posix_spawn of a missing file", "./missing-program", gen, 0);
	spawn("posix_spawn of a file without x", "./not-a-program", gen, 0);

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "spawn-out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	spawn("posix_spawn with stdout to a file", helper, gen, &fa);
	posix_spawn_file_actions_destroy(&fa);
	char buf[512];
	fd = open("spawn-out.txt", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("the file holds:\n%s", buf);

	char *path_gen[] = { "exec_helper", "gen", "1", 0 };
	setenv("PATH", helper_dir, 1);
	printf("-- posix_spawnp through PATH\n");
	fflush(stdout);
	int r = posix_spawnp(&pid, "exec_helper", 0, 0, path_gen, environ);
	if (r)
		printf("posix_spawnp failed: %s\n", strerror(r));
	else
		reap("posix_spawnp", pid);
	return 0;
}
