/* POSIX timers (EXO_NC_TIMER_*) and the virtual and profiling interval
 * timers (EXO_NC_SIGNAL_ITIMER) on the hosted model (ABI 1.3).
 *
 * Guest processes and threads are host ones, so a guest timer is a host
 * POSIX timer made with the raw system call (glibc's wrappers would start
 * threads of their own for SIGEV_THREAD; the guest's musl makes its helper
 * thread itself and asks for SIGEV_THREAD_ID). The host's timer id is the
 * process's own small integer, as Linux gives it, and its expiry is a
 * host signal with si_code SI_TIMER, si_timerid, si_overrun and the
 * value, which signal_host.c carries to the guest like any other.
 *
 * What the host cannot do alone is count overruns while the guest blocks
 * the signal: the guest's mask is not the host's, so the host handler
 * takes the first expiry and would queue a copy, and the timer's later
 * expiries would then arrive as further messages instead of an overrun.
 * The table below lets signal_host.c fold them: an expiry of a periodic
 * timer that arrives blocked is counted in `absorbed` (the next one, held
 * on the host now that the handler blocked the signal there, brings it to
 * the guest); when a message of the timer is delivered its overrun is the
 * host's plus what was absorbed, and that is what EXO_NC_TIMER_OVERRUN
 * answers, as Linux's timer_getoverrun answers for the last delivery. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"
#include "signal_impl.h"

/* The host's struct sigevent, as the system call reads it. */
struct host_sigevent {
	union sigval value;
	int signo;
	int notify;
	int tid;
	int pad[11];
};

#define HOST_SIGEV_SIGNAL    0
#define HOST_SIGEV_NONE      1
#define HOST_SIGEV_THREAD_ID 4

/* Timers a process may hold at once; beyond it timer_create says EAGAIN,
 * as Linux does at its own limit. */
#define KTIMER_MAX 256

/* One guest timer. `pid` is the owner: a fork child inherits the table's
 * memory but not the host's timers, so an entry of another pid is free. */
struct ktimer {
	int id;
	int pid;                  /* 0: free */
	int thread;               /* EXO_TIMER_NOTIFY_THREAD target, or 0 */
	int periodic;
	unsigned absorbed;        /* expiries folded since the last delivery */
	unsigned last_overrun;    /* of the last message delivered */
};

static struct ktimer timers[KTIMER_MAX];

static struct ktimer *find(int id)
{
	int pid = getpid(), i;

	for (i = 0; i < KTIMER_MAX; i++)
		if (__atomic_load_n(&timers[i].pid, __ATOMIC_ACQUIRE) == pid && timers[i].id == id)
			return &timers[i];
	return 0;
}

static int host_clock(unsigned clock, clockid_t *out)
{
	switch (clock) {
	case EXO_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return 0;
	case EXO_CLOCK_REALTIME: *out = CLOCK_REALTIME; return 0;
	case EXO_CLOCK_BOOTTIME: *out = CLOCK_BOOTTIME; return 0;
	case EXO_CLOCK_PROCESS_CPU: *out = CLOCK_PROCESS_CPUTIME_ID; return 0;
	case EXO_CLOCK_THREAD_CPU: *out = CLOCK_THREAD_CPUTIME_ID; return 0;
	}
	return -1;
}

static void to_timespec(struct timespec *ts, exo_u64 ns)
{
	ts->tv_sec = (time_t)(ns / 1000000000u);
	ts->tv_nsec = (long)(ns % 1000000000u);
}

static exo_u64 from_timespec(const struct timespec *ts)
{
	return (exo_u64)ts->tv_sec * 1000000000u + (exo_u64)ts->tv_nsec;
}

