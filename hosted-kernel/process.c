/* Processes (EXO_NC_PROCESS_*): on this host a process is a host
 * process, so its identity is the host pid (what POSIX-X shows as the
 * POSIX pid), fork is the host's fork (its copy-on-write is the design's,
 * and the capability table, host descriptors included, is copied with
 * the process), and a child's end is what host waitid reports: a guest
 * killed by a signal kills its launcher with that signal. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <exo/status.h>
#include <exo/system.h>
#include "kernel.h"
#include "loader.h"

static exo_u64 *kp(struct kthread *t, unsigned slot)
{
	return &t->block->kernel_private[(slot - EXO_TB_KERNEL_PRIVATE) / 8];
}

/* In the child, before any user instruction: its identities, its only
 * thread, no ticker of its own until the clock page goes stale
 * (timekeeper.c), dispatch still on. */
static void after_fork_child(struct kthread *t, int bare)
{
	/* The block still holds the parent's pid: no getppid. The bare
	 * fork had the host write the child's tid, its pid, in the block:
	 * no getpid. */
	exo_u32 me = bare ? t->block->tid : (exo_u32)getpid();

	t->block->ppid = t->block->pid;
	t->block->pid = me;
	t->block->tid = me;
	threads_after_fork(t);
	signals_after_fork(t);
	poll_set_after_fork();
	timekeeper_after_fork();
	if (opt.stats)
		stats_tree_after_fork(kernel_process_area);
	sud_enable();
}

/* Before the host execve: a fork child's slot that its parent is still
 * filling (images.c). */
void process_exec_slot_cancel(void)
{
	image_exec_cancel((unsigned)*kp(kthread_current(), KP_FORK_SLOT));
}

/* stdio's flush takes the stream's lock, a store to the launcher's data
 * even with nothing to write: in a fork child that store costs a copy of
 * the page, so flush only what holds output (the launcher writes to
 * stdout and stderr alone; its other streams are read-only). */
void flush_pending_output(void)
{
	if (__fpending(stdout))
		fflush(stdout);
	if (__fpending(stderr))
		fflush(stderr);
}

/* With one guest thread, the host's fork with nothing around it. glibc's
 * _Fork asks the host to write the child's tid into glibc's thread
 * control block (CLONE_CHILD_SETTID) and then resets the robust-mutex
 * list there: the block is in glibc's brk heap, so every child paid a
 * fault and a copy of that page (perf record -e page-faults on
 * tests/bench/fork_loop). The child keeps its parent's tid there, which
 * glibc reads only for pthread_kill of another thread, for the owner of
 * error-checking, recursive and robust mutexes (none here, and a stale
 * but constant owner is still one owner) and which threads.c checks
 * before trusting it (pd_tid_usable: a child then learns a new thread's
 * tid from the thread); raise uses gettid. The host writes the child's
 * tid into the child's thread block instead (CLONE_CHILD_SETTID, before
 * the child runs), which spares the child a getpid: that page is the
 * forking thread's, which the child writes anyway and which fork copies
 * at once where it is pinned (fork_pin.c). */
static pid_t fork_bare(exo_u32 *child_tid)
{
	return (pid_t)syscall(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, NULL, child_tid, 0);
}

