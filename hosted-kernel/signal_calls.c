/* The native signal calls (EXO_NC_SIGNAL_*) on the hosted model; how the
 * host's signals carry them is in signal_host.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"
#include "signal_impl.h"

/* Signals never blocked while the kernel works on a queue: a fault in a
 * guest-memory copy must still reach fault.c. */
#define ALWAYS_OPEN (EXO_SIG_BIT(SIGSEGV) | EXO_SIG_BIT(SIGBUS))

int signal_thread_init(struct kthread *t)
{
	struct ksignals *ks = kernel_alloc_pages((sizeof *ks + 4095) & ~4095ul);
	char *stack = kernel_alloc_pages(KSIG_STACK);

	if (!ks || !stack)
		return -1;
	ks->stack_top = (exo_u64)(stack + KSIG_STACK);
	t->block->kernel_private[(KP_SIGNALS - EXO_TB_KERNEL_PRIVATE) / 8] = (exo_u64)ks;
	return 0;
}

void signal_thread_start(struct kthread *t)
{
	struct ksignals *ks = ksignals_of(t->block);

	ks->count = 0;
	ks->bits = ks->wait_set = 0;
	t->block->sigmask_held = 0;
	t->block->signal_pending = 0;
	host_mask(SIG_SETMASK, 0, NULL);
}

/* A guest thread ends while other threads live on. Its queue may hold
 * signals sent to the process: one that arrived during a call whose new
 * mask then blocked it (musl's pthread_exit blocks every signal in the
 * vDSO's fast path) waits there for an unblock that never comes. On
 * Linux a process-directed signal stays in the process's queue until a
 * thread takes it, so it is sent to the process again, after this thread
 * closed its host mask so that another thread gets it. What was sent to
 * this thread, or raised by its own faults, ends with it, as on Linux.
 * Left out: the kernel's thread-directed ones (faults) and the expiries
 * of a timer that names this thread (SIGEV_THREAD_ID). A child's SIGCHLD
 * goes back with its pid, status and times (signal_requeue); a
 * process-directed timer's expiry with its id, overrun and value (a
 * thread CPU-time timer left armed by an ending thread fired for the
 * process natively, tests/diff/sig_timer_burn.c). */
void signals_hand_back(struct kthread *t)
{
	struct ksignals *ks = ksignals_of(t->block);

	host_mask(SIG_BLOCK, ~ALWAYS_OPEN, NULL);
	if (!ks)
		return;
	for (int i = 0; i < ks->count; i++) {
		const struct exo_siginfo *o = &ks->queue[i];
		siginfo_t si;

		/* Thread-directed ones end with the thread, as on Linux; of
		 * the kernel's own (si_code > 0) only a child's SIGCHLD is the
		 * process's. */
		if (o->code == SI_TKILL || (o->code > 0 && o->signo != SIGCHLD) ||
		    (o->code == SI_TIMER && signal_timer_for_thread((int)o->timer)))
			continue;
		memset(&si, 0, sizeof si);
		si.si_signo = o->signo;
		si.si_code = o->code;
		si.si_errno = o->err;
		si.si_pid = (pid_t)o->pid;
		si.si_uid = o->uid;
		if (o->code == SI_TIMER) {
			/* Its overrun so far goes with it; delivered again, the
			 * expiries absorbed meanwhile are added (signal_timer.c). */
			si.si_timerid = (int)o->timer;
			si.si_overrun = (int)o->overrun;
			si.si_value.sival_ptr = (void *)o->value;
		} else if (o->signo == SIGCHLD && o->code > 0) {
			si.si_status = o->status;
			si.si_utime = (__typeof__(si.si_utime))o->utime;
			si.si_stime = (__typeof__(si.si_stime))o->stime;
		} else
			si.si_value.sival_ptr = (void *)o->value;
		signal_requeue(o->signo, &si);
	}
	ks->count = 0;
	ks->bits = 0;
}

/* At start and after exec: the host kept the thread's mask and pending
 * signals across its execve, as Linux keeps them for the guest. The host
 * mask only ever blocks held signals (the guest's mask is lazy), so the
 * ones the guest still blocks count as held again, and unblocking them
 * releases what is pending; the rest are let through now. */
void signals_adopt_mask(struct kthread *t)
{
	exo_u64 cur = 0;

	host_mask(SIG_BLOCK, 0, &cur);
	cur &= ~ALWAYS_OPEN;
	t->block->sigmask_held = cur & t->block->sigmask;
	/* The kernel's own fault recovery needs SIGSEGV and SIGBUS open. */
	host_mask(SIG_UNBLOCK, (cur & ~t->block->sigmask) | ALWAYS_OPEN, NULL);
}

exo_u64 signals_ignored(void)
{
	exo_u64 set = 0;

	for (int sig = 1; sig <= EXO_SIG_MAX; sig++)
		if (signal_kind[sig] == EXO_SIGACT_IGNORE)
			set |= EXO_SIG_BIT(sig);
	return set;
}

