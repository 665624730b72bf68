/* Process-directed signals while threads come and go: every one is
 * handled, though the only threads that take it are short ones that are
 * ending, and the handler sees the kill as it was sent (SI_USER, this
 * process's pid). Under exo-run a thread whose guest mask blocks a host
 * signal holds it and queues it to the process again; Linux refuses a
 * thread other than the first that queue for a kill's SI_USER (EPERM),
 * and every such signal was lost (hosted-kernel/signal_host.c,
 * signal_requeue). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define SIGNALS 30

static volatile int handled, stop, not_as_sent;
static sigset_t usr1;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	if (si->si_code != SI_USER || si->si_pid != getpid())
		__atomic_add_fetch(&not_as_sent, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&handled, 1, __ATOMIC_RELAXED);
}

/* The only threads with SIGUSR1 open. */
static void *brief(void *arg)
{
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	return arg;
}

static void *churn(void *arg)
{
	long n = 0;
	(void)arg;
	while (!stop) {
		pthread_t t;
		if (pthread_create(&t, NULL, brief, NULL) == 0) {
			pthread_join(t, NULL);
			n++;
		}
	}
	return (void *)n;
}

int main(void)
{
	struct timespec tick = { 0, 200000 };
	int lost = 0;
	pthread_t churner;
	void *made;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	sigaction(SIGUSR1, &sa, NULL);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);  /* the churner inherits it */
	pthread_create(&churner, NULL, churn, NULL);
	for (int i = 0; i < SIGNALS; i++) {
		int w = 0;
		kill(getpid(), SIGUSR1);
		/* standard signals coalesce: wait for each, 0.5 s at most */
		while (__atomic_load_n(&handled, __ATOMIC_RELAXED) <= i && w++ < 2500)
			nanosleep(&tick, NULL);
		if (__atomic_load_n(&handled, __ATOMIC_RELAXED) <= i) {
			lost++;
			__atomic_store_n(&handled, i + 1, __ATOMIC_RELAXED);
		}
	}
	stop = 1;
	pthread_join(churner, &made);
	printf("%d process-directed signals among ending threads: lost %d, threads made: %s\n",
	       SIGNALS, lost, (long)made >= SIGNALS ? "many" : "few");
	printf("handled with another si_code or si_pid than kill's: %d\n", not_as_sent);
	return 0;
}