long process_fork(struct kthread *t, exo_u64 start)
{
	struct exo_thread_start st;
	pid_t pid;

	if (start && copy_from_guest(&st, start, sizeof st) < 0)
		return EXO_ERR_FAULT;
	flush_pending_output();
	/* glibc's fork takes malloc's and stdio's locks around the host
	 * fork and resets them in the child: stores to the launcher's data
	 * that cost each process copies of those pages. With one guest
	 * thread no other kernel code can hold them (the clock ticker takes
	 * neither), so the bare fork does (fork_bare). */
	/* The child's ETXTBSY slot is filled here, in the parent, which has
	 * the shared page mapped already (images.c); the child finds its
	 * index in its thread block should it exec before the parent is done. */
	pid_t me = (pid_t)t->block->pid;   /* no getpid: the block holds it */
	unsigned slot = image_fork_reserve(me);
	vdso_share_before_fork();
	fork_pin(t, me);
	*kp(t, KP_FORK_SLOT) = slot;
	int bare = threads_single();
	pid = bare ? fork_bare(&t->block->tid) : fork();
	/* Parked and ending host threads count against RLIMIT_NPROC. */
	if (pid < 0 && errno == EAGAIN && threads_release_host()) {
		bare = threads_single();
		pid = bare ? fork_bare(&t->block->tid) : fork();
	}
	if (pid < 0) {
		int e = errno;
		image_fork_done(slot, me, 0);
		return e == EAGAIN ? EXO_ERR_AGAIN : status_from_errno(e);
	}
	if (pid > 0) {
		image_fork_done(slot, me, pid);
		return pid;
	}
	after_fork_child(t, bare);
	if (start)
		exo_resume_guest(&st.regs, *kp(t, KP_GUEST_FS));
	return 0;
}

static unsigned child_how(int code)
{
	switch (code) {
	case CLD_EXITED: return EXO_CHILD_EXITED;
	case CLD_KILLED: return EXO_CHILD_KILLED;
	case CLD_DUMPED: return EXO_CHILD_DUMPED;
	case CLD_STOPPED: case CLD_TRAPPED: return EXO_CHILD_STOPPED;
	default: return EXO_CHILD_CONTINUED;
	}
}

long process_wait(unsigned type, long id, unsigned options, exo_u64 out)
{
	siginfo_t si;
	struct rusage ru;
	struct exo_child_status c;
	idtype_t it = type == EXO_WAIT_PID ? P_PID : type == EXO_WAIT_GROUP ? P_PGID : P_ALL;
	int o = 0;

	if (type > EXO_WAIT_GROUP || options & ~63u)
		return EXO_ERR_INVALID;
	if (options & EXO_WAIT_NOHANG) o |= WNOHANG;
	if (options & EXO_WAIT_EXITED) o |= WEXITED;
	if (options & EXO_WAIT_STOPPED) o |= WSTOPPED;
	if (options & EXO_WAIT_CONTINUED) o |= WCONTINUED;
	if (options & EXO_WAIT_NOREAP) o |= WNOWAIT;
	/* A child's end is coming: its SIGCHLD costs no host signal frame
	 * if the guest cannot see it (signal_child.c). */
	signal_child_quiet(kthread_current());
	memset(&si, 0, sizeof si);
	memset(&ru, 0, sizeof ru);
	/* The child's CPU time only when asked: the host's waitid then sums
	 * the child's rusage (getrusage), about 1 us of every wait. */
	long r = host_call_cp(SYS_waitid, it, id, (long)&si, o,
	                      options & EXO_WAIT_NO_TIMES ? 0 : (long)&ru, 0);
	if (r < 0)
		return r == -ECHILD ? EXO_ERR_NO_CHILD : status_from_errno((int)-r);
	if (si.si_pid == 0)
		return 0;
	if (!(o & WNOWAIT) && (si.si_code == CLD_EXITED || si.si_code == CLD_KILLED ||
	                       si.si_code == CLD_DUMPED))
		image_reaped(si.si_pid);
	memset(&c, 0, sizeof c);
	c.pid = (exo_u32)si.si_pid;
	c.how = child_how(si.si_code);
	c.status = si.si_status;
	c.uid = si.si_uid;
	c.user_ns = (exo_u64)ru.ru_utime.tv_sec * 1000000000u + (exo_u64)ru.ru_utime.tv_usec * 1000u;
	c.system_ns = (exo_u64)ru.ru_stime.tv_sec * 1000000000u + (exo_u64)ru.ru_stime.tv_usec * 1000u;
	if (copy_to_guest(out, &c, sizeof c) < 0)
		return EXO_ERR_FAULT;
	return si.si_pid;
}

