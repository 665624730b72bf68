/* Guest threads (EXO_NC_THREAD_*): each is a host thread with its own
 * thread block, ring, kernel stack, XSAVE area and SIGSYS stack.
 *
 * The host thread is a pthread, so the kernel code it runs has glibc's
 * TLS of its own. The creator learns the new tid from glibc's pthread_t
 * and writes it where the guest asked, while the new thread sets itself
 * up; the new thread runs no user instruction before that is done, and
 * the creator never waits for the new thread (docs/legacy-processes.md,
 * "Threads"). It enters user code with the creator's registers on the
 * new stack. Its
 * exit comes back to thread_main through longjmp, so the pthread ends as
 * glibc expects; its memory is reused once the host thread is joined. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include "kernel.h"

#define THREAD_STACK (128 * 1024)
#define ALT_STACK (64 * 1024)

static int live_threads = 1;
static pthread_mutex_t retired_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kthread *retired;   /* ended, host thread maybe not yet */
static struct kthread *reusable;  /* ended and joined */

static exo_u64 *kp(struct kthread *t, unsigned slot)
{
	return &t->block->kernel_private[(slot - EXO_TB_KERNEL_PRIVATE) / 8];
}

static void host_futex(void *addr, int op, int val)
{
	syscall(SYS_futex, addr, op, val, NULL, NULL, 0);
}

/* Where glibc (2.36, x86-64) keeps a thread's tid in its struct pthread,
 * the pthread_t: clone's CLONE_PARENT_SETTID writes it there before
 * pthread_create returns, so the creator knows the new tid without
 * waiting for the new thread to run. Checked once against the caller's
 * own; if another glibc put it elsewhere, the new thread tells it. */
#define GLIBC_PTHREAD_TID 720

static int pd_tid_known;  /* 0 unchecked, 1 usable, -1 not */

static int pd_tid(pthread_t th)
{
	return *(volatile int *)((char *)th + GLIBC_PTHREAD_TID);
}

static int pd_tid_usable(void)
{
	int known = __atomic_load_n(&pd_tid_known, __ATOMIC_RELAXED);

	if (!known) {
		known = pd_tid(pthread_self()) == (int)syscall(SYS_gettid) ? 1 : -1;
		__atomic_store_n(&pd_tid_known, known, __ATOMIC_RELAXED);
	}
	return known > 0;
}

/* The host mask a new host thread starts with (glibc's start_thread
 * sets the attribute's): everything but the faults fault.c recovers
 * from, until it has its thread block, signal queue and SIGSYS stack.
 * A signal sent to its tid meanwhile waits on the host; one caught
 * earlier would have run with the creator's thread block in GS. */
static int attr_for(struct kthread *t)
{
	pthread_attr_t *attr = malloc(sizeof *attr);
	sigset_t closed;

	if (!attr || pthread_attr_init(attr) != 0) {
		free(attr);
		return -1;
	}
	sigfillset(&closed);
	sigdelset(&closed, SIGSEGV);
	sigdelset(&closed, SIGBUS);
	if (pthread_attr_setstack(attr, t->stack, THREAD_STACK) != 0 ||
	    pthread_attr_setsigmask_np(attr, &closed) != 0) {
		pthread_attr_destroy(attr);
		free(attr);
		return -1;
	}
	t->host_attr = attr;
	return 0;
}

/* The guest-visible part of a kthread as a new thread's: its block (the
 * guest's sigaltstack, tids, mask) and its ring. */
static void kthread_reset(struct kthread *t)
{
	struct exo_thread_block *tb = t->block;

	memset(tb, 0, EXO_TB_KERNEL_PRIVATE);
	tb->self = (exo_u64)tb;
	tb->ring = (exo_u64)t->ring;
	ring_init(t->ring);
	t->sq_head = t->cq_tail = 0;
}

void thread_reusable(struct kthread *t)
{
	pthread_mutex_lock(&retired_lock);
	t->next = reusable;
	reusable = t;
	pthread_mutex_unlock(&retired_lock);
}

/* A retired thread whose host thread is gone, or a new one. Its memory
 * (block, ring, stacks, attribute) is warm: a new one costs page faults
 * of fresh pages. */
