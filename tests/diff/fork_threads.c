/* fork in a multithreaded process: only the calling thread goes on in the
 * child, and the child can create threads of its own. */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile long ticks;
static volatile int stop;

static void *spinner(void *arg)
{
	(void)arg;
	while (!stop)
		ticks++;
	return 0;
}

static void *twice(void *arg)
{
	return (void *)((long)arg * 2);
}

int main(void)
{
	pthread_t t;
	struct timespec d = { 0, 20000000 };
	int st;

	pthread_create(&t, 0, spinner, 0);
	while (ticks < 1000)
		;
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		long before = ticks;
		nanosleep(&d, 0);
		void *r;
		pthread_t u;
		pthread_create(&u, 0, twice, (void *)21);
		pthread_join(u, &r);
		printf("child: spinner %s, new thread gives %ld\n",
		       ticks == before ? "gone" : "still running", (long)r);
		return 0;
	}
	waitpid(p, &st, 0);
	stop = 1;
	pthread_join(t, 0);
	printf("parent: child exited %d, spinner ran %s\n", WEXITSTATUS(st), ticks > 1000 ? "yes" : "no");
	return 0;
}