static long host_status(void)
{
	switch (errno) {
	case ESRCH: return EXO_ERR_NOT_FOUND;
	case EPERM: return EXO_ERR_PERMISSION;
	default: return status_from_errno(errno);
	}
}

long process_kill(int pid, int reason)
{
	if (reason < 0 || reason > 64)
		return EXO_ERR_INVALID;
	long r = pid > 0 && thread_pool_hold_tid(pid) ? EXO_ERR_NOT_FOUND   /* thread_pool.c */
	       : kill(pid, reason) < 0 ? host_status() : 0;

	if (pid > 0)
		thread_pool_unhold();
	return r;
}

long process_group(unsigned op, int pid, int pgid)
{
	long r;

	switch (op) {
	case EXO_GROUP_GET_PGID: r = getpgid(pid); break;
	case EXO_GROUP_SET_PGID: r = setpgid(pid, pgid); break;
	case EXO_GROUP_GET_SID: r = getsid(pid); break;
	case EXO_GROUP_NEW_SESSION: r = setsid(); break;
	default: return EXO_ERR_INVALID;
	}
	return r < 0 ? host_status() : r;
}

static const int host_resource[EXO_LIMIT_COUNT] = {
	RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE,
	RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_AS,
};

/* RLIMIT_NOFILE is reported, never set on the host: the descriptor limit
 * is the vDSO's (the process page), and the kernel needs its own host
 * descriptors beyond it. */
long process_limit(int pid, unsigned resource, exo_u64 want, exo_u64 old)
{
	struct exo_limit nl;
	struct rlimit hn, ho;

	if (pid != 0 || resource >= EXO_LIMIT_COUNT)
		return EXO_ERR_INVALID;
	if (want && copy_from_guest(&nl, want, sizeof nl) < 0)
		return EXO_ERR_FAULT;
	hn.rlim_cur = nl.cur;
	hn.rlim_max = nl.max;
	if (prlimit(0, host_resource[resource],
	            want && resource != EXO_LIMIT_NOFILE ? &hn : NULL, &ho) < 0)
		return status_from_errno(errno);
	if (old) {
		struct exo_limit ol = { ho.rlim_cur, ho.rlim_max };
		if (copy_to_guest(old, &ol, sizeof ol) < 0)
			return EXO_ERR_FAULT;
	}
	return 0;
}

/* Identities are the calling host thread's: a raw system call changes
 * only it, since glibc's broadcast to every thread would run its handler
 * in the guest's threads. After a change the process stays dumpable, so
 * the kernel can still read its own /proc entries. */
long process_ids(unsigned op, exo_u64 a, exo_u64 b, exo_u64 c)
{
	struct exo_ids ids;
	uid_t u[3];
	gid_t g[3];
	long r;

	switch (op) {
	case EXO_IDS_GET_USER:
		getresuid(&u[0], &u[1], &u[2]);
		getresgid(&g[0], &g[1], &g[2]);
		ids = (struct exo_ids){ u[0], u[1], u[2], g[0], g[1], g[2] };
		return copy_to_guest(a, &ids, sizeof ids) < 0 ? EXO_ERR_FAULT : 0;
	case EXO_IDS_SET_USER:
		thread_pool_disable();   /* per host thread (thread_pool.c) */
		r = syscall(SYS_setresuid, (uid_t)a, (uid_t)b, (uid_t)c);
		break;
	case EXO_IDS_SET_GROUP:
		thread_pool_disable();
		r = syscall(SYS_setresgid, (gid_t)a, (gid_t)b, (gid_t)c);
		break;
	case EXO_IDS_GET_GROUPS:
		return process_groups(op, a, b);
	case EXO_IDS_SET_GROUPS:
		if ((r = process_groups(op, a, b)) < 0)
			return r;
		break;
	default:
		return EXO_ERR_INVALID;
	}
	if (r < 0)
		return host_status();
	prctl(PR_SET_DUMPABLE, 1);
	return 0;
}
