/* POSIX timers and the CPU-time interval timers: a periodic SIGEV_SIGNAL
 * timer whose handler checks si_code, si_value and si_timerid; a
 * SIGEV_THREAD timer (musl's helper thread runs the callback); the time
 * left from timer_gettime; the overrun of a blocked periodic timer; the
 * old value, TIMER_ABSTIME, SIGEV_NONE; EINVAL after timer_delete and for
 * ids never made; the CPU-time clocks; ITIMER_VIRTUAL and ITIMER_PROF
 * while spinning. Only booleans and counts are printed, with generous
 * bounds, so a loaded machine gives the same output. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SIG (SIGRTMIN + 2)
#define MS 1000000L

static volatile sig_atomic_t fired, bad_info;
static timer_t seen_id;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig != SIG || si->si_code != SI_TIMER || si->si_value.sival_int != 4242 ||
	    si->si_timerid != (int)(long)seen_id)
		bad_info = 1;
	fired++;
}

static struct itimerspec every(long first_ns, long interval_ns)
{
	struct itimerspec it;

	it.it_value.tv_sec = first_ns / 1000000000L;
	it.it_value.tv_nsec = first_ns % 1000000000L;
	it.it_interval.tv_sec = interval_ns / 1000000000L;
	it.it_interval.tv_nsec = interval_ns % 1000000000L;
	return it;
}

static void periodic_signal(void)
{
	struct sigaction sa;
	struct sigevent ev;
	struct itimerspec it = every(5 * MS, 5 * MS), off = every(0, 0);
	timer_t t;
	int spins = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIG, &sa, NULL);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIG;
	ev.sigev_value.sival_int = 4242;
	printf("create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	seen_id = t;
	printf("small id: %d\n", (int)(long)t >= 0 && (int)(long)t < 64);
	printf("settime: %d\n", timer_settime(t, 0, &it, NULL));
	/* Five expirations; pause may return for each. At most 20 s. */
	while (fired < 5 && spins++ < 4000) {
		struct timespec d = { 0, 5 * MS };
		nanosleep(&d, NULL);
	}
	timer_settime(t, 0, &off, NULL);
	printf("periodic fired >= 5: %d, siginfo right: %d\n", fired >= 5, !bad_info);
	printf("delete: %d\n", timer_delete(t));
	errno = 0;
	printf("settime deleted: %d %s\n", timer_settime(t, 0, &it, NULL), strerror(errno));
	errno = 0;
	printf("gettime deleted: %d %s\n", timer_gettime(t, &it), strerror(errno));
	errno = 0;
	printf("getoverrun deleted: %d %s\n", timer_getoverrun(t), strerror(errno));
	errno = 0;
	printf("delete deleted: %d %s\n", timer_delete(t), strerror(errno));
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int thread_calls, thread_value_ok, thread_not_main;
static pthread_t main_thread;

static void on_thread_timer(union sigval v)
{
	pthread_mutex_lock(&lock);
	thread_calls++;
	thread_value_ok = v.sival_int == 77;
	thread_not_main = !pthread_equal(pthread_self(), main_thread);
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
}

static void thread_notify(void)
{
	struct sigevent ev;
	struct itimerspec it = every(10 * MS, 0);
	struct timespec until;
	timer_t t;
	int r = 0;

	main_thread = pthread_self();
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = on_thread_timer;
	ev.sigev_value.sival_int = 77;
	printf("thread create: %d\n", timer_create(CLOCK_REALTIME, &ev, &t));
	printf("thread settime: %d\n", timer_settime(t, 0, &it, NULL));
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 20;
	pthread_mutex_lock(&lock);
	while (!thread_calls && r == 0)
		r = pthread_cond_timedwait(&cond, &lock, &until);
	pthread_mutex_unlock(&lock);
	printf("thread callback: calls %d value %d other thread %d\n", thread_calls, thread_value_ok,
	       thread_not_main);
	printf("thread delete: %d\n", timer_delete(t));
}

