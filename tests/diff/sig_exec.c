/* Signal state across execve, as POSIX and Linux define it: handled
 * signals go back to SIG_DFL, ignored ones stay ignored (SIGPIPE too,
 * which the launcher itself ignores), the blocked mask is kept, and a
 * signal pending while blocked is still pending in the new image and
 * delivered once it is unblocked. The program execs itself (argv[0]) with "after". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got = sig;
}

static const char *disposition(int sig)
{
	struct sigaction sa;
	if (sigaction(sig, NULL, &sa) != 0)
		return "error";
	if (sa.sa_handler == SIG_IGN)
		return "ignored";
	if (sa.sa_handler == SIG_DFL)
		return "default";
	return "handled";
}

static void after(void)
{
	sigset_t now, pending;

	printf("SIGPIPE %s, SIGUSR2 %s, SIGTERM %s, SIGINT %s\n", disposition(SIGPIPE),
	       disposition(SIGUSR2), disposition(SIGTERM), disposition(SIGINT));
	sigprocmask(SIG_BLOCK, NULL, &now);
	sigpending(&pending);
	printf("SIGUSR1 blocked %d, pending %d; SIGHUP blocked %d, pending %d\n",
	       sigismember(&now, SIGUSR1), sigismember(&pending, SIGUSR1),
	       sigismember(&now, SIGHUP), sigismember(&pending, SIGHUP));

	/* A write to a pipe with no reader: EPIPE, no death, as SIGPIPE is ignored. */
	int p[2];
	if (pipe(p) == 0) {
		close(p[0]);
		errno = 0;
		printf("write to a widowed pipe: %zd (%s)\n", write(p[1], "x", 1), strerror(errno));
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &now, NULL);
	printf("after unblocking: handler saw %d\n", (int)got);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "after") == 0) {
		after();
		return 0;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);

	fflush(stdout);
	char *args[] = { argv[0], "after", NULL };
	execv(argv[0], args);
	perror("execv");
	return 1;
}
