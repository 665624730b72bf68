/* fork, vfork, wait4 and waitid: exit statuses exactly as Linux gives
 * them, death by signal included; kill with default actions; groups. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int st)
{
	if (WIFEXITED(st))
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("%s: killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: status %#x\n", what, st);
}

int main(void)
{
	pid_t me = getpid(), p;
	int st;

	fflush(stdout);
	p = fork();
	if (p == 0)
		_exit(getppid() == me && getpid() != me ? 7 : 99);
	if (waitpid(p, &st, 0) != p)
		return 1;
	report("exit", st);

	p = fork();
	if (p == 0) {
		*(volatile int *)0 = 1;
		_exit(0);
	}
	waitpid(p, &st, 0);
	report("segv", st & 0x7f ? st & 0x7f : st);

	p = fork();
	if (p == 0)
		for (;;)
			;
	kill(p, SIGTERM);
	waitpid(p, &st, 0);
	report("sigterm", st);

	p = fork();
	if (p == 0)
		for (;;)
			;
	kill(p, SIGKILL);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	printf("waitid: %d\n", waitid(P_PID, p, &si, WEXITED));
	printf("waitid: signo %d code %d status %d pid ok %d\n", si.si_signo, si.si_code,
	       si.si_status, si.si_pid == p);

	p = vfork();
	if (p == 0)
		_exit(3);
	struct rusage ru;
	printf("wait4 ok %d\n", wait4(p, &st, 0, &ru) == p);
	report("vfork", st);

	p = fork();
	if (p == 0) {
		if (setpgid(0, 0) != 0 || getpgid(0) != getpid() || getpgrp() != getpid())
			_exit(1);
		if (getsid(0) == getpid())
			_exit(2);
		_exit(setsid() == getpid() && getsid(0) == getpid() ? 0 : 3);
	}
	waitpid(p, &st, 0);
	report("groups", st);

	p = fork();
	if (p == 0)
		_exit(5);
	while (waitpid(p, &st, WNOHANG) == 0)
		;
	report("nohang", st);
	errno = 0;
	printf("no child: %d %s\n", wait(&st), strerror(errno));
	printf("kill bad signal: %d %s\n", kill(me, 1000), strerror(errno));
	printf("kill probe self: %d\n", kill(me, 0));
	return 0;
}
