/* fork after threads have come and gone (the kernel model then forks
 * without glibc's lock resets, hosted-kernel/process.c): the child and
 * the parent both create, join and fork again, malloc and print; a
 * grandchild does the same. Run across several rounds so threads whose
 * memory is reused take part. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *work(void *arg)
{
	long n = (long)arg;
	char *p = malloc(1000 + n);
	memset(p, (int)n, 1000 + n);
	long sum = p[n];
	free(p);
	return (void *)(sum + n);
}

static long threads(int count)
{
	long total = 0;
	for (int i = 0; i < count; i++) {
		pthread_t t;
		void *r;
		if (pthread_create(&t, 0, work, (void *)(long)i) != 0 || pthread_join(t, &r) != 0)
			return -1;
		total += (long)r;
	}
	return total;
}

static int generation(int depth)
{
	int st;

	printf("depth %d threads %ld\n", depth, threads(4));
	fflush(stdout);
	if (depth == 2)
		return 0;
	pid_t p = fork();
	if (p < 0)
		return 1;
	if (p == 0)
		_exit(generation(depth + 1));
	if (waitpid(p, &st, 0) != p || !WIFEXITED(st))
		return 1;
	printf("depth %d child status %d, threads again %ld\n", depth, WEXITSTATUS(st), threads(3));
	return WEXITSTATUS(st);
}

int main(void)
{
	for (int round = 0; round < 3; round++) {
		printf("round %d\n", round);
		if (generation(0) != 0)
			return 1;
	}
	return 0;
}
