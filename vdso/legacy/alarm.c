/* alarm, setitimer, getitimer: the process's real-time interval timer,
 * which sends SIGALRM (EXO_NC_SIGNAL_TIMER), and the virtual (SIGVTALRM)
 * and profiling (SIGPROF) ones, which count its CPU time
 * (EXO_NC_SIGNAL_ITIMER, ABI 1.3). */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

#define ITIMER_REAL 0
#define ITIMER_PROF 2

/* The real timer keeps its ABI 1.3 call of the first signal work; the
 * others have their own (the numbers are EXO_ITIMER_*, Linux's). */
static long itimer(long which, const struct exo_itimer *n, struct exo_itimer *o)
{
	if (which == ITIMER_REAL)
		return native2(EXO_NC_SIGNAL_TIMER, n, o);
	return native3(EXO_NC_SIGNAL_ITIMER, which, n, o);
}

static exo_u64 ns_of(exo_s64 sec, exo_s64 usec)
{
	return (exo_u64)sec * 1000000000u + (exo_u64)usec * 1000u;
}

static void to_linux(struct linux_itimerval *l, const struct exo_itimer *t)
{
	l->interval_sec = (exo_s64)(t->interval_ns / 1000000000u);
	l->interval_usec = (exo_s64)(t->interval_ns % 1000000000u / 1000u);
	l->value_sec = (exo_s64)(t->value_ns / 1000000000u);
	l->value_usec = (exo_s64)(t->value_ns % 1000000000u / 1000u);
}

hidden long sys_alarm(SYSCALL_ARGS)
{
	struct exo_itimer n = { 0, (exo_u64)(unsigned)a1 * 1000000000u }, o;
	long r = native2(EXO_NC_SIGNAL_TIMER, &n, &o);

	if (r < 0)
		return errno_from_status(r);
	/* Linux rounds the seconds left to the nearest, and never says 0 for
	 * an alarm still pending. */
	r = (long)((o.value_ns + 500000000u) / 1000000000u);
	return !r && o.value_ns ? 1 : r;
}

/* As Linux: the new value is read before anything is checked (EFAULT
 * first), a null one disarms, and the old value is written after the timer
 * changed, so a bad old pointer answers EFAULT with the timer set. */
hidden long sys_setitimer(SYSCALL_ARGS)
{
	struct linux_itimerval nv = { 0, 0, 0, 0 }, ov;
	struct exo_itimer n, o;
	long r;

	if (a2 && user_read(&nv, (const void *)a2, sizeof nv) < 0)
		return -EFAULT;
	if ((unsigned long)a1 > ITIMER_PROF)
		return -EINVAL;
	if (nv.value_usec < 0 || nv.value_usec >= 1000000 || nv.interval_usec < 0 ||
	    nv.interval_usec >= 1000000 || nv.value_sec < 0 || nv.interval_sec < 0)
		return -EINVAL;
	n.interval_ns = ns_of(nv.interval_sec, nv.interval_usec);
	n.value_ns = ns_of(nv.value_sec, nv.value_usec);
	r = itimer(a1, &n, &o);
	if (r < 0)
		return errno_from_status(r);
	if (!a3)
		return 0;
	to_linux(&ov, &o);
	return user_write((void *)a3, &ov, sizeof ov);
}

hidden long sys_getitimer(SYSCALL_ARGS)
{
	struct exo_itimer o;
	struct linux_itimerval ov;
	long r;

	if ((unsigned long)a1 > ITIMER_PROF)
		return -EINVAL;
	r = itimer(a1, 0, &o);
	if (r < 0)
		return errno_from_status(r);
	to_linux(&ov, &o);
	return user_write((void *)a2, &ov, sizeof ov);
}
