/* Threads and forks of an unprivileged process close to RLIMIT_NPROC.
 * exo-run keeps the host threads of ended threads parked for the next
 * creation (hosted-kernel/thread_pool.c), and Linux counts them against
 * the limit: a creation or fork that fails with EAGAIN must end them and
 * try again, so what succeeds natively succeeds there too. The process
 * becomes an unprivileged user in a child that then runs this program
 * again (root is exempt from the limit; a new program starts with no
 * parked threads, and a change of credentials would end them). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void *nothing(void *arg)
{
	return arg;
}

static int cycles(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_t t;
		void *r;
		int e = pthread_create(&t, NULL, nothing, (void *)(long)i);
		if (e != 0) {
			printf("create %d: %s\n", i, strerror(e));
			return 0;
		}
		if (pthread_join(t, &r) != 0 || r != (void *)(long)i)
			return 0;
	}
	return 1;
}

static void *wait_release(void *arg)
{
	pthread_mutex_lock(arg);
	pthread_mutex_unlock(arg);
	return arg;
}

/* With the limit at 3 tasks, the caller and two threads (or a child) fit
 * natively; exo-run's parked threads besides do not. */
static int limited(void)
{
	static pthread_mutex_t hold = PTHREAD_MUTEX_INITIALIZER;
	pthread_t a, b;
	int st, ok = 1;

	printf("50 threads one after another: %d\n", cycles(50));
	for (int i = 0; i < 3; i++) {
		pid_t p = fork();
		if (p == 0)
			_exit(0);
		if (p < 0) {
			printf("fork %d: %s\n", i, strerror(errno));
			ok = 0;
			continue;
		}
		if (waitpid(p, &st, 0) != p)
			ok = 0;
		cycles(10);
	}
	printf("3 forks between threads: %d\n", ok);
	cycles(10);
	pthread_mutex_lock(&hold);
	int ea = pthread_create(&a, NULL, wait_release, &hold);
	int eb = pthread_create(&b, NULL, wait_release, &hold);
	pthread_mutex_unlock(&hold);
	printf("two threads at once: %s, %s\n", strerror(ea), strerror(eb));
	if (!ea)
		pthread_join(a, NULL);
	if (!eb)
		pthread_join(b, NULL);
	return 0;
}

int main(int argc, char **argv)
{
	struct rlimit rl = { 3, 3 };
	int st;

	if (argc > 1)
		return limited();
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		if (getuid() == 0 && setuid(61009) != 0)
			_exit(2);
		if (setrlimit(RLIMIT_NPROC, &rl) != 0)
			_exit(3);
		execl("/proc/self/exe", argv[0], "limited", (char *)NULL);
		_exit(4);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return 1;
	printf("child: %s %d\n", WIFEXITED(st) ? "exit" : "signal",
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	return 0;
}
