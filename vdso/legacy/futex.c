/* futex as native waits on an address, and sched_yield. */
#include "../internal/syscalls.h"

/* The program's timespec at `user`, read first (EFAULT before EINVAL, as
 * Linux), then checked; *copy keeps it for the caller. */
static long timeout_from(long user, struct linux_timespec *copy, struct exo_timespec *out)
{
	if (user_read(copy, (const void *)user, sizeof *copy) < 0)
		return -EFAULT;
	if (copy->tv_sec < 0 || copy->tv_nsec < 0 || copy->tv_nsec >= 1000000000)
		return -EINVAL;
	out->sec = copy->tv_sec;
	out->nsec = (exo_u32)copy->tv_nsec;
	out->reserved = 0;
	return 0;
}

static long futex_wait(long addr, long val, long ts, unsigned bitset, unsigned flags)
{
	struct exo_timespec t;
	struct linux_timespec lt;

	if (!bitset)
		return -EINVAL;
	if (ts) {
		long r = timeout_from(ts, &lt, &t);
		if (r < 0)
			return r;
	}
	return errno_from_status(native_call(EXO_NC_FUTEX_WAIT, addr, (exo_u32)val, bitset, flags,
	                                     ts ? (long)&t : 0, 0));
}

hidden long sys_futex(SYSCALL_ARGS)
{
	unsigned flags = (a2 & FUTEX_PRIVATE_FLAG) ? EXO_FUTEX_PRIVATE : 0;
	long op = a2 & ~(long)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);

	if (a1 & 3)
		return -EINVAL;
	switch (op) {
	case FUTEX_WAIT:
		if (a2 & FUTEX_CLOCK_REALTIME)
			flags |= EXO_FUTEX_REALTIME;
		return futex_wait(a1, a3, a4, EXO_FUTEX_BITSET_ANY, flags);
	case FUTEX_WAIT_BITSET:
		flags |= EXO_FUTEX_ABSOLUTE;
		if (a2 & FUTEX_CLOCK_REALTIME)
			flags |= EXO_FUTEX_REALTIME;
		return futex_wait(a1, a3, a4, (unsigned)a6, flags);
	case FUTEX_WAKE:
		return errno_from_status(native_call(EXO_NC_FUTEX_WAKE, a1, (int)a3, EXO_FUTEX_BITSET_ANY, flags, 0, 0));
	case FUTEX_WAKE_BITSET:
		if (!(unsigned)a6)
			return -EINVAL;
		return errno_from_status(native_call(EXO_NC_FUTEX_WAKE, a1, (int)a3, (unsigned)a6, flags, 0, 0));
	case FUTEX_CMP_REQUEUE:
		flags |= EXO_FUTEX_COMPARE;
		/* fall through */
	case FUTEX_REQUEUE:
		if ((int)a3 < 0 || (int)a4 < 0)
			return -EINVAL;
		/* The fourth argument is a count here, not a timeout. */
		return errno_from_status(native_call(EXO_NC_FUTEX_REQUEUE, a1, (int)a3, a5, (int)a4,
		                                     (exo_u32)a6, flags));
	default:
		/* Linux's operations end at 13 (FUTEX_WAIT_REQUEUE_PI);
		 * beyond them it knows nothing either. */
		return (op & 0x7f) > 13 ? -ENOSYS : untranslated(SYS_futex, a2);
	}
}

hidden long sys_sched_yield(SYSCALL_ARGS)
{
	return errno_from_status(native0(EXO_NC_THREAD_YIELD));
}

/* nanosleep and clock_nanosleep: a wait on a word nobody wakes, with the
 * timeout as the sleep. A relative sleep a signal interrupts reports the
 * time left, measured on CLOCK_MONOTONIC. */
static exo_s64 monotonic_ns(void)
{
	struct linux_timespec now;

	sys_clock_gettime(1 /* CLOCK_MONOTONIC */, (long)&now, 0, 0, 0, 0);
	return now.tv_sec * 1000000000 + now.tv_nsec;
}

/* As Linux, rem is written only when a signal cuts the sleep short, and
 * a bad one then turns EINTR into EFAULT. */
static long sleep_for(long req, unsigned flags, long rem)
{
	struct exo_timespec t;
	struct linux_timespec ts;
	volatile exo_u32 never_woken = 0;
	long r = timeout_from(req, &ts, &t);
	exo_s64 end = 0;

	if (r < 0)
		return r;
	if (rem)
		end = monotonic_ns() + ts.tv_sec * 1000000000 + ts.tv_nsec;
	r = native_call(EXO_NC_FUTEX_WAIT, (long)&never_woken, 0, EXO_FUTEX_BITSET_ANY,
	                flags | EXO_FUTEX_PRIVATE, (long)&t, 0);
	if (r == EXO_ERR_INTERRUPTED && rem) {
		exo_s64 left = end - monotonic_ns();
		if (left < 0)
			left = 0;
		ts.tv_sec = left / 1000000000;
		ts.tv_nsec = left % 1000000000;
		if (user_write((void *)rem, &ts, sizeof ts) < 0)
			return -EFAULT;
	}
	return r == EXO_ERR_TIMED_OUT || r == EXO_ERR_WOULD_BLOCK ? 0 : errno_from_status(r);
}

hidden long sys_nanosleep(SYSCALL_ARGS)
{
	return sleep_for(a1, 0, a2);
}

#define CLOCK_REALTIME_NR 0
#define CLOCK_MONOTONIC_NR 1
#define TIMER_ABSTIME 1

hidden long sys_clock_nanosleep(SYSCALL_ARGS)
{
	unsigned flags = 0;

	if (a1 == CLOCK_REALTIME_NR)
		flags |= EXO_FUTEX_REALTIME;
	else if (a1 != CLOCK_MONOTONIC_NR)
		return untranslated(SYS_clock_nanosleep, a1);
	if (a2 & ~(long)TIMER_ABSTIME)
		return -EINVAL;
	if (a2 & TIMER_ABSTIME)
		flags |= EXO_FUTEX_ABSOLUTE;
	return sleep_for(a3, flags, (a2 & TIMER_ABSTIME) ? 0 : a4);
}
