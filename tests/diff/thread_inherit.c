/* What a new thread starts with, after many threads were created and
 * joined (exo-run reuses the memory of joined threads, and the creator
 * learns the new tid without waiting for the new thread to start,
 * docs/legacy-processes.md "Threads"): its tid is new and its own
 * (gettid, tgkill, the tid musl's pthread_kill uses), its signal mask,
 * affinity, nice value and credentials are its creator's, nothing
 * is pending, and a signal sent to it the moment pthread_create returns
 * is delivered to it. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CYCLES 300

struct seen {
	pid_t tid;
	int usr1_blocked, usr2_blocked, pending;
	int affinity_same, nice;
	uid_t uid, euid;
	gid_t gid;
};

static cpu_set_t main_cpus;
static volatile pid_t handled_by;
static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled_by = (pid_t)syscall(SYS_gettid);
	handled = 1;
}

static void *look(void *arg)
{
	struct seen *s = arg;
	sigset_t mask, pend;
	cpu_set_t cpus;

	s->tid = (pid_t)syscall(SYS_gettid);
	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	s->usr1_blocked = sigismember(&mask, SIGUSR1);
	s->usr2_blocked = sigismember(&mask, SIGUSR2);
	sigpending(&pend);
	s->pending = sigismember(&pend, SIGUSR2) + sigismember(&pend, SIGUSR1);
	CPU_ZERO(&cpus);
	s->affinity_same = sched_getaffinity(0, sizeof cpus, &cpus) == 0 &&
	                   CPU_EQUAL(&cpus, &main_cpus);
	errno = 0;
	s->nice = getpriority(PRIO_PROCESS, 0);
	s->uid = getuid();
	s->euid = geteuid();
	s->gid = getgid();
	return NULL;
}

static void *short_life(void *arg)
{
	return arg;
}

/* Waits (making calls, where signals are delivered) for the signal the
 * creator sent at once; with arg, it started with SIGUSR1 blocked. */
static void *wait_signal(void *arg)
{
	struct timespec ms = { 0, 1000000 };
	sigset_t usr1;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (arg)
		pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	for (int i = 0; i < 2000 && !handled; i++)
		nanosleep(&ms, NULL);
	return (void *)(long)syscall(SYS_gettid);
}

int main(void)
{
	pid_t me = (pid_t)syscall(SYS_gettid), last = me;
	int fresh = 1, own = 1, gone = 1;
	struct seen s;
	sigset_t block;
	pthread_t t;

	/* Many cycles first: each new thread gets a new tid. */
	for (int i = 0; i < CYCLES; i++) {
		memset(&s, 0, sizeof s);
		if (pthread_create(&t, NULL, look, &s) != 0 || pthread_join(t, NULL) != 0) {
			printf("cycle %d failed\n", i);
			return 1;
		}
		if (s.tid == me || s.tid == last || s.tid == getpid())
			fresh = 0;
		last = s.tid;
	}
	printf("%d cycles: every tid new: %d\n", CYCLES, fresh);

	/* A joined thread's tid is gone (its host thread may still be ending
	 * a moment after the join, natively too: wait for it). */
	for (int i = 0; i < 1000 && syscall(SYS_tgkill, getpid(), last, 0) == 0; i++)
		usleep(1000);
	errno = 0;
	printf("tgkill of a joined thread: %ld %s\n", syscall(SYS_tgkill, getpid(), last, 0),
	       strerror(errno));

	/* What the creator set is what the new thread starts with. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR2);  /* pending for the main thread only */
	CPU_ZERO(&main_cpus);
	CPU_SET(0, &main_cpus);
	printf("sched_setaffinity cpu 0: %d\n", sched_setaffinity(0, sizeof main_cpus, &main_cpus));
	printf("setpriority +3: %d\n", setpriority(PRIO_PROCESS, 0, 3));
	for (int i = 0; i < 3; i++) {
		memset(&s, 0, sizeof s);
		pthread_create(&t, NULL, look, &s);
		pthread_join(t, NULL);
		printf("thread %d: own tid %d, SIGUSR2 blocked %d, SIGUSR1 blocked %d, pending %d, "
		       "affinity same %d, nice %d, ids same %d\n",
		       i, s.tid != me && s.tid != last, s.usr2_blocked, s.usr1_blocked, s.pending,
		       s.affinity_same, s.nice,
		       s.uid == getuid() && s.euid == geteuid() && s.gid == getgid());
		last = s.tid;
	}
	signal(SIGUSR2, SIG_IGN);  /* the pending SIGUSR2 is dropped */
	pthread_sigmask(SIG_UNBLOCK, &block, NULL);

	/* A signal sent the moment pthread_create returns reaches the new
	 * thread, and only it: with the mask open, and with SIGUSR1 blocked
	 * by the creator (so at first by the new thread, until it opens it). */
	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	for (int i = 0; i < 50; i++) {
		void *tid;
		handled = 0;
		handled_by = 0;
		if (i & 1)
			pthread_sigmask(SIG_BLOCK, &block, NULL);
		pthread_create(&t, NULL, wait_signal, (void *)(long)(i & 1));
		pthread_kill(t, SIGUSR1);
		pthread_join(t, &tid);
		pthread_sigmask(SIG_UNBLOCK, &block, NULL);
		if (!handled || handled_by != (pid_t)(long)tid)
			own = 0;
	}
	printf("pthread_kill at once: handled by the new thread: %d\n", own);

	/* Short threads, joined at once, return their values. */
	for (int i = 0; i < 200; i++) {
		void *r;
		if (pthread_create(&t, NULL, short_life, (void *)(long)i) != 0 ||
		    pthread_join(t, &r) != 0 || r != (void *)(long)i)
			gone = 0;
	}
	printf("200 short threads joined with their values: %d\n", gone);
	return 0;
}
