/* Clocks from the kernel data page (abi/exo/kdata.h), without entering the
 * kernel. Also exported under Linux's own vDSO names (LINUX_2.6) so that
 * libc's clock_gettime finds them exactly as on Linux. */
#include "../internal/syscalls.h"

#define NSEC_PER_SEC 1000000000ull

static inline exo_u64 rdtsc_ordered(void)
{
	exo_u32 lo, hi;
	/* lfence keeps the TSC read after the sequence-count load. */
	__asm__ volatile ("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((exo_u64)hi << 32) | lo;
}

static inline exo_u32 seq_begin(const volatile struct exo_kdata *kd)
{
	exo_u32 seq;
	while ((seq = kd->seq) & 1)
		__builtin_ia32_pause();
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return seq;
}

static inline int seq_retry(const volatile struct exo_kdata *kd, exo_u32 seq)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return kd->seq != seq;
}

/* Nanoseconds of `clock` or -1 if the data page cannot serve it. */
static exo_s64 clock_ns(long clock)
{
	const volatile struct exo_kdata *kd = &exo_vdso_kdata;
	exo_u32 seq;
	exo_u64 ns;

	do {
		seq = seq_begin(kd);
		if (kd->clock_mode != EXO_CLOCK_MODE_TSC)
			return -1;
		switch (clock) {
		case CLOCK_REALTIME_COARSE:
			ns = kd->coarse_real_ns;
			continue;
		case CLOCK_MONOTONIC_COARSE:
			ns = kd->coarse_mono_ns;
			continue;
		}
		exo_u64 delta = rdtsc_ordered() - kd->tsc_base;
		unsigned __int128 fine = (unsigned __int128)delta * kd->mult + kd->mono_frac;
		ns = kd->mono_base_ns + (exo_u64)(fine >> kd->shift);
		if (clock == CLOCK_REALTIME)
			ns += (exo_u64)kd->realtime_offset_ns;
		else if (clock == CLOCK_BOOTTIME)
			ns += (exo_u64)kd->boottime_offset_ns;
	} while (seq_retry(kd, seq));
	return (exo_s64)ns;
}

static int served_clock(long clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC ||
	       clock == CLOCK_BOOTTIME || clock == CLOCK_REALTIME_COARSE ||
	       clock == CLOCK_MONOTONIC_COARSE;
}

/* The clocks the data page does not carry go to the kernel. */
static long clock_slow(long clock, struct linux_timespec *ts)
{
	struct exo_timespec t;
	long native, r;

	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: native = EXO_CLOCK_REALTIME; break;
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_COARSE: native = EXO_CLOCK_MONOTONIC; break;
	case CLOCK_BOOTTIME: native = EXO_CLOCK_BOOTTIME; break;
	case CLOCK_MONOTONIC_RAW: native = EXO_CLOCK_MONOTONIC_RAW; break;
	case CLOCK_PROCESS_CPUTIME_ID: native = EXO_CLOCK_PROCESS_CPU; break;
	case CLOCK_THREAD_CPUTIME_ID: native = EXO_CLOCK_THREAD_CPU; break;
	default:
		/* Linux answers EINVAL for a clock id it does not know; the
		 * dynamic (fd-based) and alarm clocks are not translated. */
		if (clock >= 0 && clock != 8 && clock != 9 && clock != 11)
			return -EINVAL;
		return untranslated(SYS_clock_gettime, clock);
	}
	r = native2(EXO_NC_CLOCK_READ, native, &t);
	if (r < 0)
		return errno_from_status(r);
	ts->tv_sec = t.sec;
	ts->tv_nsec = t.nsec;
	return 0;
}

hidden long sys_clock_gettime(SYSCALL_ARGS)
{
	long clock = a1;
	struct linux_timespec *ts = (struct linux_timespec *)a2;
	exo_s64 ns;

	if (!served_clock(clock) || (ns = clock_ns(clock)) < 0)
		return clock_slow(clock, ts);
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

hidden long sys_clock_getres(SYSCALL_ARGS)
{
	long clock = a1;
	struct linux_timespec *res = (struct linux_timespec *)a2;
	exo_u64 ns;

	if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE)
		ns = exo_vdso_kdata.tick_ns;
	else if (served_clock(clock) || clock == CLOCK_MONOTONIC_RAW ||
	         clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
		ns = 1;
	else if (clock >= 0 && clock != 8 && clock != 9 && clock != 11)
		return -EINVAL;
	else
		return untranslated(SYS_clock_getres, clock);
	if (res) {
		res->tv_sec = ns / NSEC_PER_SEC;
		res->tv_nsec = ns % NSEC_PER_SEC;
	}
	return 0;
}

hidden long sys_gettimeofday(SYSCALL_ARGS)
{
	struct linux_timeval *tv = (struct linux_timeval *)a1;
	struct linux_timezone *tz = (struct linux_timezone *)a2;

	if (tv) {
		struct linux_timespec ts;
		long r = sys_clock_gettime(CLOCK_REALTIME, (long)&ts, 0, 0, 0, 0);
		if (r)
			return r;
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz) {
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

hidden long sys_time(SYSCALL_ARGS)
{
	struct linux_timespec ts;
	long r = sys_clock_gettime(CLOCK_REALTIME, (long)&ts, 0, 0, 0, 0);

	if (r)
		return r;
	if (a1)
		*(exo_s64 *)a1 = ts.tv_sec;
	return ts.tv_sec;
}

/* Linux's own vDSO names, for libcs that look them up. */
#define EXPORT __attribute__((visibility("default")))

EXPORT int __vdso_clock_gettime(long clock, struct linux_timespec *ts)
{
	return (int)sys_clock_gettime(clock, (long)ts, 0, 0, 0, 0);
}

EXPORT int __vdso_clock_getres(long clock, struct linux_timespec *res)
{
	return (int)sys_clock_getres(clock, (long)res, 0, 0, 0, 0);
}

EXPORT int __vdso_gettimeofday(struct linux_timeval *tv, struct linux_timezone *tz)
{
	return (int)sys_gettimeofday((long)tv, (long)tz, 0, 0, 0, 0);
}

EXPORT long __vdso_time(long *t)
{
	return sys_time((long)t, 0, 0, 0, 0, 0);
}
