/* Host threads of ended guest threads, parked for the next creation.
 *
 * A guest thread's end does not end its host thread: after the
 * CLONE_CHILD_CLEARTID wake (its last act for the guest) the host thread
 * waits on a futex word of its own, every host signal blocked, until
 * thread_create hands it a new guest thread or the pool lets it go. Its
 * glibc TLS, robust list, Syscall User Dispatch and SIGSYS stack persist,
 * so a reused one costs no host clone, no exit, and none of the six host
 * calls a new glibc thread makes (docs/legacy-processes.md, "What a
 * thread costs"). EXO_RUN_THREAD_POOL=N parks at most N (0: off).
 *
 * What a reused host thread must not bring to its new guest thread:
 *  - its tid: Linux gives a new thread a new tid and a tgkill, tkill or
 *    kill to the tid of an ended, joined thread fails with ESRCH. Here a
 *    parked thread's tid answers ESRCH to those calls (a sender counts itself in
 *    flight across its check and its send, thread_pool_hold_tid).
 *    A thread is taken only once the guest unmapped the memory at its
 *    last thread pointer (musl's pthread_join unmaps the thread's stack
 *    and descriptor; a detached thread its own), so a program never gets
 *    back the tid of a thread it has not joined, and only when a thread
 *    that ended after it is in the pool too: a new thread's tid is never
 *    that of the thread that ended last. Tids do come back sooner than on
 *    Linux (which cycles through pid_max): a tid saved from an earlier,
 *    joined thread may name a live one, as it may on Linux after a wrap;
 *    other calls that take a tid (sched_getaffinity, getpriority) see a
 *    parked one.
 *  - a signal sent to the old guest thread: Linux drops it with the
 *    thread. A host thread with any signal pending once it has closed its
 *    mask and left the senders' reach does not park: it ends, and what
 *    was sent to it with it. A host timer aimed at a thread would keep
 *    firing at it: creating one turns the pool off.
 *  - per-thread host state the guest changed: credentials, groups,
 *    affinity and nice are per host thread, and a new thread takes its creator's.
 *    The first such change turns the pool off and ends the parked
 *    threads (thread_pool_disable, before the change).
 *  - its CPU time and usage counts: CLOCK_THREAD_CPUTIME_ID and
 *    RUSAGE_THREAD answer from the parked thread's counts at parking.
 *
 * A parked thread not taken within 50 ms ends (POOL_IDLE_NS says why).
 *
 * Why at most 4: each parked thread holds its stacks (about half a MiB of
 * address space, a few resident pages) and counts against RLIMIT_NPROC;
 * a churn of short threads needs two (one to take, the one that ended
 * last). A creation or fork that fails with EAGAIN ends the parked ones
 * and the ending ones, waits until Linux has released them, and tries
 * once more (threads_release_host). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "kernel.h"
#include "signal_impl.h"

#define POOL_MAX 4

enum { POOL_ENDING = 1, POOL_PARKED };
enum { PARK_WAIT, PARK_GO, PARK_END, PARK_QUIT };

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kthread *pool;   /* in the order their guest threads ended */
static int pool_count, pool_parked;
static int pool_cap = -1;      /* -1: EXO_RUN_THREAD_POOL not read yet */
static int pool_off;           /* a per-thread host attribute changed */
/* The tids of the threads in the pool, which senders read without a lock
 * (thread_pool_hold_tid); written under pool_lock, 0 when free. Senders
 * between that look and the end of their send are counted in `senders`:
 * a thread entering the pool publishes its tid, then waits for the
 * senders in flight (thread_pool_enter). Holding pool_lock across every
 * send instead made each kill, tgkill and sigqueue of the process take
 * it, and threads waiting for it (taking, parking) sat in glibc's futex
 * wait with their host mask open while a flood of real-time signals
 * filled their kernel queues. */
static int pool_tids[64];
static int senders;
/* A parked thread not taken for this long ends: while one is parked the
 * process has more than one host thread, so Linux shares its descriptor
 * table and every descriptor call takes a file reference (timekeeper.c:
 * about 250 cycles more per lseek). 50 ms keeps a churn of short threads
 * in the pool and gives a program whose threads are done its
 * single-threaded calls back soon after. */
#define POOL_IDLE_NS 50000000L

static int cap(void)
{
	int c = __atomic_load_n(&pool_cap, __ATOMIC_RELAXED);

	if (c < 0) {
		const char *e = getenv("EXO_RUN_THREAD_POOL");
		c = e ? atoi(e) : POOL_MAX;
		if (c < 0)
			c = 0;
		if (c > 64)
			c = 64;
		__atomic_store_n(&pool_cap, c, __ATOMIC_RELAXED);
	}
	return c;
}

