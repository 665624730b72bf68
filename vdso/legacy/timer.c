/* timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete: POSIX timers (EXO_NC_TIMER_*, ABI 1.3). The kernel keeps
 * the timer and gives the program Linux's small integer id; an expiry is
 * a signal message with code SI_TIMER, the id, the overrun and the value,
 * which sigframe.c turns into Linux's siginfo. musl's SIGEV_THREAD asks
 * for SIGEV_THREAD_ID to its own helper thread, so it needs nothing more. */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

#define LINUX_SIGEV_SIGNAL    0
#define LINUX_SIGEV_NONE      1
#define LINUX_SIGEV_THREAD_ID 4
#define LINUX_TIMER_ABSTIME   1

struct linux_sigevent {
	exo_u64 value;
	exo_s32 signo;
	exo_s32 notify;
	exo_s32 tid;
	exo_s32 pad[11];
};

struct linux_itimerspec {
	exo_s64 interval_sec, interval_nsec;
	exo_s64 value_sec, value_nsec;
};

EXO_ABI_ASSERT(sizeof(struct linux_sigevent) == 64, lsev_size);

/* Linux's clock ids for which it has timers. The coarse and raw clocks
 * have none (EOPNOTSUPP, as Linux); a negative id (another process's or
 * thread's CPU clock) and the alarm and TAI clocks are not translated. */
static long exo_clock(long clock, unsigned *out)
{
	switch (clock) {
	case 0: *out = EXO_CLOCK_REALTIME; return 0;
	case 1: *out = EXO_CLOCK_MONOTONIC; return 0;
	case 2: *out = EXO_CLOCK_PROCESS_CPU; return 0;
	case 3: *out = EXO_CLOCK_THREAD_CPU; return 0;
	case 7: *out = EXO_CLOCK_BOOTTIME; return 0;
	case 4: case 5: case 6: return -EOPNOTSUPP;
	case 8: case 9: case 11: return untranslated(SYS_timer_create, clock);
	}
	return clock < 0 ? untranslated(SYS_timer_create, clock) : -EINVAL;
}

static void to_linux(struct linux_itimerspec *l, const struct exo_itimer *t)
{
	l->interval_sec = (exo_s64)(t->interval_ns / 1000000000u);
	l->interval_nsec = (exo_s64)(t->interval_ns % 1000000000u);
	l->value_sec = (exo_s64)(t->value_ns / 1000000000u);
	l->value_nsec = (exo_s64)(t->value_ns % 1000000000u);
}

/* As Linux: the clock is checked, the event read (EFAULT), the timer made, and the id
 * written last; if that write faults the timer goes again (EFAULT). A
 * null event is SIGALRM with the id as value, which the kernel fills in. */
hidden long sys_timer_create(SYSCALL_ARGS)
{
	struct linux_sigevent le;
	struct exo_timer_event ev = { 0, 0, 0, 0, 0 };
	unsigned clock;
	long r, id;
	exo_s32 out;

	r = exo_clock(a1, &clock);
	if (r < 0)
		return r;
	if (a2) {
		if (user_read(&le, (const void *)a2, sizeof le) < 0)
			return -EFAULT;
		switch (le.notify) {
		case LINUX_SIGEV_SIGNAL: ev.notify = EXO_TIMER_NOTIFY_SIGNAL; break;
		case LINUX_SIGEV_NONE: ev.notify = EXO_TIMER_NOTIFY_NONE; break;
		case LINUX_SIGEV_THREAD_ID:
			ev.notify = EXO_TIMER_NOTIFY_THREAD;
			ev.thread = le.tid;
			break;
		default:
			return -EINVAL;
		}
		ev.signo = le.signo;
		ev.value = le.value;
	}
	id = native2(EXO_NC_TIMER_CREATE, clock, a2 ? &ev : 0);
	if (id < 0)
		return errno_from_status(id);
	out = (exo_s32)id;
	if (user_write((void *)a3, &out, sizeof out) < 0) {
		native1(EXO_NC_TIMER_DELETE, id);
		return -EFAULT;
	}
	return 0;
}

static int bad_time(exo_s64 sec, exo_s64 nsec)
{
	return sec < 0 || nsec < 0 || nsec >= 1000000000;
}

/* As Linux: the new value is read (EFAULT) and checked (EINVAL) before
 * the timer changes; the old one is written after, so a bad old pointer
 * answers EFAULT with the timer set. Flags other than TIMER_ABSTIME are
 * ignored, as Linux ignores them. */
hidden long sys_timer_settime(SYSCALL_ARGS)
{
	struct linux_itimerspec nv, ov;
	struct exo_itimer n, o;
	long r;

	if (!a3)
		return -EINVAL;
	if (user_read(&nv, (const void *)a3, sizeof nv) < 0)
		return -EFAULT;
	if (bad_time(nv.interval_sec, nv.interval_nsec) || bad_time(nv.value_sec, nv.value_nsec))
		return -EINVAL;
	n.interval_ns = (exo_u64)nv.interval_sec * 1000000000u + (exo_u64)nv.interval_nsec;
	n.value_ns = (exo_u64)nv.value_sec * 1000000000u + (exo_u64)nv.value_nsec;
	r = native_call(EXO_NC_TIMER_SET, (exo_s32)a1,
	                (a2 & LINUX_TIMER_ABSTIME) ? EXO_TIMER_ABSOLUTE : 0, (long)&n, (long)&o, 0, 0);
	if (r < 0)
		return errno_from_status(r);
	if (!a4)
		return 0;
	to_linux(&ov, &o);
	return user_write((void *)a4, &ov, sizeof ov);
}

hidden long sys_timer_gettime(SYSCALL_ARGS)
{
	struct linux_itimerspec ov;
	struct exo_itimer o;
	long r = native2(EXO_NC_TIMER_GET, (exo_s32)a1, &o);

	if (r < 0)
		return errno_from_status(r);
	to_linux(&ov, &o);
	return user_write((void *)a2, &ov, sizeof ov);
}

hidden long sys_timer_getoverrun(SYSCALL_ARGS)
{
	long r = native1(EXO_NC_TIMER_OVERRUN, (exo_s32)a1);

	return r < 0 ? errno_from_status(r) : r;
}

hidden long sys_timer_delete(SYSCALL_ARGS)
{
	long r = native1(EXO_NC_TIMER_DELETE, (exo_s32)a1);

	return r < 0 ? errno_from_status(r) : 0;
}