static struct kthread *kthread_get(void)
{
	struct kthread *t = NULL, **pp;

	pthread_mutex_lock(&retired_lock);
	if (reusable) {
		t = reusable;
		reusable = t->next;
	} else for (pp = &retired; *pp; pp = &(*pp)->next)
		if (pthread_tryjoin_np((pthread_t)(*pp)->host, NULL) == 0) {
			t = *pp;
			*pp = t->next;
			break;
		}
	pthread_mutex_unlock(&retired_lock);
	if (t) {
		kthread_reset(t);
		memset(t->cpu_base, 0, sizeof t->cpu_base);
		return t;
	}
	t = kthread_create();
	if (!t)
		return NULL;
	t->stack = kernel_alloc_pages(THREAD_STACK);
	t->altstack = kernel_alloc_pages(ALT_STACK);
	return t->stack && t->altstack && attr_for(t) == 0 ? t : NULL;
}

/* CLONE_CHILD_CLEARTID: musl hands its thread-list lock over this way,
 * and its pthread_join returns, and unmaps the thread's stack, once the
 * word is zero. Linux clears it when the thread has left its memory
 * (exit_mm); here it is the host thread's last step before glibc ends
 * it: a joiner woken earlier ran its munmap and the next creation's
 * mmap and mprotect while this host thread still used the address
 * space (a TLB shootdown to its CPU, page tables freed through RCU),
 * and found its kthread not yet reusable (docs/legacy-processes.md,
 * "What a thread costs"). */
static void clear_child_tid(struct kthread *t)
{
	exo_u64 ctid = t->block->clear_child_tid;
	exo_u32 zero = 0;

	if (ctid && copy_to_guest(ctid, &zero, sizeof zero) == 0)
		host_futex((void *)ctid, FUTEX_WAKE, 1);
}

static void *thread_main(void *arg)
{
	struct kthread *t = arg;
	struct exo_thread_block *tb = t->block;
	jmp_buf exit_ctx;
	exo_u64 fs;

	/* The host's clone gave this thread its creator's GS: kernel code
	 * (fault.c, the signal handlers) finds its thread through it. */
	__asm__ volatile ("wrgsbase %0" :: "r"((exo_u64)tb) : "memory");
	__asm__ volatile ("rdfsbase %0" : "=r"(fs));
	*kp(t, KP_KERNEL_FS) = fs;
	*kp(t, KP_GUEST_FS) = t->start.tp;
	if (!pd_tid_usable()) {
		__atomic_store_n(&t->tid_ready, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);
		host_futex(&t->tid_ready, FUTEX_WAKE_PRIVATE, 1);
	}
	sud_thread_start(t->altstack, ALT_STACK);
	/* The creator writes the tids (as Linux does before the child
	 * runs); by the time this thread gets here it has mostly done so. */
	if (__atomic_load_n(&t->go, __ATOMIC_ACQUIRE) != 1) {
		int expect = 0;
		if (__atomic_compare_exchange_n(&t->go, &expect, 2, 0, __ATOMIC_ACQUIRE,
		                                __ATOMIC_ACQUIRE) || expect == 2)
			while (__atomic_load_n(&t->go, __ATOMIC_ACQUIRE) != 1)
				host_futex(&t->go, FUTEX_WAIT_PRIVATE, 2);
	}
	t->host_tid = (int)t->block->tid;
	for (;;) {
		signal_thread_start(t);  /* its queue, then the host mask opens */
		if (setjmp(exit_ctx) == 0) {
			t->exit_ctx = &exit_ctx;
			exo_resume_guest(&t->start.regs, t->start.tp);
		}
		/* Back from thread_exit, on this stack. Parked, the host
		 * thread waits for the next guest thread (thread_pool.c). */
		t->exit_ctx = NULL;
		if (!thread_pool_enter(t, *kp(t, KP_GUEST_FS)))
			break;
		clear_child_tid(t);
		t->block->clear_child_tid = 0;
		switch (thread_pool_wait(t)) {
		case 1:
			*kp(t, KP_GUEST_FS) = t->start.tp;
			continue;
		case -1:
			return NULL;   /* thread_pool_release joins it */
		}
		break;
	}
	/* End the host thread. Its SIGSYS stack goes with it (a new host
	 * thread has none), and its memory is reused only once it is
	 * joined. */
	pthread_mutex_lock(&retired_lock);
	t->next = retired;
	retired = t;
	pthread_mutex_unlock(&retired_lock);
	clear_child_tid(t);
	return NULL;
}

