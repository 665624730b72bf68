/* futex: wait with a value that changed (EAGAIN), a timed wait that
 * times out, wake counts, requeue; nanosleep and clock_nanosleep. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* linux/futex.h values (musl has no such header). */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_CMP_REQUEUE_PRIVATE 132
#define FUTEX_WAIT_BITSET_PRIVATE 137
#define FUTEX_BITSET_MATCH_ANY -1

static long futex(int *a, int op, int v, const struct timespec *t, int *a2, int v3)
{
	return syscall(SYS_futex, a, op, v, t, a2, v3);
}

int main(void)
{
	int w = 1, w2 = 0;
	struct timespec t = { 0, 5000000 }, t0, t1;

	printf("changed: %ld %s\n", futex(&w, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0), strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("timeout: %ld %s\n", futex(&w, FUTEX_WAIT_PRIVATE, 1, &t, 0, 0), strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ns = (t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec;
	printf("waited at least 5 ms: %s\n", ns >= 5000000 ? "yes" : "no");
	struct timespec abs = t1;
	abs.tv_nsec += 2000000;
	if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
	printf("bitset timeout: %ld %s\n",
	       futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 1, &abs, 0, FUTEX_BITSET_MATCH_ANY), strerror(errno));
	printf("bitset 0: %ld %s\n", futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 1, &abs, 0, 0), strerror(errno));
	printf("wake none: %ld\n", futex(&w, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0));
	printf("cmp_requeue mismatch: %ld %s\n",
	       futex(&w, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &w2, 5), strerror(errno));
	printf("cmp_requeue: %ld\n", futex(&w, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, &w2, 1));
	printf("bad op: %ld %s\n", futex(&w, 99, 0, 0, 0, 0), strerror(errno));
	struct timespec bad = { 0, 2000000000 };
	printf("nanosleep bad: %d %s\n", nanosleep(&bad, 0), strerror(errno));
	t.tv_nsec = 1000000;
	printf("nanosleep: %d\n", nanosleep(&t, 0));
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 1000000;
	if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
	printf("clock_nanosleep abs: %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, 0));
	printf("sched_yield: %d\n", sched_yield());
	return 0;
}
