/* The system and accounting calls real programs size their work by:
 * sysinfo and sysconf's memory figures (xz), sched_getaffinity and the
 * processor count (xz, nproc), uname, getrusage and times (time, ps),
 * getpriority/setpriority (nice), getgroups/setgroups (id). Only what
 * is the same in two runs a moment apart is printed: free memory and
 * CPU times are checked for sense, not printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;

static void burn(double seconds)
{
	struct timespec a, b;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	do {
		for (int i = 0; i < 100000; i++)
			sink += i;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	} while ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9 < seconds);
}

static double tv(struct timeval t)
{
	return t.tv_sec + t.tv_usec / 1e6;
}

int main(void)
{
	struct sysinfo si;
	struct utsname u;
	struct rusage ru;
	struct tms t0, t1;
	struct timespec now;
	cpu_set_t set;
	gid_t groups[256];
	long r;
	int n, st;

	/* sysinfo */
	memset(&si, 0xff, sizeof si);
	r = sysinfo(&si);
	clock_gettime(CLOCK_BOOTTIME, &now);
	printf("sysinfo: %ld mem_unit %u totalram %lu totalswap %lu\n", r, si.mem_unit,
	       si.totalram, si.totalswap);
	printf("sysinfo: free <= total %d, uptime near boottime %d, procs > 0 %d\n",
	       si.freeram <= si.totalram, si.uptime >= now.tv_sec && si.uptime <= now.tv_sec + 2,
	       si.procs > 0);
	printf("sysconf: pages %ld avail <= pages %d\n", sysconf(_SC_PHYS_PAGES),
	       sysconf(_SC_AVPHYS_PAGES) <= sysconf(_SC_PHYS_PAGES));
	errno = 0;
	printf("sysinfo(NULL): %ld %s\n", syscall(SYS_sysinfo, 0), strerror(errno));

	/* uname */
	r = uname(&u);
	printf("uname: %ld [%s] [%s] [%s] [%s] [%s]\n", r, u.sysname, u.nodename, u.release,
	       u.version, u.machine);

	/* processors */
	CPU_ZERO(&set);
	r = syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
	printf("sched_getaffinity: bytes %ld count %d\n", r, CPU_COUNT(&set));
	printf("sysconf: online %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	printf("sched_setaffinity same: %d\n", sched_setaffinity(0, sizeof set, &set));
	errno = 0;
	printf("sched_getaffinity odd size: %ld %s\n",
	       syscall(SYS_sched_getaffinity, 0, 3, &set), strerror(errno));
	errno = 0;
	printf("sched_getaffinity no such thread: %ld %s\n",
	       syscall(SYS_sched_getaffinity, 0x7ffffff0, sizeof set, &set), strerror(errno));
	errno = 0;
	printf("sched_getaffinity(NULL): %ld %s\n",
	       syscall(SYS_sched_getaffinity, 0, sizeof set, 0), strerror(errno));

	/* CPU use: ours, then a reaped child's */
	times(&t0);
	clock_t c0 = times(0);
	burn(0.05);
	getrusage(RUSAGE_SELF, &ru);
	printf("getrusage self: used cpu %d maxrss > 0 %d\n", tv(ru.ru_utime) + tv(ru.ru_stime) >= 0.04,
	       ru.ru_maxrss > 0);
	getrusage(RUSAGE_THREAD, &ru);
	printf("getrusage thread: used cpu %d\n", tv(ru.ru_utime) + tv(ru.ru_stime) >= 0.04);
	errno = 0;
	printf("getrusage bad who: %d %s\n", getrusage(7, &ru), strerror(errno));
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("getrusage children before: %d\n", tv(ru.ru_utime) + tv(ru.ru_stime) < 0.01);
	if (fork() == 0) {
		burn(0.05);
		_exit(0);
	}
	wait(&st);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("getrusage children after: %d\n", tv(ru.ru_utime) + tv(ru.ru_stime) >= 0.04);
	clock_t c1 = times(&t1);
	printf("times: ticks %d self %d children %d\n", c1 - c0 >= 5 && c1 - c0 < 1000,
	       (t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime) >= 4,
	       t1.tms_cutime + t1.tms_cstime >= 4);

	/* priorities: lowering is always allowed, raising back only to root */
	errno = 0;
	printf("getpriority: %d %s\n", getpriority(PRIO_PROCESS, 0), strerror(errno));
	printf("setpriority +5: %d, now %d\n", setpriority(PRIO_PROCESS, 0, 5),
	       getpriority(PRIO_PROCESS, getpid()));
	errno = 0;
	printf("setpriority 100 (clamped): %d, now %d\n", setpriority(PRIO_PROCESS, 0, 100),
	       getpriority(PRIO_PROCESS, 0));
	errno = 0;
	r = setpriority(PRIO_PROCESS, 0, 0);
	printf("setpriority back to 0: %ld %s\n", r, strerror(errno));
	errno = 0;
	printf("getpriority bad which: %d %s\n", getpriority(9, 0), strerror(errno));
	errno = 0;
	printf("getpriority no such process: %d %s\n", getpriority(PRIO_PROCESS, 0x7ffffff0),
	       strerror(errno));

	/* groups */
	n = getgroups(0, 0);
	printf("getgroups count: %d\n", n);
	r = getgroups(256, groups);
	printf("getgroups: %ld", r);
	for (int i = 0; i < r; i++)
		printf(" %u", (unsigned)groups[i]);
	printf("\n");
	errno = 0;
	printf("getgroups too small: %d %s\n", n > 0 ? getgroups(n - 1 ? n - 1 : 0, groups) : -1,
	       n > 1 ? strerror(errno) : "(one group or none)");
	errno = 0;
	r = setgroups(r < 0 ? 0 : r, groups);
	printf("setgroups same: %ld %s\n", r, strerror(errno));
	return 0;
}