/* What the new guest thread starts with, from its creator. */
static void thread_fill(struct kthread *parent, struct kthread *t, const struct exo_thread_start *st)
{
	t->start = *st;
	if (!(t->start.flags & EXO_THREAD_SET_TP))
		t->start.tp = *kp(parent, KP_GUEST_FS);
	t->block->pid = parent->block->pid;
	t->block->ppid = parent->block->ppid;
	t->block->sigmask = parent->block->sigmask;
	t->block->clear_child_tid = (st->flags & EXO_THREAD_CLEAR_TID) ? st->child_tid : 0;
	kthread_inherit_vectors(t, parent);
	signal_child_loud(parent);   /* only one thread's mask is watched */
}

/* Before the new thread runs a user instruction and before the creating
 * call returns, as Linux's clone; a bad address is ignored, as there. The
 * creator writes them: its own fault recovery covers the copies. */
static void write_tids(struct kthread *t, const struct exo_thread_start *st, int tid)
{
	t->block->tid = (exo_u32)tid;
	if (st->flags & EXO_THREAD_PARENT_TID)
		copy_to_guest(st->parent_tid, &tid, sizeof tid);
	if (st->flags & EXO_THREAD_CHILD_TID)
		copy_to_guest(st->child_tid, &tid, sizeof tid);
}

/* A parked host thread takes the new guest thread: no host clone, its
 * tid known (thread_pool.c). */
static long thread_resume(struct kthread *parent, struct kthread *t, const struct exo_thread_start *st)
{
	kthread_reset(t);
	thread_fill(parent, t, st);
	write_tids(t, st, t->host_tid);
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
	thread_pool_wake(t);
	return t->host_tid;
}

/* pthread_join returns once Linux has cleared the ended thread's tid
 * word, which it does when the thread leaves its memory, before the
 * thread is released and stops counting against RLIMIT_NPROC: a retry
 * made at once can still fail (seen under load, tests/diff/
 * thread_pool_nproc.c). A signal 0 to the tid fails with ESRCH once the
 * thread is released. Bounded: a tid that lingers (it cannot be reused
 * before the release) is given up after about 10 ms. */
void threads_wait_released(int tid)
{
	for (int i = 0; tid > 0 && i < 10000; i++) {
		if (syscall(SYS_tgkill, getpid(), tid, 0) < 0)
			return;
		if (i >= 100)
			usleep(1);
		else
			sched_yield();
	}
}

/* After EAGAIN from the host's clone: the host threads that serve no
 * guest thread (parked, thread_pool.c, or ending, on `retired`) are
 * counted by Linux as the guest's tasks are not; end and wait for them,
 * so what succeeds natively succeeds here. How many there were. */
int threads_release_host(void)
{
	struct kthread *ended, *t;
	int n = thread_pool_release();

	pthread_mutex_lock(&retired_lock);
	ended = retired;
	retired = NULL;
	pthread_mutex_unlock(&retired_lock);
	while ((t = ended)) {
		ended = t->next;
		pthread_join((pthread_t)t->host, NULL);
		threads_wait_released(t->host_tid);
		pthread_mutex_lock(&retired_lock);
		t->next = reusable;
		reusable = t;
		pthread_mutex_unlock(&retired_lock);
		n++;
	}
	return n;
}

