/* Pipe, socket and eventfd reads and writes that wait, now made by the
 * ring's short path (hosted-kernel/ring_one.c) with the interruptible
 * host call: a full pipe's blocking write interrupted with and without
 * SA_RESTART (nothing written, then part written), O_NONBLOCK set and
 * cleared through fcntl and seen by a fork child sharing the pipe, a
 * read woken by another thread, a wait on a socket and an eventfd, and
 * 2000 reads of an empty pipe under a storm of signals from a child. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_sig(int sig)
{
	got++;
	(void)sig;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static const char *err(long r)
{
	return r >= 0 ? "-" : strerror(errno);
}

/* Fill a pipe that nobody reads; with O_NONBLOCK off only briefly. */
static long fill(int fd)
{
	static char chunk[4096];
	long total = 0, n;
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while ((n = write(fd, chunk, sizeof chunk)) > 0)
		total += n;
	fcntl(fd, F_SETFL, fl);
	return total;
}

/* A blocking write into a full pipe; a child sends SIGUSR1 after 100 ms
 * and, when drain is set, first reads 'drain' bytes so part of the write
 * goes in before the signal. */
static void full_write(int flags, long drain, const char *name)
{
	static char big[65536], sink[65536];
	int p[2];
	pid_t parent = getpid(), child;
	long n, filled;

	pipe(p);
	filled = fill(p[1]);
	set_handler(SIGUSR1, flags);
	got = 0;
	child = fork();
	if (child == 0) {
		close(p[1]);
		usleep(100000);
		if (drain)
			read(p[0], sink, drain);
		usleep(100000);
		kill(parent, SIGUSR1);
		usleep(100000);
		/* With SA_RESTART and nothing written the write restarts:
		 * empty the pipe so it can end. */
		while (read(p[0], sink, sizeof sink) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	errno = 0;
	n = write(p[1], big, flags & SA_RESTART ? 4096 : sizeof big);
	printf("%s: filled %ld write %ld errno %s got %d\n", name, filled, n, err(n), got);
	close(p[1]);
	waitpid(child, NULL, 0);
}

static void nonblock_shared(void)
{
	int p[2];
	char c;
	long n;
	pid_t child;

	pipe(p);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	n = read(p[0], &c, 1);
	printf("nonblock read: %ld errno %s\n", n, err(n));
	child = fork();
	if (child == 0) {
		/* The flag belongs to the open file: the child sees it, and
		 * its clearing is seen by the parent. */
		long m = read(p[0], &c, 1);
		printf("child nonblock read: %ld errno %s flag %d\n", m, err(m),
		       (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
		fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("parent flag after child cleared it: %d\n", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
	write(p[1], "ab", 2);
	n = read(p[0], &c, 1);
	printf("blocking read with data: %ld %c\n", n, c);
	fill(p[1]);
	fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
	n = write(p[1], "x", 1);
	printf("nonblock write to full pipe: %ld errno %s\n", n, err(n));
	close(p[0]);
	n = write(p[1], "x", 1);
	printf("write without reader: %ld errno %s\n", n, err(n));
	close(p[1]);
}

static int wake_fd;

static void *late_writer(void *arg)
{
	usleep(100000);
	write(wake_fd, arg, 3);
	return NULL;
}

static void *late_count(void *arg)
{
	unsigned long long seven = 7;

	usleep(100000);
	write(wake_fd, &seven, sizeof seven);
	return arg;
}

static void thread_wake(void)
{
	int p[2], s[2], e;
	char buf[8] = { 0 };
	long n;
	pthread_t t;
	unsigned long long v = 0, seven = 7;

	pipe(p);
	wake_fd = p[1];
	pthread_create(&t, NULL, late_writer, "abc");
	n = read(p[0], buf, sizeof buf);
	pthread_join(t, NULL);
	printf("pipe read woken by a thread: %ld %s\n", n, buf);
	n = read(p[1], buf, 1);
	printf("read of the write end: %ld errno %s\n", n, err(n));
	n = write(p[0], "x", 1);
	printf("write to the read end: %ld errno %s\n", n, err(n));
	close(p[0]);
	close(p[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, s);
	wake_fd = s[1];
	memset(buf, 0, sizeof buf);
	pthread_create(&t, NULL, late_writer, "def");
	n = read(s[0], buf, sizeof buf);
	pthread_join(t, NULL);
	printf("socket read woken by a thread: %ld %s\n", n, buf);
	close(s[0]);
	close(s[1]);

	e = eventfd(0, 0);
	wake_fd = e;
	pthread_create(&t, NULL, late_count, NULL);
	n = read(e, &v, sizeof v);
	pthread_join(t, NULL);
	printf("eventfd read woken by a thread: %ld value %llu\n", n, v);
	n = write(e, &seven, 3);
	printf("eventfd write of 3 bytes: %ld errno %s\n", n, err(n));
	close(e);
}

/* Host signals landing in the short path, before, during and after its
 * host call: a child signals the parent every 100 us while the parent
 * makes 2000 blocking reads of a pipe nobody writes; without SA_RESTART
 * each must end with EINTR, and nothing else may happen to the process. */
static void signal_storm(void)
{
	int p[2], rounds = 2000, eintr = 0, i;
	pid_t parent = getpid(), child;
	char c;

	pipe(p);
	set_handler(SIGUSR2, 0);
	got = 0;
	child = fork();
	if (child == 0) {
		for (;;) {
			kill(parent, SIGUSR2);
			usleep(100);
		}
	}
	alarm(60);
	for (i = 0; i < rounds; i++)
		if (read(p[0], &c, 1) < 0 && errno == EINTR)
			eintr++;
	alarm(0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("signal storm: %d rounds, %d EINTR, handled at least as many: %d\n", rounds, eintr,
	       got >= eintr);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	full_write(0, 0, "full, no SA_RESTART");
	full_write(0, 8192, "full, part written, no SA_RESTART");
	full_write(SA_RESTART, 0, "full, SA_RESTART");
	nonblock_shared();
	thread_wake();
	signal_storm();
	return 0;
}
