/* What a thread leaves behind must not reach the next one. exo-run parks
 * the host thread of an ended thread and gives it the next new thread
 * (hosted-kernel/thread_pool.c); each check here is made after many
 * create + join cycles, so that the new threads run on reused host
 * threads there: a tgkill, tkill or kill to a joined thread's tid fails
 * with ESRCH and reaches no thread, a signal left pending in an ending
 * thread dies with it, and a new thread starts with its creator's mask,
 * no alternate signal stack, fresh TLS, errno 0, a CPU clock and
 * RUSAGE_THREAD counting from its start, and a tid unlike the last
 * joined thread's (exo-run may give an earlier joined thread's tid). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static __thread int tls_word = 42;
static volatile int handled;
static volatile pid_t messy_tid;

struct seen {
	pid_t tid;
	int hup_blocked, usr2_blocked, pending, altstack_off, tls, err, cpu_fresh, usage_fresh;
};

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static double thread_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Leaves as much behind as a thread can: a changed mask and TLS word, an
 * alternate stack, errno, CPU time, and (with arg) a blocked signal sent
 * to itself still pending. */
static void *messy(void *arg)
{
	static char stack[1 << 16];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof stack };
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGHUP);
	sigaddset(&s, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	sigaltstack(&ss, NULL);
	tls_word = 7;
	errno = EINVAL;
	while (thread_cpu_ms() < 5)
		;
	messy_tid = (pid_t)syscall(SYS_gettid);
	if (arg)
		syscall(SYS_tgkill, getpid(), messy_tid, SIGUSR2);
	return NULL;
}

static void *look(void *arg)
{
	struct seen *s = arg;
	sigset_t mask, pend;
	stack_t ss;
	struct rusage ru;

	s->err = errno;
	s->tid = (pid_t)syscall(SYS_gettid);
	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	s->hup_blocked = sigismember(&mask, SIGHUP);
	s->usr2_blocked = sigismember(&mask, SIGUSR2);
	sigpending(&pend);
	s->pending = sigismember(&pend, SIGUSR2) + sigismember(&pend, SIGUSR1);
	s->altstack_off = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE);
	s->tls = tls_word;
	s->cpu_fresh = thread_cpu_ms() < 4;
	getrusage(RUSAGE_THREAD, &ru);
	s->usage_fresh = ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000 +
	                 ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000 < 4;
	return NULL;
}

static pid_t run(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	pid_t tid = 0;

	if (pthread_create(&t, NULL, fn, arg) != 0 || pthread_join(t, NULL) != 0)
		return -1;
	if (fn == look)
		tid = ((struct seen *)arg)->tid;
	return tid;
}

/* A joined thread's tid may live a moment after the join, natively too. */
static const char *gone(pid_t tid)
{
	for (int i = 0; i < 1000 && syscall(SYS_tgkill, getpid(), tid, 0) == 0; i++)
		usleep(1000);
	errno = 0;
	long a = syscall(SYS_tgkill, getpid(), tid, SIGUSR1);
	int ea = errno;
	errno = 0;
	long b = syscall(SYS_tkill, tid, SIGUSR1);
	int eb = errno;
	errno = 0;
	long c = kill(tid, SIGUSR1);
	int ec = errno;
	static char out[160];
	snprintf(out, sizeof out, "tgkill %ld %s, tkill %ld %s, kill %ld %s", a, strerror(ea), b,
	         strerror(eb), c, strerror(ec));
	return out;
}

int main(void)
{
	struct seen s;
	pid_t last = 0;
	int ok = 1, st;

	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, on_signal);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 50; i++) {
			memset(&s, 0, sizeof s);
			if ((last = run(look, &s)) < 0)
				return 1;
		}
		printf("round %d: joined tid: %s\n", round, gone(last));
		run(messy, (void *)(long)(round & 1));
		last = messy_tid;
		for (int i = 0; i < 3; i++) {
			memset(&s, 0, sizeof s);
			if (run(look, &s) < 0)
				return 1;
			printf("  new thread: own tid %d, SIGHUP blocked %d, SIGUSR2 blocked %d, "
			       "pending %d, no altstack %d, tls %d, errno %d, cpu clock fresh %d, "
			       "usage fresh %d\n",
			       s.tid != last && s.tid != getpid(), s.hup_blocked, s.usr2_blocked,
			       s.pending, s.altstack_off, s.tls, s.err, s.cpu_fresh, s.usage_fresh);
			last = s.tid;
		}
	}
	usleep(20000);
	printf("signals handled: %d\n", handled);

	/* A fork child has none of the parent's threads, parked or not. */
	pid_t p = fork();
	if (p == 0) {
		for (int i = 0; i < 20; i++)
			if (run(look, &s) < 0 || s.tid == getpid())
				_exit(1);
		_exit(0);
	}
	if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		ok = 0;
	printf("fork child made 20 threads: %d\n", ok);
	return 0;
}