void signals_after_fork(struct kthread *t)
{
	struct ksignals *ks = ksignals_of(t->block);

	/* Linux: a child starts with nothing pending. Stores only where
	 * they change something: each written page is one the child copies. */
	if (ks->count)
		ks->count = 0;
	if (ks->bits || ks->wait_set)
		ks->bits = ks->wait_set = 0;
	if (t->block->signal_pending)
		t->block->signal_pending = 0;
}

/* Recompute what the vDSO sees after the queue changed: pending if one
 * queued signal is deliverable; queued ones the mask blocks count as held,
 * so unblocking them comes back here. Host signals blocked by the caller. */
static void queue_state(struct exo_thread_block *tb, struct ksignals *ks)
{
	exo_u64 bits = 0;
	int i;

	for (i = 0; i < ks->count; i++)
		bits |= EXO_SIG_BIT(ks->queue[i].signo);
	ks->bits = bits;
	tb->signal_pending = (bits & ~tb->sigmask) != 0;
	__atomic_fetch_or(&tb->sigmask_held, bits & tb->sigmask, __ATOMIC_RELAXED);
}

/* Remove and return the first queued signal of `want`, or 0. */
static int dequeue(struct exo_thread_block *tb, struct ksignals *ks, exo_u64 want,
                   struct exo_siginfo *out)
{
	exo_u64 old;
	int i, sig = 0;

	host_mask(SIG_BLOCK, ~ALWAYS_OPEN, &old);
	for (i = 0; i < ks->count; i++)
		if (want & EXO_SIG_BIT(ks->queue[i].signo)) {
			*out = ks->queue[i];
			sig = out->signo;
			memmove(&ks->queue[i], &ks->queue[i + 1], (ks->count - i - 1) * sizeof ks->queue[0]);
			ks->count--;
			break;
		}
	queue_state(tb, ks);
	host_mask(SIG_SETMASK, old, NULL);
	return sig;
}

long signal_action(int sig, unsigned kind, unsigned flags)
{
	struct exo_thread_block *tb = kthread_current()->block;
	struct exo_siginfo dropped;

	if (sig < 1 || sig > EXO_SIG_MAX || kind > EXO_SIGACT_HANDLE)
		return EXO_ERR_INVALID;
	if (sig == SIGKILL || sig == SIGSTOP)
		return kind == EXO_SIGACT_DEFAULT ? 0 : EXO_ERR_INVALID;
	signal_kind[sig] = (unsigned char)kind;
	if (sig == SIGCHLD)
		signal_child_flags = ((flags & EXO_SIGACT_NO_CHILD_STOP) ? SA_NOCLDSTOP : 0) |
		                     ((flags & EXO_SIGACT_NO_CHILD_WAIT) ? SA_NOCLDWAIT : 0);
	signal_install(sig);
	/* POSIX: ignoring a signal discards it if pending. */
	if (kind == EXO_SIGACT_IGNORE)
		while (dequeue(tb, ksignals_of(tb), EXO_SIG_BIT(sig), &dropped))
			;
	return 0;
}

long signal_mask_release(struct kthread *t)
{
	struct exo_thread_block *tb = t->block;
	exo_u64 release = tb->sigmask_held & ~tb->sigmask, old;

	/* The new mask blocks a watched signal (signal_child.c); it may
	 * release nothing. */
	if (tb->sigmask & tb->sigmask_watch) {
		signal_child_loud(t);
		if (!release)
			return 0;
	}
	__atomic_fetch_and(&tb->sigmask_held, ~release, __ATOMIC_RELAXED);
	host_mask(SIG_BLOCK, ~ALWAYS_OPEN, &old);
	queue_state(tb, ksignals_of(tb));
	/* Held host signals come back through on_signal on this unblock. */
	host_mask(SIG_SETMASK, old & ~release, NULL);
	return 0;
}

long signal_take(struct kthread *t, exo_u64 out)
{
	struct exo_siginfo info;
	int sig = dequeue(t->block, ksignals_of(t->block), ~t->block->sigmask, &info);

	if (sig && copy_to_guest(out, &info, sizeof info) < 0)
		return EXO_ERR_FAULT;
	return sig;
}

static long send_status(long r)
{
	if (r == 0)
		return 0;
	switch (errno) {
	case ESRCH: return EXO_ERR_NOT_FOUND;
	case EPERM: return EXO_ERR_PERMISSION;
	default: return status_from_errno(errno);
	}
}

