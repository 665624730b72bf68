/* Many threads on one mutex and condition variable; join results;
 * detached threads; gettid differs per thread. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 16
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static long counter, turn, tids_distinct = 1;
static long tids[N];

static void *worker(void *arg)
{
	long id = (long)arg;

	tids[id] = syscall(SYS_gettid);
	for (int i = 0; i < 2000; i++) {
		pthread_mutex_lock(&m);
		counter++;
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	while (turn != id)
		pthread_cond_wait(&c, &m);
	turn++;
	pthread_cond_broadcast(&c);
	pthread_mutex_unlock(&m);
	return (void *)(id * id);
}

static void *detached(void *arg)
{
	pthread_mutex_lock(&m);
	counter += (long)arg;
	pthread_cond_broadcast(&c);
	pthread_mutex_unlock(&m);
	return 0;
}

int main(void)
{
	pthread_t t[N];
	long sum = 0;

	for (long i = 0; i < N; i++)
		pthread_create(&t[i], 0, worker, (void *)i);
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		sum += (long)r;
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < i; j++)
			if (tids[i] == tids[j] || tids[i] == getpid())
				tids_distinct = 0;
	printf("counter=%ld turn=%ld sum=%ld distinct tids=%ld\n", counter, turn, sum, tids_distinct);

	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (int k = 0; k < 50; k++) {
		pthread_t d;
		long want;
		pthread_mutex_lock(&m);
		want = counter + 1;
		pthread_create(&d, &a, detached, (void *)1);
		while (counter != want)
			pthread_cond_wait(&c, &m);
		pthread_mutex_unlock(&m);
	}
	for (int k = 0; k < 100; k++) {
		pthread_t x;
		pthread_mutex_lock(&m);
		turn = N;
		pthread_mutex_unlock(&m);
		pthread_create(&x, 0, worker, (void *)(long)N);
		pthread_join(x, 0);
	}
	printf("after detached and serial threads: %ld\n", counter);
	return 0;
}
