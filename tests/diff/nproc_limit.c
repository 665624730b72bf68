/* A fork bomb held by RLIMIT_NPROC: fork gives EAGAIN once the user's
 * processes reach the limit. Root is exempt on Linux, so the test first
 * becomes an unprivileged user. Gentle: at most 64 forks; every child
 * exits at once and stays a zombie (zombies count) until reaped. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	struct rlimit rl = { 8, 8 }, got;
	int forked = 0, err = 0, reaped = 0, st;

	if (getuid() == 0 && setuid(65534) != 0) {
		printf("setuid: %s\n", strerror(errno));
		return 1;
	}
	if (setrlimit(RLIMIT_NPROC, &rl) != 0 || getrlimit(RLIMIT_NPROC, &got) != 0)
		return 2;
	printf("limit %ld/%ld\n", (long)got.rlim_cur, (long)got.rlim_max);
	fflush(stdout);
	while (forked < 64) {
		pid_t p = fork();
		if (p == 0)
			_exit(0);
		if (p < 0) {
			err = errno;
			break;
		}
		forked++;
	}
	while (wait(&st) > 0)
		reaped++;
	printf("stopped by %s, reaped all: %s, some forked: %s\n", err ? strerror(err) : "nothing",
	       reaped == forked ? "yes" : "no", forked > 0 ? "yes" : "no");
	return 0;
}