long thread_create(struct kthread *parent, exo_u64 start)
{
	struct exo_thread_start st;
	struct kthread *t;
	pthread_t th;
	int err, tid;

	if (copy_from_guest(&st, start, sizeof st) < 0)
		return EXO_ERR_FAULT;
	t = thread_pool_take();
	if (t)
		return thread_resume(parent, t, &st);
	t = kthread_get();
	if (!t)
		return EXO_ERR_NO_MEMORY;
	thread_fill(parent, t, &st);
	t->tid_ready = 0;
	t->go = 0;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
	err = pthread_create(&th, t->host_attr, thread_main, t);
	/* Parked and ending host threads count against RLIMIT_NPROC too. */
	if (err == EAGAIN && threads_release_host())
		err = pthread_create(&th, t->host_attr, thread_main, t);
	if (err) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
		/* Never started: reusable at once. */
		pthread_mutex_lock(&retired_lock);
		t->next = reusable;
		reusable = t;
		pthread_mutex_unlock(&retired_lock);
		return err == EAGAIN ? EXO_ERR_AGAIN : EXO_ERR_NO_MEMORY;
	}
	t->host = (unsigned long)th;
	if (pd_tid_usable())
		tid = pd_tid(th);
	else
		while (!(tid = __atomic_load_n(&t->tid_ready, __ATOMIC_ACQUIRE)))
			host_futex(&t->tid_ready, FUTEX_WAIT_PRIVATE, 0);
	write_tids(t, &st, tid);
	/* The new thread waits only if it got here first (2). */
	if (__atomic_exchange_n(&t->go, 1, __ATOMIC_RELEASE) == 2)
		host_futex(&t->go, FUTEX_WAKE_PRIVATE, 1);
	return tid;
}

_Noreturn void thread_exit(struct kthread *t, int status)
{
	/* Before the joiner can return: the process's signals queued here go
	 * back to the process (signal_calls.c). */
	if (__atomic_load_n(&live_threads, __ATOMIC_ACQUIRE) > 1)
		signals_hand_back(t);
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
		process_exit(status);
	if (t->exit_ctx)
		longjmp(*(jmp_buf *)t->exit_ctx, 1);
	/* The first thread: end it alone; the process lives on. */
	clear_child_tid(t);
	for (;;)
		syscall(SYS_exit, 0);
}

long thread_kill(int tid, int reason)
{
	if (reason < 0 || reason > 64)
		return EXO_ERR_INVALID;
	long r = thread_pool_hold_tid(tid) ? (errno = ESRCH, -1)
	                                   : syscall(SYS_tgkill, getpid(), tid, reason);

	thread_pool_unhold();
	if (r < 0)
		return errno == ESRCH ? EXO_ERR_NOT_FOUND : status_from_errno(errno);
	return 0;
}

/* No host thread but the caller's (and the clock ticker) can be in
 * glibc: one guest thread, and every ended one joined, since a host
 * thread still runs glibc code (frees, its stack's release) after its
 * guest thread counted itself out. Joined ones move to `reusable`. */
int threads_single(void)
{
	struct kthread **pp;
	int single;

	if (__atomic_load_n(&live_threads, __ATOMIC_ACQUIRE) != 1)
		return 0;
	if (!__atomic_load_n(&retired, __ATOMIC_ACQUIRE))
		return 1;
	pthread_mutex_lock(&retired_lock);
	for (pp = &retired; *pp;) {
		struct kthread *t = *pp;
		if (pthread_tryjoin_np((pthread_t)t->host, NULL) == 0) {
			*pp = t->next;
			t->next = reusable;
			reusable = t;
		} else
			pp = &t->next;
	}
	single = !retired && live_threads == 1;
	pthread_mutex_unlock(&retired_lock);
	return single;
}

/* Each store is made only when it changes something: a write to a page
 * the child shares with its parent costs the child a copy of that page
 * (docs/legacy-processes.md, fork's page faults), and after the fork of
 * a single-threaded guest these already hold. */
void threads_after_fork(struct kthread *t)
{
	/* A thread made by thread_main that forks is its child's only one,
	 * under a new tid (after_fork_child wrote it in the block): the tid
	 * its pool entry and sends go by must be that one. */
	if (t->host_tid && t->host_tid != (int)t->block->tid)
		t->host_tid = (int)t->block->tid;
	if (live_threads != 1)
		live_threads = 1;
	if (retired)
		retired = NULL;
	thread_pool_after_fork();
	/* Held by a thread that was ending at the fork (a field test: a
	 * memcmp would run code from two more pages of the launcher). */
	if (retired_lock.__data.__lock)
		pthread_mutex_init(&retired_lock, NULL);
}