static void publish_tid_locked(int tid)
{
	for (int i = 0; i < cap(); i++)
		if (!pool_tids[i]) {
			__atomic_store_n(&pool_tids[i], tid, __ATOMIC_SEQ_CST);
			return;
		}
}

static void withdraw_tid_locked(int tid)
{
	for (int i = 0; i < cap(); i++)
		if (pool_tids[i] == tid) {
			__atomic_store_n(&pool_tids[i], 0, __ATOMIC_RELEASE);
			return;
		}
}

static void unlink_locked(struct kthread *t)
{
	struct kthread **pp;

	for (pp = &pool; *pp; pp = &(*pp)->pool_next)
		if (*pp == t) {
			*pp = t->pool_next;
			break;
		}
	t->pool_next = NULL;
	withdraw_tid_locked(t->host_tid);
	if (t->pool_state == POOL_PARKED)
		pool_parked--;
	t->pool_state = 0;
	pool_count--;
}

static void append_locked(struct kthread *t)
{
	struct kthread **pp = &pool;

	while (*pp)
		pp = &(*pp)->pool_next;
	t->pool_next = NULL;
	*pp = t;
	pool_count++;
	publish_tid_locked(t->host_tid);
}

static void usage_now(exo_u64 out[6])
{
	struct rusage ru;

	getrusage(RUSAGE_THREAD, &ru);
	out[0] = (exo_u64)ru.ru_utime.tv_sec * 1000000000u + (exo_u64)ru.ru_utime.tv_usec * 1000u;
	out[1] = (exo_u64)ru.ru_stime.tv_sec * 1000000000u + (exo_u64)ru.ru_stime.tv_usec * 1000u;
	out[2] = (exo_u64)ru.ru_minflt;
	out[3] = (exo_u64)ru.ru_majflt;
	out[4] = (exo_u64)ru.ru_nvcsw;
	out[5] = (exo_u64)ru.ru_nivcsw;
}

/* A full pool lets the oldest parked thread whose memory the guest still
 * holds go (it ends by itself): a program that never frees its threads'
 * memory (its own stacks, pthread_attr_setstack) would otherwise keep
 * the pool full of threads it can never take. */
