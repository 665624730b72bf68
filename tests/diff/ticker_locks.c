/* A process's record locks and descriptors survive its clock ticker
 * starting. Under exo-run the ticker thread takes a descriptor table of
 * its own and empties it (hosted-kernel/timekeeper.c), so that a
 * single-threaded guest's table stays unshared; closing there must
 * neither close the guest's descriptors nor release its fcntl locks.
 *
 * The parent forks a child that locks a file, then execs itself: the
 * ticker of the tree dies with the exec, so the child, reading the clock
 * once the page has gone stale, starts a ticker of its own while holding
 * the lock. Natively nothing of this happens and every answer is the
 * same. The exec'd parent then asks F_GETLK, and the child checks its own
 * descriptor. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *path = "ticker_locks.tmp";

static void nap_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* The exec'd parent: wait for the child's word, look at the lock. */
static int after_exec(int from_child, int to_child, pid_t child)
{
	char word[16] = "";
	if (read(from_child, word, sizeof word - 1) <= 0) {
		printf("no word from the child\n");
		return 1;
	}
	printf("child says: %s\n", word);
	int fd = open(path, O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	if (fd < 0 || fcntl(fd, F_GETLK, &fl) < 0) {
		perror("F_GETLK");
		return 1;
	}
	printf("lock seen by the parent: %s, held by the child: %s\n",
	       fl.l_type == F_WRLCK ? "F_WRLCK" : fl.l_type == F_UNLCK ? "F_UNLCK" : "other",
	       fl.l_type != F_UNLCK && fl.l_pid == child ? "yes" : "no");
	if (write(to_child, "q", 1) != 1)
		perror("write");
	int status;
	if (waitpid(child, &status, 0) != child)
		perror("waitpid");
	printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	unlink(path);
	return 0;
}

static int child(int fd, int exec_seen, int to_parent, int from_parent)
{
	char c;
	/* EOF once the parent has exec'd (the write end is close-on-exec). */
	while (read(exec_seen, &c, 1) > 0)
		;
	/* Two reads with a pause between: the first may still have to
	 * measure the TSC's rate (an exec soon after start-up), the second
	 * finds the page stale and starts a ticker, which then runs a few
	 * ticks. */
	struct timespec t;
	for (int i = 0; i < 3; i++) {
		nap_ms(40);
		clock_gettime(CLOCK_MONOTONIC, &t);
	}
	nap_ms(40);
	const char *word = fcntl(fd, F_GETFD) >= 0 && lseek(fd, 0, SEEK_CUR) == 1
	                   ? "fd-ok" : "fd-lost";
	if (write(to_parent, word, strlen(word)) < 0)
		return 2;
	if (read(from_parent, &c, 1) != 1)
		return 3;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4)
		return after_exec(atoi(argv[1]), atoi(argv[2]), (pid_t)atoi(argv[3]));

	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int exec_seen[2], up[2], down[2];
	if (fd < 0 || write(fd, "x", 1) != 1 || pipe2(exec_seen, O_CLOEXEC) < 0 ||
	    pipe(up) < 0 || pipe(down) < 0) {
		perror("setup");
		return 1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(exec_seen[1]);
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
		if (fcntl(fd, F_SETLK, &fl) < 0)
			_exit(4);
		_exit(child(fd, exec_seen[0], up[1], down[0]));
	}
	/* Give the child time to take the lock before the exec. */
	nap_ms(30);
	char a[16], b[16], c[16];
	snprintf(a, sizeof a, "%d", up[0]);
	snprintf(b, sizeof b, "%d", down[1]);
	snprintf(c, sizeof c, "%d", (int)pid);
	execl("/proc/self/exe", argv[0], a, b, c, (char *)NULL);
	perror("execl");
	return 1;
}
