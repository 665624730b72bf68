/* Signals around threads that end and are replaced, the churn exo-run
 * serves from its pool of parked host threads (hosted-kernel/
 * thread_pool.c): every real-time signal the main thread queues to its
 * own process while three threads create and join threads is handled,
 * none lost (a sender once took the pool's lock, and threads waiting for
 * it filled their queues and dropped signals). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SENDS 5000

static volatile int handled_rt;
static volatile int churn_stop;

static void on_rt(int sig)
{
	(void)sig;
	__atomic_add_fetch(&handled_rt, 1, __ATOMIC_RELAXED);
}

static void *nothing(void *arg)
{
	return arg;
}

static void *churn(void *arg)
{
	while (!__atomic_load_n(&churn_stop, __ATOMIC_RELAXED)) {
		pthread_t t;
		if (pthread_create(&t, NULL, nothing, NULL) == 0)
			pthread_join(t, NULL);
	}
	return arg;
}

static void flood(void)
{
	pthread_t c[3];
	int sent = 0, again = 0;

	for (int i = 0; i < 3; i++)
		pthread_create(&c[i], NULL, churn, NULL);
	for (int i = 0; i < SENDS; i++) {
		union sigval v = { .sival_int = i };
		/* The queue may fill faster than handlers empty it: Linux then
		 * refuses the send (EAGAIN); a refused one is not counted. */
		while (sigqueue(getpid(), SIGRTMIN, v) != 0 && errno == EAGAIN) {
			again++;
			sched_yield();
		}
		sent++;
	}
	__atomic_store_n(&churn_stop, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < 3; i++)
		pthread_join(c[i], NULL);
	/* Everything sent is handled before the joins return or soon after. */
	for (int i = 0; i < 2000 && __atomic_load_n(&handled_rt, __ATOMIC_RELAXED) < sent; i++)
		usleep(1000);
	printf("queued %d, handled %s\n", sent, handled_rt == sent ? "all" : "fewer");
	if (handled_rt != sent)
		fprintf(stderr, "handled %d of %d\n", handled_rt, sent);
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_rt;
	sigaction(SIGRTMIN, &sa, NULL);
	flood();
	return 0;
}
