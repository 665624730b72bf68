/* The clocks across a process's first 50 ms. Under exo-run the data page
 * has no TSC line until the ticker's first tick has measured the TSC's
 * rate (hosted-kernel/timekeeper.c): before it the kernel answers from the
 * host's clock, after it the page does, and the switch happens while this
 * program reads. CLOCK_MONOTONIC must never go back, whichever thread
 * reads, and must keep the rate of CLOCK_MONOTONIC_RAW (which the kernel
 * always answers) and of CLOCK_REALTIME. The same again in a child that
 * execs at once, before the rate is measured: the exec'd image's launcher
 * takes over a page whose measuring ticker died with the exec. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define THREADS 2
#define RUN_NS 50000000LL

static long long global_max, global_coarse;
static int went_back, coarse_back;

static long long now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *reader(void *arg)
{
	long long start = now(CLOCK_MONOTONIC_RAW), last = 0;
	(void)arg;
	while (now(CLOCK_MONOTONIC_RAW) - start < RUN_NS) {
		long long before = __atomic_load_n(&global_max, __ATOMIC_ACQUIRE);
		long long m = now(CLOCK_MONOTONIC);
		/* A read that starts after another finished sees at least its
		 * value, whichever thread made it. */
		if (m < before || m < last)
			__atomic_store_n(&went_back, 1, __ATOMIC_RELAXED);
		last = m;
		while (m > before && !__atomic_compare_exchange_n(&global_max, &before, m, 0,
		                                                  __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
		/* The coarse clock as well: the page serves it from a snapshot
		 * taken at each update, the kernel from the host before. */
		long long cbefore = __atomic_load_n(&global_coarse, __ATOMIC_ACQUIRE);
		long long c = now(CLOCK_MONOTONIC_COARSE);
		if (c < cbefore)
			__atomic_store_n(&coarse_back, 1, __ATOMIC_RELAXED);
		while (c > cbefore && !__atomic_compare_exchange_n(&global_coarse, &cbefore, c, 0,
		                                                   __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
	}
	return NULL;
}

static char report[512];

/* The three clocks read close together: a read bracketed by two raw
 * reads more than 50 us apart was preempted (the build machine is
 * loaded), and 1 ms lost there alone is 2 % of the run. */
static void snapshot(long long *raw, long long *mono, long long *real)
{
	for (int tries = 0; tries < 1000; tries++) {
		long long r0 = now(CLOCK_MONOTONIC_RAW);
		*mono = now(CLOCK_MONOTONIC);
		*real = now(CLOCK_REALTIME);
		*raw = now(CLOCK_MONOTONIC_RAW);
		if (*raw - r0 < 50000)
			return;
	}
}

/* Read for 50 ms in THREADS threads; the verdicts go to report. */
static void run(const char *who)
{
	pthread_t th[THREADS];
	long long raw0, mono0, real0, raw, mono, real;

	snapshot(&raw0, &mono0, &real0);

	for (int i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, reader, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	snapshot(&raw, &mono, &real);
	raw -= raw0, mono -= mono0, real -= real0;
	/* 50 ms apart, the clocks agree within 1 % (NTP slews at 0.05 %). */
	snprintf(report, sizeof report,
	         "%s: monotonic never went back: %s\n"
	         "%s: monotonic coarse never went back: %s\n"
	         "%s: monotonic keeps the raw clock's rate: %s\n"
	         "%s: realtime keeps the monotonic rate: %s\n",
	         who, went_back ? "no" : "yes", who, coarse_back ? "no" : "yes",
	         who, mono > raw - raw / 100 && mono < raw + raw / 100 ? "yes" : "no",
	         who, real > mono - mono / 100 && real < mono + mono / 100 ? "yes" : "no");
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		run("exec'd child");
		fputs(report, stdout);
		return 0;
	}
	pid_t pid = fork();
	if (pid == 0) {
		char *args[] = { argv[0], "exec'd", NULL };
		execv(argv[0], args);
		perror("execv");
		_exit(127);
	}
	run("parent");
	int status;
	waitpid(pid, &status, 0);
	printf("child status %d\n", status);
	fputs(report, stdout);
	return 0;
}
