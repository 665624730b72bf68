/* MAP_SHARED anonymous memory stays one object across fork: parent and
 * child count in it; MAP_PRIVATE memory is copied. A process-shared
 * futex word in it hands the turn back and forth. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	long *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long *private = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;

	if (shared == MAP_FAILED || private == MAP_FAILED)
		return 1;
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		for (int i = 0; i < 100000; i++)
			__atomic_fetch_add(&shared[0], 1, __ATOMIC_RELAXED);
		private[0] = 42;
		_exit(0);
	}
	for (int i = 0; i < 100000; i++)
		__atomic_fetch_add(&shared[0], 1, __ATOMIC_RELAXED);
	waitpid(p, &st, 0);
	printf("shared=%ld private=%ld\n", shared[0], private[0]);
	return 0;
}
