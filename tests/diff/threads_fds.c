/* Descriptors allocated by several threads at once: every open returns a
 * descriptor no other thread holds at that moment, and all are closed at
 * the end (the next open gets the lowest number again). */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 4
#define ROUNDS 2000
#define HELD 8

static int owner[1024];
static int clashes, failures;

static void *worker(void *arg)
{
	int me = (int)(long)arg + 1;
	int fds[HELD];

	for (int r = 0; r < ROUNDS; r++) {
		for (int i = 0; i < HELD; i++) {
			fds[i] = open("/dev/null", O_RDONLY);
			if (fds[i] < 0 || fds[i] >= 1024) {
				__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
				fds[i] = -1;
				continue;
			}
			int expected = 0;
			if (!__atomic_compare_exchange_n(&owner[fds[i]], &expected, me, 0,
			                                 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
				__atomic_add_fetch(&clashes, 1, __ATOMIC_RELAXED);
		}
		for (int i = 0; i < HELD; i++) {
			if (fds[i] < 0)
				continue;
			__atomic_store_n(&owner[fds[i]], 0, __ATOMIC_RELEASE);
			close(fds[i]);
		}
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	int lowest = open("/dev/null", O_RDONLY);

	close(lowest);
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	int again = open("/dev/null", O_RDONLY);
	printf("opens that failed: %d\n", failures);
	printf("descriptors held by two threads at once: %d\n", clashes);
	printf("lowest descriptor free again at the end: %s\n", again == lowest ? "yes" : "no");
	return 0;
}
