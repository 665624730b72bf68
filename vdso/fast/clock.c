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

/* Index into kdata.base[] of a clock the page serves, or -1. */
static inline int page_clock(long clock)
{
	switch (clock) {
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_COARSE: return EXO_KDATA_MONOTONIC;
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: return EXO_KDATA_REALTIME;
	case CLOCK_BOOTTIME: return EXO_KDATA_BOOTTIME;
	default: return -1;
	}
}

/* Read a clock from the data page into *ts; 0, -1 if the page cannot
 * serve it (no usable TSC), or 1 if the page is stale and `any_age` is 0
 * (abi/exo/kdata.h: the caller asks the kernel to refresh it). */
static inline int page_read(long clock, struct linux_timespec *ts, int any_age)
{
	const volatile struct exo_kdata *kd = &exo_vdso_kdata;
	int i = page_clock(clock);
	int coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
	exo_u32 seq;
	exo_u64 sec, ns;

	do {
		seq = seq_begin(kd);
		if (unlikely(kd->clock_mode != EXO_CLOCK_MODE_TSC))
			return -1;
		exo_u64 delta = rdtsc_ordered() - kd->tsc_base;
		/* A coarse clock too: it would stand still. */
		if (unlikely(delta > kd->tsc_hz >> EXO_KDATA_STALE_SHIFT) && !any_age &&
		    !seq_retry(kd, seq))
			return 1;
		if (coarse) {
			sec = kd->coarse[i].sec;
			ns = kd->coarse[i].snsec;
			continue;
		}
		unsigned shift = kd->shift;
		sec = kd->base[i].sec;
		if (likely(!(delta >> 32))) {
			ns = (kd->base[i].snsec + delta * kd->mult) >> shift;
		} else {
			unsigned __int128 w = (unsigned __int128)delta * kd->mult + kd->base[i].snsec;
			ns = (exo_u64)(w >> shift);
		}
	} while (seq_retry(kd, seq));
	/* ns is below 10^9 plus the time since the last update: a few
	 * subtractions at most, cheaper than a division (Linux does the same). */
	while (unlikely(ns >= NSEC_PER_SEC)) {
		ns -= NSEC_PER_SEC;
		sec++;
	}
	ts->tv_sec = (exo_s64)sec;
	ts->tv_nsec = (exo_s64)ns;
	return 0;
}

/* The page is stale: one native call lets the kernel update it, then the
 * page is read whatever its age (abi/exo/kdata.h). */
__attribute__((noinline, cold))
static int page_read_stale(long clock, struct linux_timespec *ts)
{
	struct exo_timespec t;

	(void)native2(EXO_NC_CLOCK_READ, EXO_CLOCK_MONOTONIC, &t);
	return page_read(clock, ts, 1);
}

/* The clocks the data page does not carry go to the kernel. */
__attribute__((noinline, cold))
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
	/* The page may have come to serve the clock meanwhile (its rate is
	 * measured after start-up): then its value, not the kernel's, so this
	 * thread's next page read, a coarse one above all, does not go back
	 * from what it returns now. */
	if (page_clock(clock) >= 0 && page_read(clock, ts, 1) == 0)
		return 0;
	ts->tv_sec = t.sec;
	ts->tv_nsec = t.nsec;
	return 0;
}

hidden long sys_clock_gettime(SYSCALL_ARGS)
{
	struct linux_timespec *ts = (struct linux_timespec *)a2;

	if (likely(page_clock(a1) >= 0)) {
		int r = page_read(a1, ts, 0);
		if (likely(r == 0) || (r > 0 && page_read_stale(a1, ts) == 0))
			return 0;
	}
	return clock_slow(a1, ts);
}

hidden long sys_clock_getres(SYSCALL_ARGS)
{
	long clock = a1;
	struct linux_timespec *res = (struct linux_timespec *)a2;
	exo_u64 ns;

	if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE)
		/* Without a clock on the page the kernel reads every clock at
		 * full resolution; with one, coarse clocks move once a tick. */
		ns = exo_vdso_kdata.clock_mode == EXO_CLOCK_MODE_TSC && exo_vdso_kdata.tick_ns
		     ? exo_vdso_kdata.tick_ns : 1;
	else if (page_clock(clock) >= 0 || clock == CLOCK_MONOTONIC_RAW ||
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