long ktimer_create(unsigned clock, exo_u64 event)
{
	struct exo_timer_event ev;
	struct host_sigevent hev;
	clockid_t hc;
	int id, pid = getpid(), i, expected;
	long r;

	if (host_clock(clock, &hc) < 0)
		return EXO_ERR_INVALID;
	/* A thread CPU-time clock is the calling host thread's, which a
	 * parked one outlives its guest thread in: a timer left armed would
	 * go on counting, and firing, for the next guest thread it serves
	 * (thread_pool.c). */
	if (clock == EXO_CLOCK_THREAD_CPU)
		thread_pool_disable();
	if (!event) {
		/* The default event: SIGALRM to the process, valued with the id,
		 * which the host fills in as Linux does. */
		ev.notify = EXO_TIMER_NOTIFY_SIGNAL;
		ev.thread = 0;
	} else if (copy_from_guest(&ev, event, sizeof ev) < 0)
		return EXO_ERR_FAULT;
	else if (ev.reserved)
		return EXO_ERR_INVALID;
	memset(&hev, 0, sizeof hev);
	hev.value.sival_ptr = (void *)ev.value;
	hev.signo = ev.signo;
	switch (ev.notify) {
	case EXO_TIMER_NOTIFY_SIGNAL: hev.notify = HOST_SIGEV_SIGNAL; break;
	case EXO_TIMER_NOTIFY_NONE: hev.notify = HOST_SIGEV_NONE; break;
	case EXO_TIMER_NOTIFY_THREAD:
		/* The host timer names a host thread, which a parked one
		 * outlives its guest thread in (thread_pool.c). */
		thread_pool_disable();
		hev.notify = HOST_SIGEV_THREAD_ID;
		hev.tid = ev.thread;
		break;
	default:
		return EXO_ERR_INVALID;
	}
	/* A free entry first, so a full table refuses before a host timer
	 * exists; it is claimed with pid -1 and published with the id. */
	for (i = 0; i < KTIMER_MAX; i++) {
		expected = __atomic_load_n(&timers[i].pid, __ATOMIC_RELAXED);
		if (expected == pid || expected == -1)
			continue;
		if (__atomic_compare_exchange_n(&timers[i].pid, &expected, -1, 0, __ATOMIC_ACQ_REL,
		                                __ATOMIC_RELAXED))
			break;
	}
	if (i == KTIMER_MAX)
		return EXO_ERR_AGAIN;
	r = syscall(SYS_timer_create, hc, event ? &hev : NULL, &id);
	if (r < 0) {
		r = status_from_errno(errno);
		__atomic_store_n(&timers[i].pid, 0, __ATOMIC_RELEASE);
		return r;
	}
	timers[i].id = id;
	timers[i].thread = ev.notify == EXO_TIMER_NOTIFY_THREAD ? ev.thread : 0;
	timers[i].periodic = 0;
	timers[i].absorbed = 0;
	timers[i].last_overrun = 0;
	__atomic_store_n(&timers[i].pid, pid, __ATOMIC_RELEASE);
	return id;
}

long ktimer_set(int id, unsigned flags, exo_u64 new_, exo_u64 old)
{
	struct exo_itimer n, o;
	struct itimerspec hn, ho;
	struct ktimer *t;

	if (flags & ~EXO_TIMER_ABSOLUTE)
		return EXO_ERR_INVALID;
	if (copy_from_guest(&n, new_, sizeof n) < 0)
		return EXO_ERR_FAULT;
	to_timespec(&hn.it_interval, n.interval_ns);
	to_timespec(&hn.it_value, n.value_ns);
	if (syscall(SYS_timer_settime, id, (flags & EXO_TIMER_ABSOLUTE) ? TIMER_ABSTIME : 0, &hn,
	            &ho) < 0)
		return status_from_errno(errno);
	t = find(id);
	if (t)
		__atomic_store_n(&t->periodic, n.value_ns && n.interval_ns, __ATOMIC_RELAXED);
	if (old) {
		o.interval_ns = from_timespec(&ho.it_interval);
		o.value_ns = from_timespec(&ho.it_value);
		if (copy_to_guest(old, &o, sizeof o) < 0)
			return EXO_ERR_FAULT;
	}
	return 0;
}

long ktimer_get(int id, exo_u64 out)
{
	struct exo_itimer o;
	struct itimerspec ho;

	if (syscall(SYS_timer_gettime, id, &ho) < 0)
		return status_from_errno(errno);
	o.interval_ns = from_timespec(&ho.it_interval);
	o.value_ns = from_timespec(&ho.it_value);
	return copy_to_guest(out, &o, sizeof o) < 0 ? EXO_ERR_FAULT : 0;
}

