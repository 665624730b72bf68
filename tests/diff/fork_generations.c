/* Identities across generations of forks, each process forking several
 * times: the pid a parent gets from fork is the child's getpid and
 * gettid, the child's getppid is the parent's getpid, whichever
 * generation forks and at whichever of its forks (under exo-run the
 * child's pid is written by the host into its thread block, and each
 * process makes its own pin of that block at its first fork,
 * hosted-kernel/fork_pin.c). A child reports through a pipe what it
 * sees; the parent compares and passes its verdict up as the exit
 * status, so the output holds no pid. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define GENERATIONS 3
#define FORKS 4

struct seen {
	pid_t pid, tid, ppid;
	int local;
};

/* Forks FORKS children, each of which goes one generation further down;
 * 0 when every child saw itself as its parent saw it. */
static int generation(int depth)
{
	int bad = 0;

	for (int i = 0; i < FORKS; i++) {
		int fds[2];
		pid_t me = getpid();
		volatile int local = 1000 * depth + i;   /* a stack slot both write */

		if (pipe(fds) != 0)
			return 1;
		pid_t p = fork();
		if (p < 0)
			return 1;
		if (p == 0) {
			struct seen s = { getpid(), gettid(), getppid(), local };
			local = -1;
			close(fds[0]);
			if (write(fds[1], &s, sizeof s) != (ssize_t)sizeof s)
				_exit(90);
			close(fds[1]);
			int below = depth + 1 < GENERATIONS ? generation(depth + 1) : 0;
			_exit(below ? 91 : kill(getpid(), 0) == 0 ? 0 : 92);
		}
		local = -2;
		close(fds[1]);
		struct seen s;
		ssize_t n = read(fds[0], &s, sizeof s);
		close(fds[0]);
		int st;
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			printf("depth %d fork %d: child status %#x\n", depth, i, st);
			bad = 1;
		}
		if (n != (ssize_t)sizeof s || s.pid != p || s.tid != p || s.ppid != me ||
		    s.local != 1000 * depth + i || local != -2 || getpid() != me) {
			printf("depth %d fork %d: identities differ\n", depth, i);
			bad = 1;
		}
	}
	return bad;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int bad = generation(0);
	printf("%d generations of %d forks: %s\n", GENERATIONS, FORKS, bad ? "wrong" : "ok");
	return bad;
}
