/* Blocking polls over sets of 8 descriptors and more (the per-thread kept
 * set of hosted-kernel/poll_set.c): woken by a write from another thread
 * and from another process; two threads each blocked on its own set, one
 * woken, the other timing out; a fork after the parent polled, the child
 * polling another set and writing into the parent's, both polling after;
 * a thread that polled and ended, many times over; a child's exit
 * (SIGCHLD, ignored) during a wait, which must not end it, and a caught
 * signal, which must (EINTR). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>

#define NP 24

static int rd[NP], wr[NP];

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&t, NULL);
}

static void set_of(struct pollfd *f, int first, int n)
{
	for (int i = 0; i < n; i++)
		f[i] = (struct pollfd){ rd[first + i], POLLIN, 0 };
}

static void show(const char *label, struct pollfd *f, int n, int r)
{
	printf("%s: %d:", label, r < 0 ? -errno : r);
	for (int i = 0; i < n; i++)
		printf(" %x", f[i].revents);
	printf("\n");
	fflush(stdout);
}

static void *write_later(void *arg)
{
	sleep_ms(30);
	write(wr[(long)arg], "w", 1);
	return NULL;
}

struct waiter {
	int first, ms, r;
	struct pollfd f[8];
};

static void *poll_own(void *arg)
{
	struct waiter *w = arg;
	set_of(w->f, w->first, 8);
	poll(w->f, 8, 0);         /* its set is kept before the wait */
	w->r = poll(w->f, 8, w->ms);
	return NULL;
}

static void *poll_and_end(void *arg)
{
	struct pollfd f[10];
	set_of(f, 0, 10);
	return (void *)(long)poll(f, 10, 0);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

int main(void)
{
	struct pollfd f[16], g[16];
	char c;
	pthread_t th, tb;

	for (int i = 0; i < NP; i++) {
		int p[2];
		if (pipe(p) < 0)
			return 1;
		rd[i] = p[0];
		wr[i] = p[1];
	}

	/* woken by another thread, once the set was kept and idle */
	set_of(f, 0, 12);
	show("idle", f, 12, poll(f, 12, 0));
	pthread_create(&th, NULL, write_later, (void *)7L);
	show("woken by a thread", f, 12, poll(f, 12, -1));
	pthread_join(th, NULL);
	read(rd[7], &c, 1);
	pthread_create(&th, NULL, write_later, (void *)3L);
	show("woken by a thread, 5 s timeout", f, 12, poll(f, 12, 5000));
	pthread_join(th, NULL);
	read(rd[3], &c, 1);

	/* woken by another process */
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(30);
		write(wr[10], "p", 1);
		_exit(0);
	}
	show("woken by a process", f, 12, poll(f, 12, -1));
	waitpid(pid, NULL, 0);
	read(rd[10], &c, 1);

	/* two threads, two sets: a write to the first set's pipe wakes the
	 * first thread only; the second times out with nothing */
	struct waiter a = { .first = 0, .ms = 5000 }, b = { .first = 12, .ms = 150 };
	pthread_create(&th, NULL, poll_own, &a);
	pthread_create(&tb, NULL, poll_own, &b);
	sleep_ms(40);
	write(wr[5], "a", 1);
	pthread_join(th, NULL);
	pthread_join(tb, NULL);
	show("thread A", a.f, 8, a.r);
	show("thread B", b.f, 8, b.r);
	read(rd[5], &c, 1);

	/* fork after the parent's set was kept: the child polls another
	 * set, then writes into the parent's, which must still wake */
	show("parent before fork", f, 12, poll(f, 12, 0));
	pid = fork();
	if (pid == 0) {
		set_of(g, 12, 10);
		write(wr[14], "c", 1);
		show("child, its own set", g, 10, poll(g, 10, 0));
		show("child, its own set again", g, 10, poll(g, 10, 0));
		show("child, the parent's set", f, 12, poll(f, 12, 0));
		set_of(g, 12, 10);
		show("child, back to its set", g, 10, poll(g, 10, 0));
		sleep_ms(30);
		write(wr[9], "d", 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	show("parent after the child", f, 12, poll(f, 12, 2000));
	read(rd[9], &c, 1);
	read(rd[14], &c, 1);
	pid = fork();
	if (pid == 0) {
		set_of(g, 12, 10);
		show("second child, 50 ms", g, 10, poll(g, 10, 50));
		sleep_ms(20);
		write(wr[1], "e", 1);
		_exit(0);
	}
	show("parent blocked across the child's life", f, 12, poll(f, 12, 3000));
	waitpid(pid, NULL, 0);
	read(rd[1], &c, 1);

	/* a child ends during the wait: its SIGCHLD (default: ignored) does
	 * not end the poll, with 1 descriptor or with the kept set */
	for (int n = 1; n <= 12; n += 11) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		set_of(f, 0, n);
		char label[64];
		snprintf(label, sizeof label, "%d, a child exits during 100 ms", n);
		show(label, f, n, poll(f, n, 100));
		waitpid(pid, NULL, 0);
	}

	/* a caught signal ends a wait for ever: EINTR */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	set_of(f, 0, 12);
	poll(f, 12, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	show("caught signal during the wait", f, 12, poll(f, 12, -1));
	printf("alarms %d\n", alarms);

	/* threads that poll and end */
	long sum = 0;
	for (int i = 0; i < 40; i++) {
		void *r;
		pthread_create(&th, NULL, poll_and_end, NULL);
		pthread_join(th, &r);
		sum += (long)r;
	}
	printf("40 threads polled and ended: %ld ready\n", sum);
	show("main again", f, 12, poll(f, 12, 0));
	return 0;
}