long ktimer_overrun(int id)
{
	long r = syscall(SYS_timer_getoverrun, id);
	struct ktimer *t;

	if (r < 0)
		return status_from_errno(errno);
	t = find(id);
	return t ? (long)__atomic_load_n(&t->last_overrun, __ATOMIC_RELAXED) : r;
}

long ktimer_delete(int id)
{
	struct ktimer *t;

	if (syscall(SYS_timer_delete, id) < 0)
		return status_from_errno(errno);
	t = find(id);
	if (t)
		__atomic_store_n(&t->pid, 0, __ATOMIC_RELEASE);
	return 0;
}

/* From signal_host.c's handler: an expiry whose signal the guest blocks
 * (the handler has blocked it on the host for this thread). A periodic
 * timer's is folded into the next one; another is queued again, to the
 * thread it was for if the timer names one. */
void signal_timer_held(int sig, const siginfo_t *si)
{
	struct ktimer *t = find(si->si_timerid);

	if (t && __atomic_load_n(&t->periodic, __ATOMIC_RELAXED)) {
		__atomic_fetch_add(&t->absorbed, 1u + (unsigned)si->si_overrun, __ATOMIC_RELAXED);
		return;
	}
	if (t && t->thread)
		syscall(SYS_rt_tgsigqueueinfo, getpid(), t->thread, sig, si);
	else
		signal_requeue(sig, si);
}

/* signals_hand_back: does the timer notify one thread (SIGEV_THREAD_ID)?
 * Its messages end with that thread, as Linux's; the others are the
 * process's. */
int signal_timer_for_thread(int id)
{
	struct ktimer *t = find(id);

	return t && t->thread;
}

/* From siginfo_from_host: a message of a timer is delivered or taken;
 * its overrun, which is also what EXO_NC_TIMER_OVERRUN says now. */
exo_u32 signal_timer_delivered(const siginfo_t *si)
{
	struct ktimer *t = find(si->si_timerid);
	unsigned total;

	if (!t)
		return (exo_u32)si->si_overrun;
	total = __atomic_exchange_n(&t->absorbed, 0u, __ATOMIC_RELAXED) + (unsigned)si->si_overrun;
	__atomic_store_n(&t->last_overrun, total, __ATOMIC_RELAXED);
	return total;
}

/* Rounded up to the microsecond: a timer set never fires early. */
static void to_timeval(struct timeval *tv, exo_u64 ns)
{
	ns += 999;
	tv->tv_sec = (time_t)(ns / 1000000000u);
	tv->tv_usec = (suseconds_t)(ns % 1000000000u / 1000);
}

/* The three interval timers of setitimer/getitimer, the host's own (they
 * count the launcher's CPU time, which is the guest's). */
long signal_itimer(unsigned which, exo_u64 new_, exo_u64 old)
{
	static const int host_which[] = {
		[EXO_ITIMER_REAL] = ITIMER_REAL,
		[EXO_ITIMER_VIRTUAL] = ITIMER_VIRTUAL,
		[EXO_ITIMER_PROF] = ITIMER_PROF,
	};
	struct exo_itimer n, o;
	struct itimerval hn, ho;

	if (which > EXO_ITIMER_PROF)
		return EXO_ERR_INVALID;
	if (new_) {
		if (copy_from_guest(&n, new_, sizeof n) < 0)
			return EXO_ERR_FAULT;
		to_timeval(&hn.it_interval, n.interval_ns);
		to_timeval(&hn.it_value, n.value_ns);
		if (syscall(SYS_setitimer, host_which[which], &hn, &ho) < 0)
			return status_from_errno(errno);
	} else if (syscall(SYS_getitimer, host_which[which], &ho) < 0)
		return status_from_errno(errno);
	if (old) {
		o.interval_ns = (exo_u64)ho.it_interval.tv_sec * 1000000000u +
		                (exo_u64)ho.it_interval.tv_usec * 1000u;
		o.value_ns = (exo_u64)ho.it_value.tv_sec * 1000000000u + (exo_u64)ho.it_value.tv_usec * 1000u;
		if (copy_to_guest(old, &o, sizeof o) < 0)
			return EXO_ERR_FAULT;
	}
	return 0;
}