static void gettime_and_old(void)
{
	struct sigevent ev;
	struct itimerspec it = every(3000 * MS, 1500 * MS), cur, old;
	struct timespec now;
	timer_t t;
	long left;

	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_NONE;
	printf("none create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	timer_gettime(t, &cur);
	printf("unarmed: %d\n", !cur.it_value.tv_sec && !cur.it_value.tv_nsec);
	timer_settime(t, 0, &it, NULL);
	timer_gettime(t, &cur);
	left = cur.it_value.tv_sec * 1000 + cur.it_value.tv_nsec / MS;
	printf("left within (1000, 3000] ms: %d, interval 1.5 s: %d\n", left > 1000 && left <= 3000,
	       cur.it_interval.tv_sec == 1 && cur.it_interval.tv_nsec == 500 * MS);
	/* Absolute, 10 s ahead: the old value is the relative one set above. */
	clock_gettime(CLOCK_MONOTONIC, &now);
	it = every(0, 0);
	it.it_value.tv_sec = now.tv_sec + 10;
	it.it_value.tv_nsec = now.tv_nsec;
	printf("abstime: %d\n", timer_settime(t, TIMER_ABSTIME, &it, &old));
	left = old.it_value.tv_sec * 1000 + old.it_value.tv_nsec / MS;
	printf("old left within (1000, 3000] ms: %d, old interval: %d\n", left > 1000 && left <= 3000,
	       old.it_interval.tv_sec == 1);
	timer_gettime(t, &cur);
	left = cur.it_value.tv_sec * 1000 + cur.it_value.tv_nsec / MS;
	printf("abs left within (8000, 10000] ms: %d, no interval: %d\n", left > 8000 && left <= 10000,
	       !cur.it_interval.tv_sec && !cur.it_interval.tv_nsec);
	it = every(1 * MS, 0);
	it.it_value.tv_nsec = 1000000000L;
	errno = 0;
	printf("bad nsec: %d %s\n", timer_settime(t, 0, &it, NULL), strerror(errno));
	timer_delete(t);
	errno = 0;
	printf("bad id: %d %s\n", timer_gettime((timer_t)(long)12345, &cur), strerror(errno));
	errno = 0;
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	printf("bad signo: %d %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t), strerror(errno));
	errno = 0;
	ev.sigev_signo = SIGUSR1;
	printf("bad clock: %d %s\n", timer_create(12345, &ev, &t), strerror(errno));
	/* Bad pointers: EFAULT, through the raw call (musl copies the id). */
	errno = 0;
	printf("efault event: %ld %s\n", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)8, &t),
	       strerror(errno));
	errno = 0;
	printf("efault id: %ld %s\n", syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, (void *)8),
	       strerror(errno));
	timer_create(CLOCK_MONOTONIC, &ev, &t);
	errno = 0;
	printf("efault new: %ld %s\n", syscall(SYS_timer_settime, t, 0, (void *)8, NULL),
	       strerror(errno));
	errno = 0;
	printf("efault get: %ld %s\n", syscall(SYS_timer_gettime, t, (void *)8), strerror(errno));
	it = every(5000 * MS, 0);
	errno = 0;
	printf("efault old: %ld %s", syscall(SYS_timer_settime, t, 0, &it, (void *)8),
	       strerror(errno));
	timer_gettime(t, &cur);
	printf(", armed anyway: %d\n", cur.it_value.tv_sec >= 3);
	timer_delete(t);
	printf("cpu clocks: %d", timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &t));
	timer_delete(t);
	printf(" %d\n", timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &t));
	timer_delete(t);
}

static void blocked_overrun(void)
{
	struct sigevent ev;
	struct itimerspec it = every(1 * MS, 1 * MS), off = every(0, 0);
	struct timespec d = { 0, 100 * MS }, zero = { 0, 0 };
	sigset_t set;
	siginfo_t si;
	timer_t t;
	int got, n;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	ev.sigev_value.sival_int = 9;
	timer_create(CLOCK_MONOTONIC, &ev, &t);
	timer_settime(t, 0, &it, NULL);
	/* 100 expirations while blocked: one signal stands for them all. */
	nanosleep(&d, NULL);
	got = sigwaitinfo(&set, &si);
	n = timer_getoverrun(t);
	timer_settime(t, 0, &off, NULL);
	printf("blocked: signo %d code timer %d value %d overrun > 0: %d getoverrun > 0: %d same %d\n",
	       got == SIGUSR2, si.si_code == SI_TIMER, si.si_value.sival_int, si.si_overrun > 0, n > 0,
	       n == si.si_overrun);
	/* Stopped: whatever signal is still pending for it is at most one. */
	n = 0;
	while (sigtimedwait(&set, &si, &zero) == SIGUSR2)
		n++;
	printf("left pending at most one: %d\n", n <= 1);
	timer_delete(t);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static volatile sig_atomic_t vt, prof;
volatile unsigned long spin_sum;

static void on_cpu(int sig)
{
	if (sig == SIGVTALRM)
		vt++;
	else
		prof++;
}

static void cpu_itimers(void)
{
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, cur, off = { { 0, 0 }, { 0, 0 } };
	struct timespec start, now;

	signal(SIGVTALRM, on_cpu);
	signal(SIGPROF, on_cpu);
	printf("virtual set: %d\n", setitimer(ITIMER_VIRTUAL, &it, NULL));
	printf("prof set: %d\n", setitimer(ITIMER_PROF, &it, NULL));
	getitimer(ITIMER_VIRTUAL, &cur);
	printf("virtual interval: %d\n", cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 10000);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		for (int i = 0; i < 100000; i++)
			spin_sum += (unsigned long)i;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((vt < 3 || prof < 3) && now.tv_sec - start.tv_sec < 30);
	setitimer(ITIMER_VIRTUAL, &off, NULL);
	setitimer(ITIMER_PROF, &off, NULL);
	printf("spinning: SIGVTALRM >= 3 %d, SIGPROF >= 3 %d\n", vt >= 3, prof >= 3);
	errno = 0;
	printf("bad which: %d %s\n", setitimer(7, &it, NULL), strerror(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	periodic_signal();
	thread_notify();
	gettime_and_old();
	blocked_overrun();
	cpu_itimers();
	return 0;
}
