#define _GNU_SOURCE
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#define Y2020 1577836800L

static long long ns(struct timespec t)
{
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static const char *yes_no(int b)
{
	return b ? "yes" : "no";
}

static void check_clock(const char *name, clockid_t id, long long max_res)
{
	struct timespec t, r;
	int ok = clock_gettime(id, &t) == 0;
	printf("%s gettime: %s\n", name, ok ? "ok" : "failed");
	printf("%s nsec in range: %s\n", name, yes_no(ok && t.tv_nsec >= 0 && t.tv_nsec < 1000000000L));
	ok = clock_getres(id, &r) == 0;
	printf("%s getres: %s\n", name, ok && ns(r) > 0 && ns(r) <= max_res ? "ok" : "bad");
}

static void check_nondecreasing(const char *name, clockid_t id)
{
	struct timespec t;
	long long prev = 0;
	int ok = 1;
	for (int i = 0; i < 100000; i++) {
		if (clock_gettime(id, &t) != 0) {
			ok = 0;
			break;
		}
		if (ns(t) < prev)
			ok = 0;
		prev = ns(t);
	}
	printf("%s nondecreasing: %s\n", name, yes_no(ok));
}

int main(void)
{
	struct timespec rt, mono, mono_coarse, rt_coarse, boot;
	struct timeval tv;

	check_clock("realtime", CLOCK_REALTIME, 1000000);
	check_clock("monotonic", CLOCK_MONOTONIC, 1000000);
	check_clock("monotonic_raw", CLOCK_MONOTONIC_RAW, 1000000);
	check_clock("boottime", CLOCK_BOOTTIME, 1000000);
	/* coarse clocks tick with the scheduler: a few milliseconds on Linux */
	check_clock("realtime_coarse", CLOCK_REALTIME_COARSE, 100000000);
	check_clock("monotonic_coarse", CLOCK_MONOTONIC_COARSE, 100000000);

	check_nondecreasing("monotonic", CLOCK_MONOTONIC);
	check_nondecreasing("monotonic_coarse", CLOCK_MONOTONIC_COARSE);
	check_nondecreasing("monotonic_raw", CLOCK_MONOTONIC_RAW);
	check_nondecreasing("boottime", CLOCK_BOOTTIME);

	clock_gettime(CLOCK_REALTIME, &rt);
	printf("realtime after 2020-01-01: %s\n", yes_no(rt.tv_sec > Y2020));

	clock_gettime(CLOCK_REALTIME_COARSE, &rt_coarse);
	printf("realtime_coarse within 1 s of realtime: %s\n",
	       yes_no(ns(rt_coarse) - ns(rt) < 1000000000LL && ns(rt) - ns(rt_coarse) < 1000000000LL));

	clock_gettime(CLOCK_MONOTONIC_COARSE, &mono_coarse);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	printf("monotonic_coarse <= monotonic: %s\n", yes_no(ns(mono_coarse) <= ns(mono)));
	printf("boottime >= monotonic: %s\n", yes_no(ns(boot) >= ns(mono)));

	clock_gettime(CLOCK_REALTIME, &rt);
	printf("gettimeofday: %s\n", gettimeofday(&tv, 0) == 0 ? "ok" : "failed");
	long long tv_ns = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
	printf("gettimeofday within 1 s of realtime: %s\n",
	       yes_no(tv_ns - ns(rt) < 1000000000LL && ns(rt) - tv_ns < 1000000000LL));
	printf("tv_usec in range: %s\n", yes_no(tv.tv_usec >= 0 && tv.tv_usec < 1000000));

	time_t now, stored = 0;
	clock_gettime(CLOCK_REALTIME, &rt);
	now = time(&stored);
	printf("time(NULL) within 1 s of realtime: %s\n",
	       yes_no(now - rt.tv_sec <= 1 && rt.tv_sec - now <= 1));
	printf("time stores its result: %s\n", yes_no(stored == now));
	return 0;
}
