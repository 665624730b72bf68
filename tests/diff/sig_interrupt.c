/* Blocking calls and signals: a pipe read interrupted by a handler
 * without SA_RESTART fails with EINTR, with SA_RESTART goes on and gets
 * the data; SIGALRM from alarm and setitimer interrupts nanosleep, which
 * reports the time left; sigsuspend and sigtimedwait; pause. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_sig(int sig)
{
	got = sig;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* A child sends sig to the parent after 100 ms, then writes "x" into
 * the pipe after 300 ms. */
static void read_case(int flags, const char *name)
{
	int p[2];
	char c = 0;
	pid_t parent = getpid(), child;
	ssize_t n;

	pipe(p);
	set_handler(SIGUSR1, flags);
	got = 0;
	child = fork();
	if (child == 0) {
		usleep(100000);
		kill(parent, SIGUSR1);
		usleep(200000);
		write(p[1], "x", 1);
		_exit(0);
	}
	n = read(p[0], &c, 1);
	printf("%s: read %zd errno %s got %d c %c\n", name, n, n < 0 ? strerror(errno) : "-", got,
	       n == 1 ? c : '-');
	waitpid(child, NULL, 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	sigset_t set, old;
	siginfo_t si;
	int r;

	setvbuf(stdout, NULL, _IONBF, 0);
	read_case(0, "no SA_RESTART");
	read_case(SA_RESTART, "SA_RESTART");

	set_handler(SIGALRM, 0);
	alarm(1);
	r = nanosleep(&req, &rem);
	printf("nanosleep: %d errno %s got %d rem about %ld s (%d)\n", r, r ? strerror(errno) : "-",
	       got, (long)rem.tv_sec + (rem.tv_nsec > 500000000), rem.tv_sec == 0 || rem.tv_sec == 1);
	printf("alarm left: %u\n", alarm(0));

	struct itimerval it = { { 0, 0 }, { 0, 200000 } }, cur;
	got = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &cur);
	printf("itimer armed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0);
	r = pause();
	printf("pause: %d errno %s got %d\n", r, strerror(errno), got);

	/* sigsuspend: blocked until it, then the handler, then the old mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	set_handler(SIGUSR2, 0);
	sigprocmask(SIG_BLOCK, &set, &old);
	got = 0;
	raise(SIGUSR2);
	printf("before sigsuspend: got %d\n", got);
	sigset_t none;
	sigemptyset(&none);
	r = sigsuspend(&none);
	sigprocmask(SIG_BLOCK, NULL, &old);
	printf("sigsuspend: %d errno %s got %d still blocked %d\n", r, strerror(errno), got,
	       sigismember(&old, SIGUSR2));

	/* sigtimedwait takes a blocked signal instead of running its handler. */
	got = 0;
	union sigval v = { .sival_int = 5 };
	sigqueue(getpid(), SIGUSR2, v);
	r = sigwaitinfo(&set, &si);
	printf("sigwaitinfo: %d code %d value %d got %d\n", r, si.si_code, si.si_value.sival_int, got);
	struct timespec short_wait = { 0, 50000000 };
	r = sigtimedwait(&set, &si, &short_wait);
	printf("sigtimedwait: %d errno %s\n", r, strerror(errno));

	/* SIGCHLD from a child's exit, to sigwaitinfo. */
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid_t child = fork();
	if (child == 0)
		_exit(3);
	r = sigwaitinfo(&set, &si);
	printf("SIGCHLD: %d code %d pid_ok %d status %d\n", r, si.si_code, si.si_pid == child, si.si_status);
	waitpid(child, NULL, 0);
	return 0;
}
