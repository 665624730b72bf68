/* Waits on an address (EXO_NC_FUTEX_*), served by the host's futex: the
 * guest's words are in this process's memory, or in memory it shares
 * with other processes (EXO_FUTEX_PRIVATE clear). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel.h"

static int host_op(int op, unsigned flags)
{
	return op | ((flags & EXO_FUTEX_PRIVATE) ? FUTEX_PRIVATE_FLAG : 0) |
	       ((flags & EXO_FUTEX_REALTIME) ? FUTEX_CLOCK_REALTIME : 0);
}

static long result(long r)
{
	if (r >= 0)
		return r;
	switch (errno) {
	case EAGAIN: return EXO_ERR_WOULD_BLOCK;
	case ETIMEDOUT: return EXO_ERR_TIMED_OUT;
	case EINTR: return EXO_ERR_INTERRUPTED;
	default: return status_from_errno(errno);
	}
}

long futex_wait(exo_u64 addr, exo_u32 expected, exo_u32 bitset, unsigned flags, exo_u64 timeout)
{
	struct exo_timespec t;
	struct timespec ts, *tp = NULL;
	int op = (flags & EXO_FUTEX_ABSOLUTE) ? FUTEX_WAIT_BITSET : FUTEX_WAIT;

	if (timeout) {
		if (copy_from_guest(&t, timeout, sizeof t) < 0)
			return EXO_ERR_FAULT;
		ts.tv_sec = t.sec;
		ts.tv_nsec = t.nsec;
		tp = &ts;
	}
	if (op == FUTEX_WAIT && bitset != EXO_FUTEX_BITSET_ANY)
		return EXO_ERR_INVALID;
	/* A signal for this thread ends the wait (signal_cp.S). A host signal
	 * that the guest blocks (held back, or a timer's expiry folded into
	 * an overrun) interrupts the host call too, with nothing to deliver:
	 * the wait goes on, as Linux's does, until the same deadline. */
	long r;
	struct timespec start;
	int clock = (flags & EXO_FUTEX_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	if (tp && op == FUTEX_WAIT)
		clock_gettime(clock, &start);
	for (;;) {
		r = host_call_cp(SYS_futex, (long)addr, host_op(op, flags), expected, (long)tp, 0, bitset);
		if (r != -EINTR || kthread_current()->block->signal_pending)
			break;
		if (tp && op == FUTEX_WAIT) {
			/* The relative timeout becomes the deadline it meant. */
			ts.tv_sec += start.tv_sec;
			ts.tv_nsec += start.tv_nsec;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			op = FUTEX_WAIT_BITSET;
		}
	}
	if (r < 0) {
		errno = (int)-r;
		r = -1;
	}
	return result(r);
}

long futex_wake(exo_u64 addr, int count, exo_u32 bitset, unsigned flags)
{
	return result(syscall(SYS_futex, addr, host_op(FUTEX_WAKE_BITSET, flags & EXO_FUTEX_PRIVATE),
	                      count, NULL, NULL, bitset));
}

long futex_requeue(exo_u64 addr, int wake, exo_u64 addr2, int requeue, exo_u32 expected,
                   unsigned flags)
{
	int op = (flags & EXO_FUTEX_COMPARE) ? FUTEX_CMP_REQUEUE : FUTEX_REQUEUE;

	return result(syscall(SYS_futex, addr, host_op(op, flags & EXO_FUTEX_PRIVATE), wake,
	                      (void *)(long)requeue, addr2, expected));
}
