/* Signals and threads: pthread_kill reaches the one thread it names,
 * among several; a process-directed signal goes to the one thread that
 * does not block it; pthread_cancel of a thread blocked in read (musl's
 * SIGCANCEL). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define N 6

static pthread_t threads[N];
static volatile int hit[N];
static volatile int ready;
static int pipe_fd[2];
static pthread_barrier_t start;

static void on_usr1(int sig)
{
	pthread_t self = pthread_self();
	(void)sig;
	for (int i = 0; i < N; i++)
		if (pthread_equal(self, threads[i]))
			hit[i]++;
}

static void *worker(void *arg)
{
	long me = (long)arg;
	sigset_t set;

	/* Only thread 3 takes process-directed SIGUSR2's cousin, SIGUSR1. */
	if (me != 3) {
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	}
	pthread_barrier_wait(&start);
	while (!ready)
		usleep(1000);
	return NULL;
}

static volatile int usr2_thread = -1;

static void on_usr2(int sig)
{
	pthread_t self = pthread_self();
	(void)sig;
	for (int i = 0; i < N; i++)
		if (pthread_equal(self, threads[i]))
			usr2_thread = i;
}

static void *reader(void *arg)
{
	char c;
	(void)arg;
	read(pipe_fd[0], &c, 1);
	printf("reader: not cancelled\n");
	return NULL;
}

int main(void)
{
	sigset_t set;
	void *res;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, on_usr2);
	/* The main thread blocks SIGUSR2, so kill() must find thread 3. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_barrier_init(&start, NULL, N + 1);
	for (long i = 0; i < N; i++)
		pthread_create(&threads[i], NULL, worker, (void *)i);
	pthread_barrier_wait(&start);
	pthread_kill(threads[4], SIGUSR1);
	pthread_kill(threads[1], SIGUSR1);
	pthread_kill(threads[1], SIGUSR1);
	usleep(100000);
	kill(getpid(), SIGUSR2);
	usleep(100000);
	ready = 1;
	for (int i = 0; i < N; i++)
		pthread_join(threads[i], NULL);
	for (int i = 0; i < N; i++)
		printf("thread %d: %d\n", i, hit[i] > 0);
	printf("process SIGUSR2 went to thread %d\n", usr2_thread);

	pthread_t r;
	pipe(pipe_fd);
	pthread_create(&r, NULL, reader, NULL);
	usleep(100000);
	pthread_cancel(r);
	pthread_join(r, &res);
	printf("reader cancelled: %d\n", res == PTHREAD_CANCELED);
	return 0;
}