long signal_send(unsigned to, long id, long id2, int sig, exo_u64 info)
{
	struct exo_siginfo e;
	siginfo_t hs;
	pid_t tgid = id2 > 0 ? (pid_t)id2 : getpid();

	if (sig < 0 || sig > EXO_SIG_MAX || to > EXO_SIGNAL_TO_THREAD)
		return EXO_ERR_INVALID;
	if (info) {
		if (copy_from_guest(&e, info, sizeof e) < 0)
			return EXO_ERR_FAULT;
		memset(&hs, 0, sizeof hs);
		hs.si_signo = sig;
		hs.si_code = e.code;
		hs.si_pid = (pid_t)e.pid;
		hs.si_uid = e.uid;
		hs.si_value.sival_ptr = (void *)e.value;
	}
	if (to == EXO_SIGNAL_TO_THREAD && id <= 0)
		return EXO_ERR_INVALID;
	/* The tid of a parked host thread names an ended thread: ESRCH, as
	 * on Linux (thread_pool.c); kill of a thread's tid is its process's. */
	long r = id > 0 && thread_pool_hold_tid(id) ? (errno = ESRCH, -1)
	       : to == EXO_SIGNAL_TO_THREAD ?
	         (id2 < 0 && !info ? syscall(SYS_tkill, (pid_t)id, sig)
	          : info ? syscall(SYS_rt_tgsigqueueinfo, tgid, (pid_t)id, sig, &hs)
	          : syscall(SYS_tgkill, tgid, (pid_t)id, sig))
	       : info ? syscall(SYS_rt_sigqueueinfo, (pid_t)id, sig, &hs)
	       : kill((pid_t)id, sig);
	r = send_status(r);
	if (id > 0)
		thread_pool_unhold();
	return r;
}

long signal_wait(struct kthread *t, exo_u64 set, exo_u64 out, exo_u64 timeout)
{
	struct exo_thread_block *tb = t->block;
	struct ksignals *ks = ksignals_of(tb);
	struct exo_siginfo info;
	struct exo_timespec et;
	struct timespec ts;
	siginfo_t si;
	long r;

	set &= ~(EXO_SIG_BIT(SIGKILL) | EXO_SIG_BIT(SIGSTOP));
	if (timeout) {
		if (copy_from_guest(&et, timeout, sizeof et) < 0)
			return EXO_ERR_FAULT;
		ts.tv_sec = (time_t)et.sec;
		ts.tv_nsec = (long)et.nsec;
	}
	ks->wait_set = set;
	for (;;) {
		if (dequeue(tb, ks, set, &info)) {
			r = info.signo;
			break;
		}
		if (tb->signal_pending) {
			r = EXO_ERR_INTERRUPTED;
			break;
		}
		r = host_call_cp(SYS_rt_sigtimedwait, (long)&set, (long)&si, timeout ? (long)&ts : 0, 8, 0, 0);
		if (r > 0) {
			siginfo_from_host(&info, &si);
			break;
		}
		if (r == -EAGAIN) {
			r = EXO_ERR_TIMED_OUT;
			break;
		}
		if (r != -EINTR) {
			r = status_from_errno((int)-r);
			break;
		}
	}
	ks->wait_set = 0;
	if (r > 0 && out && copy_to_guest(out, &info, sizeof info) < 0)
		return EXO_ERR_FAULT;
	return r;
}

long signal_suspend(struct kthread *t)
{
	struct exo_thread_block *tb = t->block;
	exo_u64 m;

	for (;;) {
		signal_mask_release(t);
		if (tb->signal_pending)
			return EXO_ERR_INTERRUPTED;
		m = tb->sigmask & ~ALWAYS_OPEN;
		host_call_cp(SYS_rt_sigsuspend, (long)&m, 8, 0, 0, 0, 0);
		if (tb->signal_pending)
			return EXO_ERR_INTERRUPTED;
	}
}

long signal_pending(struct kthread *t, exo_u64 out)
{
	exo_u64 set = 0;

	syscall(SYS_rt_sigpending, &set, 8);
	set |= ksignals_of(t->block)->bits;
	return copy_to_guest(out, &set, sizeof set) < 0 ? EXO_ERR_FAULT : 0;
}

long signal_default(int sig)
{
	if (sig < 1 || sig > EXO_SIG_MAX)
		return EXO_ERR_INVALID;
	if (signal_default_class(sig) == SIGDFL_IGNORE)
		return 0;
	host_disposition(sig, SIG_DFL, 0);
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), sig);
	host_mask(SIG_UNBLOCK, EXO_SIG_BIT(sig), NULL);
	/* Back from a stop. */
	signal_install(sig);
	return 0;
}

static void to_timeval(struct timeval *tv, exo_u64 ns)
{
	tv->tv_sec = (time_t)(ns / 1000000000u);
	tv->tv_usec = (suseconds_t)((ns % 1000000000u + 999) / 1000);
}

static exo_u64 from_timeval(const struct timeval *tv)
{
	return (exo_u64)tv->tv_sec * 1000000000u + (exo_u64)tv->tv_usec * 1000u;
}

long signal_timer(exo_u64 new_, exo_u64 old)
{
	struct exo_itimer n, o;
	struct itimerval hn, ho;

	if (new_) {
		if (copy_from_guest(&n, new_, sizeof n) < 0)
			return EXO_ERR_FAULT;
		to_timeval(&hn.it_interval, n.interval_ns);
		to_timeval(&hn.it_value, n.value_ns);
		if (setitimer(ITIMER_REAL, &hn, &ho) < 0)
			return status_from_errno(errno);
	} else
		getitimer(ITIMER_REAL, &ho);
	if (old) {
		o.interval_ns = from_timeval(&ho.it_interval);
		o.value_ns = from_timeval(&ho.it_value);
		if (copy_to_guest(old, &o, sizeof o) < 0)
			return EXO_ERR_FAULT;
	}
	return 0;
}