static void quit_oldest_held_locked(void)
{
	struct kthread *t;

	for (t = pool; t; t = t->pool_next)
		if (t->pool_state == POOL_PARKED && !t->pool_freed)
			break;
	if (!t)
		return;
	unlink_locked(t);
	__atomic_store_n(&t->park, PARK_QUIT, __ATOMIC_RELEASE);
	syscall(SYS_futex, &t->park, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* The guest thread of t ended (thread_exit came back to thread_main).
 * 1: t is in the pool, out of the senders' reach, mask closed, nothing
 * pending; its caller wakes the guest's CLONE_CHILD_CLEARTID word and
 * then waits (thread_pool_wait). 0: the host thread ends, as before. */
int thread_pool_enter(struct kthread *t, exo_u64 tp)
{
	exo_u64 pending = 0;
	char byte;
	int c = cap();

	if (!c)
		return 0;
	pthread_mutex_lock(&pool_lock);
	if (pool_count >= c)
		quit_oldest_held_locked();
	if (pool_off || pool_count >= c) {
		pthread_mutex_unlock(&pool_lock);
		return 0;
	}
	t->pool_state = POOL_ENDING;
	t->pool_tp = tp;
	t->pool_freed = 0;
	append_locked(t);
	pthread_mutex_unlock(&pool_lock);
	/* A sender that looked before the tid was published may still be
	 * sending (a sender that looks later answers ESRCH): wait for the
	 * senders in flight. Under a flood of sends that never leaves none
	 * in flight the thread ends instead of parking. */
	for (int i = 0; __atomic_load_n(&senders, __ATOMIC_SEQ_CST); i++) {
		if (i == 1000) {
			pthread_mutex_lock(&pool_lock);
			unlink_locked(t);
			pthread_mutex_unlock(&pool_lock);
			return 0;
		}
		sched_yield();
	}
	/* A sender that found t's tid live has finished its send: what it
	 * sent is pending now (blocked: signals_hand_back closed the mask
	 * but for the faults that guest-memory copies recover from), or was
	 * delivered to the old guest thread. A process-directed signal
	 * pending here (every thread blocks it) keeps this thread out too:
	 * a rare case, and an exact one. */
	syscall(SYS_rt_sigpending, &pending, 8);
	if (pending) {
		pthread_mutex_lock(&pool_lock);
		unlink_locked(t);
		pthread_mutex_unlock(&pool_lock);
		return 0;
	}
	usage_now(t->cpu_base);
	/* A detached thread unmapped its memory before it ended. */
	if (copy_from_guest(&byte, tp, 1) < 0) {
		pthread_mutex_lock(&pool_lock);
		t->pool_freed = 1;
		pthread_mutex_unlock(&pool_lock);
	}
	return 1;
}

/* After the CLEARTID wake: park until taken (1), let go (-1: the one who
 * let it go joins it) or told to end or the pool turned off meanwhile
 * (0: end). */
int thread_pool_wait(struct kthread *t)
{
	int p;

	pthread_mutex_lock(&pool_lock);
	if (pool_off) {
		unlink_locked(t);
		pthread_mutex_unlock(&pool_lock);
		return 0;
	}
	t->park = PARK_WAIT;
	t->pool_state = POOL_PARKED;
	pool_parked++;
	pthread_mutex_unlock(&pool_lock);
	/* Even a kill(SIGSEGV) for the process must not pick a parked
	 * thread; nothing here touches guest memory any more. */
	host_mask(SIG_SETMASK, ~(exo_u64)0, NULL);
	while ((p = __atomic_load_n(&t->park, __ATOMIC_ACQUIRE)) == PARK_WAIT) {
		struct timespec idle = { 0, POOL_IDLE_NS };
		if (syscall(SYS_futex, &t->park, FUTEX_WAIT_PRIVATE, PARK_WAIT, &idle, NULL, 0) == 0 ||
		    errno != ETIMEDOUT)
			continue;
		/* Idle: end, unless a taker or a releaser has it already
		 * (both unlink it under the lock before they tell it). */
		pthread_mutex_lock(&pool_lock);
		if (t->pool_state == POOL_PARKED) {
			unlink_locked(t);
			pthread_mutex_unlock(&pool_lock);
			return 0;
		}
		pthread_mutex_unlock(&pool_lock);
	}
	return p == PARK_GO ? 1 : p == PARK_END ? -1 : 0;
}

/* The guest unmapped memory: a parked thread whose thread pointer was in
 * it has been joined (musl keeps the thread's descriptor, at its thread
 * pointer, in the mapping of its stack, which pthread_join unmaps) or
 * freed itself (detached). Only then is its tid dead to the program. */
void thread_pool_unmapped(exo_u64 addr, exo_u64 len)
{
	struct kthread *t;

	if (!__atomic_load_n(&pool_count, __ATOMIC_RELAXED))
		return;
	pthread_mutex_lock(&pool_lock);
	for (t = pool; t; t = t->pool_next)
		if (t->pool_tp - addr < len)
			t->pool_freed = 1;
	pthread_mutex_unlock(&pool_lock);
}

/* The parked thread whose guest thread ended first and was joined, unless
 * it is the one that ended last (its tid must not come back at once). */
struct kthread *thread_pool_take(void)
{
	struct kthread *t;

	if (__atomic_load_n(&pool_parked, __ATOMIC_RELAXED) == 0)
		return NULL;
	pthread_mutex_lock(&pool_lock);
	for (t = pool; t && t->pool_next; t = t->pool_next)
		if (t->pool_state == POOL_PARKED && t->pool_freed)
			break;
	if (t && !t->pool_next)
		t = NULL;
	if (t)
		unlink_locked(t);
	pthread_mutex_unlock(&pool_lock);
	return t;
}

void thread_pool_wake(struct kthread *t)
{
	__atomic_store_n(&t->park, PARK_GO, __ATOMIC_RELEASE);
	syscall(SYS_futex, &t->park, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}


/* Ends the parked host threads and waits until Linux has released them
 * (threads_wait_released), those still on their way into the pool
 * (between thread_pool_enter and thread_pool_wait) once they are parked.
 * How many it ended. */
int thread_pool_release(void)
{
	struct kthread *let_go = NULL, *t, *next;
	int n = 0;

	if (!cap())
		return 0;
	for (int i = 0; i < 1000 && __atomic_load_n(&pool_count, __ATOMIC_RELAXED) !=
	                            __atomic_load_n(&pool_parked, __ATOMIC_RELAXED); i++)
		sched_yield();
	if (!__atomic_load_n(&pool_parked, __ATOMIC_RELAXED))
		return 0;
	pthread_mutex_lock(&pool_lock);
	for (t = pool; t; t = next) {
		next = t->pool_next;
		if (t->pool_state != POOL_PARKED)
			continue;
		unlink_locked(t);
		t->pool_next = let_go;
		let_go = t;
	}
	pthread_mutex_unlock(&pool_lock);
	for (t = let_go; t; t = next) {
		int tid = t->host_tid;
		next = t->pool_next;
		t->pool_next = NULL;
		__atomic_store_n(&t->park, PARK_END, __ATOMIC_RELEASE);
		syscall(SYS_futex, &t->park, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		pthread_join((pthread_t)t->host, NULL);
		threads_wait_released(tid);
		thread_reusable(t);
		n++;
	}
	return n;
}

/* Before the guest changes an attribute Linux keeps per thread and a new
 * thread copies from its creator (credentials, affinity, nice): a parked
 * thread would keep the old one. */
void thread_pool_disable(void)
{
	if (!cap())
		return;
	pthread_mutex_lock(&pool_lock);
	pool_off = 1;
	pthread_mutex_unlock(&pool_lock);
	thread_pool_release();
}

/* For a sender to a tid: 1 if it names a thread of the pool (its guest
 * thread ended: ESRCH). The sender counts as in flight until
 * thread_pool_unhold, after its send, so that no send lands after
 * thread_pool_enter looked at what is pending; no lock, so senders never
 * wait. Sequentially consistent on both sides: either the sender sees
 * the published tid, or the entering thread sees the sender counted. */
int thread_pool_hold_tid(long tid)
{
	int n = cap();

	if (!n)
		return 0;
	__atomic_add_fetch(&senders, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < n; i++)
		if (__atomic_load_n(&pool_tids[i], __ATOMIC_SEQ_CST) == tid)
			return 1;
	return 0;
}

void thread_pool_unhold(void)
{
	if (cap())
		__atomic_sub_fetch(&senders, 1, __ATOMIC_RELEASE);
}

/* The child of a fork has none of those host threads. Their kthreads are
 * left alone: each host stack holds a glibc thread descriptor that
 * glibc's lists may still name (fork_bare does not tidy them). Stores
 * only where something changes (threads_after_fork says why). */
void thread_pool_after_fork(void)
{
	if (pool)
		pool = NULL;
	if (pool_count)
		pool_count = 0;
	if (pool_parked)
		pool_parked = 0;
	for (int i = 0; i < 64; i++)
		if (pool_tids[i])
			pool_tids[i] = 0;
	if (senders)
		senders = 0;  /* a sender of the parent, not of this process */
	if (pool_lock.__data.__lock)
		pthread_mutex_init(&pool_lock, NULL);
}

exo_u64 thread_pool_cpu_base_ns(void)
{
	struct kthread *t = kthread_current();

	return t->cpu_base[0] + t->cpu_base[1];
}

void thread_pool_usage_adjust(struct rusage *ru)
{
	struct kthread *t = kthread_current();
	exo_u64 now[6], d[6];

	if (!t->cpu_base[0] && !t->cpu_base[1] && !t->cpu_base[2])
		return;
	now[0] = (exo_u64)ru->ru_utime.tv_sec * 1000000000u + (exo_u64)ru->ru_utime.tv_usec * 1000u;
	now[1] = (exo_u64)ru->ru_stime.tv_sec * 1000000000u + (exo_u64)ru->ru_stime.tv_usec * 1000u;
	now[2] = (exo_u64)ru->ru_minflt;
	now[3] = (exo_u64)ru->ru_majflt;
	now[4] = (exo_u64)ru->ru_nvcsw;
	now[5] = (exo_u64)ru->ru_nivcsw;
	for (int i = 0; i < 6; i++)
		d[i] = now[i] > t->cpu_base[i] ? now[i] - t->cpu_base[i] : 0;
	ru->ru_utime.tv_sec = (time_t)(d[0] / 1000000000u);
	ru->ru_utime.tv_usec = (suseconds_t)(d[0] % 1000000000u / 1000u);
	ru->ru_stime.tv_sec = (time_t)(d[1] / 1000000000u);
	ru->ru_stime.tv_usec = (suseconds_t)(d[1] % 1000000000u / 1000u);
	ru->ru_minflt = (long)d[2];
	ru->ru_majflt = (long)d[3];
	ru->ru_nvcsw = (long)d[4];
	ru->ru_nivcsw = (long)d[5];
}
