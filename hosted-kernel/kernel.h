/* The Linux-hosted kernel model: internal interfaces between its files. */
#ifndef HOSTED_KERNEL_H
#define HOSTED_KERNEL_H

#include <stdint.h>
#include <stddef.h>
#include <exo/types.h>
#include <exo/cap.h>
#include <exo/ring.h>
#include <exo/thread.h>
#include <exo/kdata.h>
#include <exo/process.h>
#include <exo/debug.h>
#include <exo/objects.h>
#include <exo/task.h>
#include "kpriv.h"

/* ---- options ------------------------------------------------------------ */
struct options {
	int strict;         /* a raw system call from the guest is fatal */
	int trace;          /* print every translated call */
	int stats;          /* print calls per tier at exit */
	const char *vdso_path; /* --vdso IMAGE, mapped again at each exec */
};
extern struct options opt;

/* ---- threads (thread.c) -------------------------------------------------- */
struct kthread {
	struct exo_thread_block *block;
	struct exo_ring_header *ring;
	exo_u32 sq_head;    /* the kernel's own copies: the ring is guest-writable */
	exo_u32 cq_tail;
	/* Threads created by EXO_NC_THREAD_CREATE (threads.c); the first
	 * thread has no exit_ctx. */
	void *exit_ctx;          /* jmp_buf in thread_main: where its exit lands */
	unsigned long host;      /* pthread_t */
	char *stack, *altstack;  /* its host stack and SIGSYS stack */
	int tid_ready;           /* futex word: the tid, when glibc's is unknown */
	int go;                  /* futex word: the creator wrote the tids */
	void *host_attr;         /* pthread_attr_t for its stack, made once */
	struct exo_thread_start start;
	struct kthread *next;    /* on the retired list */
	/* Its host thread parked after its guest thread ended
	 * (thread_pool.c). */
	int host_tid;            /* the host thread's tid, kept while parked */
	int park;                /* futex word: PARK_WAIT, PARK_GO, PARK_END */
	int pool_state;          /* 0, or POOL_ENDING / POOL_PARKED */
	struct kthread *pool_next;
	exo_u64 pool_tp;         /* its last guest thread's thread pointer */
	int pool_freed;          /* the memory there is unmapped: joined */
	exo_u64 cpu_base[6];     /* the host thread's usage when it parked */
};

struct kthread *kthread_create(void);
void kthread_inherit_vectors(struct kthread *t, struct kthread *creator);
/* Whether entry.S may save ymm0-15 alone on a ring entry (thread.c). */
void entry_choose_vector_save(void);
/* The thread running in the kernel now (from its thread block). */
struct kthread *kthread_current(void);
/* threads.c: EXO_NC_THREAD_* */
long thread_create(struct kthread *parent, exo_u64 start);
_Noreturn void thread_exit(struct kthread *t, int status);
long thread_kill(int tid, int reason);
/* The only thread of a fork child. */
void threads_after_fork(struct kthread *t);
/* Whether the guest has one thread (so no other kernel code runs). */
int threads_single(void);
/* After EAGAIN from a host clone: end the host threads that serve no
 * guest thread and wait until Linux no longer counts them (threads.c). */
int threads_release_host(void);
void threads_wait_released(int tid);
/* A kthread whose host thread was joined, for the next creation. */
void thread_reusable(struct kthread *t);
/* thread_pool.c: host threads of ended guest threads, parked for the
 * next creation (docs/legacy-processes.md, "What a thread costs"). */
int thread_pool_enter(struct kthread *t, exo_u64 tp);
int thread_pool_wait(struct kthread *t);
void thread_pool_unmapped(exo_u64 addr, exo_u64 len);
struct kthread *thread_pool_take(void);
void thread_pool_wake(struct kthread *t);
int thread_pool_release(void);
void thread_pool_disable(void);
int thread_pool_hold_tid(long tid);
void thread_pool_unhold(void);
void thread_pool_after_fork(void);
/* The host thread's CPU time and usage since its guest thread began. */
exo_u64 thread_pool_cpu_base_ns(void);
struct rusage;
void thread_pool_usage_adjust(struct rusage *ru);
/* futex.c: EXO_NC_FUTEX_* */
long futex_wait(exo_u64 addr, exo_u32 expected, exo_u32 bitset, unsigned flags, exo_u64 timeout);
long futex_wake(exo_u64 addr, int count, exo_u32 bitset, unsigned flags);
long futex_requeue(exo_u64 addr, int wake, exo_u64 addr2, int requeue, exo_u32 expected,
                   unsigned flags);
/* process.c: EXO_NC_PROCESS_* */
long process_fork(struct kthread *t, exo_u64 start);
long process_wait(unsigned type, long id, unsigned options, exo_u64 out);
long process_kill(int pid, int reason);
long process_group(unsigned op, int pid, int pgid);
long process_limit(int pid, unsigned resource, exo_u64 want, exo_u64 old);
long process_ids(unsigned op, exo_u64 a, exo_u64 b, exo_u64 c);
/* exec.c: EXO_NC_PROCESS_EXEC; returns only with a status, the caller intact. */
long process_exec(struct kthread *t, exo_u64 args);
/* system.c (ABI 1.3) */
long system_info(unsigned op, exo_u64 out);
long cpu_affinity(unsigned op, int tid, exo_u64 size, exo_u64 mask);
long process_usage(unsigned who, exo_u64 out);
long process_priority(unsigned op, unsigned which, int who, int nice);
long process_groups(unsigned op, exo_u64 count, exo_u64 list);
/* random.c (ABI 1.4): EXO_NC_RANDOM */
long kernel_random(exo_u64 buf, exo_u64 len, unsigned flags);

/* ---- capabilities (caps.c) ----------------------------------------------- */
#define CAP_TABLE_SIZE 4096

struct kcap {
	exo_u16 generation;
	exo_u8 in_use;
	exo_u8 object;      /* EXO_OBJ_* */
	exo_u32 rights;     /* EXO_RIGHT_* */
	int host_fd;        /* what backs it on this host */
};

/* Take ownership of host_fd; returns the handle or EXO_ERR_TABLE_FULL. */
long cap_install(int host_fd, unsigned object, unsigned rights);
/* The entry for handle if it is live and has every right in `need`;
 * otherwise NULL and *status says why. */
struct kcap *cap_get(exo_cap_t handle, unsigned need, long *status);
/* cap_get without learning a type not yet known (EXO_OBJ_UNKNOWN, ABI
 * 1.7): for callers that look at neither the type nor a right the type
 * grants (close, duplicate, stat), so an open + close asks the host
 * nothing more. */
struct kcap *cap_get_untyped(exo_cap_t handle, unsigned need, long *status);
long cap_release(exo_cap_t handle);
/* The type of a host descriptor (fstat, TCGETS), 0 if fstat fails; learnt
 * into a capability of unknown type, its rights narrowed to the type's. */
unsigned cap_host_object(int fd);
void cap_learn(struct kcap *c, unsigned object);
struct stat;
/* The type a stat of c reports (st: the host's fstat of it), learnt if
 * it was unknown and the stat tells it. */
unsigned cap_stat_object(struct kcap *c, const struct stat *st);
/* Rights and status from open flags and a type that may be unknown. */
void cap_describe_open(int fl, unsigned object, unsigned *rights, unsigned *status_flags);
/* Classify a host descriptor: object type and the rights its mode allows. */
void cap_describe_host_fd(int fd, unsigned *object, unsigned *rights, unsigned *status_flags);
void cap_describe_host_fd_flags(int fd, int fl, unsigned *object, unsigned *rights,
                                unsigned *status_flags);
/* The object type a host stat describes (a terminal is only told apart
 * with a descriptor: this says EXO_OBJ_CHARDEV). */
unsigned cap_object_of(const struct stat *st);

/* ---- rings and object operations (ring.c, cap_ops.c) --------------------- */
void ring_init(struct exo_ring_header *h);
long ring_enter(struct kthread *t, exo_u32 to_submit, exo_u32 min_complete, exo_u32 flags);
/* RING_ENTER of one entry without the FS switch and vector save
 * (ring_one.c, entry.S): ring_enter's result, or RING_ONE_DECLINED with
 * nothing changed when the entry needs the general path. */
#define RING_ONE_DECLINED (-0x7fffffffffffffffL - 1)
/* STAT_AT and OPEN_AT by name on the short path (ring_one_name.c). */
long ring_one_stat_at(const struct exo_ring_sqe *sqe);
long ring_one_open_at(const struct exo_ring_sqe *sqe);
long ring_enter_one(struct kthread *t);

/* The entry as the vDSO wrote it: eight 8-byte loads matching its eight
 * 8-byte stores, so each load is forwarded from the store buffer; the
 * 16-byte loads a structure copy compiles to span two stores each and
 * wait for them to reach the cache (perf annotate of ring_enter showed
 * that wait as most of its time, docs/hybrid-perf.md). */
static inline void ring_sqe_copy(struct exo_ring_sqe *dst, const struct exo_ring_sqe *src)
{
	const volatile exo_u64 *s = (const volatile exo_u64 *)src;
	exo_u64 *d = (exo_u64 *)dst;

	for (unsigned i = 0; i < sizeof *dst / 8; i++)
		d[i] = s[i];
}
long cap_op(const struct exo_ring_sqe *sqe);
void exo_stat_fill(struct exo_stat *s, const struct stat *st, unsigned object);
/* DUPLICATE and STATUS: the open object duplicates share (cap_shared.c). */
long cap_duplicate(struct kcap *c);
long cap_status(const struct exo_ring_sqe *sqe, struct kcap *c);
/* OPEN_AT, STAT_AT, ACCESS_AT: names below a directory capability (cap_path.c). */
long path_open_at(const struct exo_ring_sqe *sqe);
long path_stat_at(const struct exo_ring_sqe *sqe);
long path_access_at(const struct exo_ring_sqe *sqe);

/* ---- memory (memory.c) --------------------------------------------------- */
long mem_map(exo_u64 addr, exo_u64 len, unsigned prot, unsigned flags);
long mem_unmap(exo_u64 addr, exo_u64 len);
long mem_protect(exo_u64 addr, exo_u64 len, unsigned prot);
long mem_advise(exo_u64 addr, exo_u64 len, unsigned advice);
long mem_remap(exo_u64 addr, exo_u64 old_len, exo_u64 new_len, unsigned flags, exo_u64 new_addr);
long mem_map_object(exo_u64 addr, exo_u64 len, unsigned prot, unsigned flags, exo_cap_t cap,
                    exo_u64 offset);
long mem_sync(exo_u64 addr, exo_u64 len, unsigned flags);
/* Guest ranges, known before the guest runs; every other mapping that
 * exists then belongs to the kernel and is refused to the guest. */
void mem_add_guest_range(exo_u64 start, exo_u64 end);
void mem_protect_kernel(void);
void launcher_data_anonymous(void);  /* data_anon.c */
void brk_away(char **argv);          /* brk_away.c */
int brk_away_before_exec(void);
void brk_away_exec_failed(void);
void mem_pool_set(exo_u64 start, exo_u64 end);
void mem_stack_guard_set(exo_u64 start, exo_u64 end);
int mem_stack_guard_hit(exo_u64 addr);
/* Copy between kernel and guest memory without trusting the guest address:
 * EXO_ERR_FAULT rather than a crash. */
long copy_to_guest(exo_u64 addr, const void *src, size_t len);
/* [addr, addr+len) lies in the guest's half of the address space (the
 * copies check it first; ring_one.c's fault-safe copy too). */
static inline int guest_range_ok(exo_u64 addr, size_t len)
{
	return addr + len >= addr && addr + len <= (1ull << 47);
}
long copy_from_guest(void *dst, exo_u64 addr, size_t len);
/* A NUL-terminated string, at most max bytes with the NUL: its length,
 * EXO_ERR_FAULT or EXO_ERR_NAME_TOO_LONG (memory.c). */
long copy_string_from_guest(char *dst, exo_u64 addr, size_t max);
void *kernel_alloc_pages(size_t len);

/* ---- time (timekeeper.c) -------------------------------------------------- */
/* Creates the data page; returns the descriptor a process maps it from. */
int timekeeper_start(void);
/* images.c: running programs are not written (ETXTBSY) */
struct stat;
void images_attach(void *page);
void image_running(const struct stat *st);
unsigned image_fork_reserve(int me);
void image_fork_done(unsigned slot, int me, int child);
void image_exec_cancel(unsigned slot);
void image_reaped(int child);
void process_exec_slot_cancel(void);
/* fork_pin.c: the pages both sides write after a fork copied by it, not faulted */
void fork_pin(struct kthread *t, int me);
void image_exit(void);
int image_busy(const struct stat *st);
int timekeeper_fd(void);
/* One update, as the background ticker makes it (exposed for tests). */
void timekeeper_update(void);
struct exo_kdata *timekeeper_page(void);
long clock_read(unsigned clock, exo_u64 ts_addr);
void timekeeper_after_fork(void);
int timekeeper_adopt(int fd);

/* ---- faults (fault.c) ------------------------------------------------------ */
/* SIGSEGV/SIGBUS: a fault in a guest-memory copy returns EXO_ERR_FAULT to
 * the copy; any other fault takes the default action. */
void fault_handlers_install(void);

/* ---- signals (signal_host.c, signal_calls.c, signal_cp.S) -------------- */
/* Host handlers for every signal; table = the vDSO's entry table, where
 * the signal entry is found. */
/* ignored: what the image before exec ignored; after_exec: that set is
 * the whole truth (no host disposition to ask about). */
void signals_init(exo_u64 vdso_table, exo_u64 process_area, exo_u64 ignored, int after_exec);
void signals_adopt_mask(struct kthread *t);
exo_u64 signals_ignored(void);   /* what exec keeps ignored */
/* Per-thread signal state, made with the thread (thread.c). */
int signal_thread_init(struct kthread *t);
/* A new host thread holds nothing back (threads.c). */
void signal_thread_start(struct kthread *t);
/* A fork child has no signal queued (process.c). */
void signals_after_fork(struct kthread *t);
void signals_hand_back(struct kthread *t);
/* A fork child drops the parent's kept poll sets (poll_set.c). */
void poll_set_after_fork(void);
/* From fault.c: a fault of the guest's own code that its handler takes
 * (1: the context now up-calls the vDSO), 0: the default action. */
int signal_fault(int sig, void *siginfo, void *ucontext);
/* The host handler of every other signal; sud.c passes it a SIGSYS that
 * was sent rather than trapped. */
void signal_on_host(int sig, void *siginfo, void *ucontext);
long signal_action(int sig, unsigned kind, unsigned flags);
long signal_mask_release(struct kthread *t);
long signal_take(struct kthread *t, exo_u64 out);
long signal_send(unsigned to, long id, long id2, int sig, exo_u64 info);
long signal_wait(struct kthread *t, exo_u64 set, exo_u64 out, exo_u64 timeout);
long signal_suspend(struct kthread *t);
long signal_pending(struct kthread *t, exo_u64 out);
long signal_default(int sig);
/* signal_child.c: SIGCHLD left at the host's default while the guest
 * neither handles nor blocks it (quiet, from process_wait) or caught
 * again (loud, when it blocks it or a second thread starts). */
void signal_child_quiet(struct kthread *t);
void signal_child_loud(struct kthread *t);
long signal_timer(exo_u64 new_, exo_u64 old);
/* signal_timer.c: the other interval timers and POSIX timers (ABI 1.3). */
long signal_itimer(unsigned which, exo_u64 new_, exo_u64 old);
long ktimer_create(unsigned clock, exo_u64 event);
long ktimer_set(int id, unsigned flags, exo_u64 new_, exo_u64 old);
long ktimer_get(int id, exo_u64 out);
long ktimer_overrun(int id);
long ktimer_delete(int id);
/* A blocking host system call that a signal queued for this thread
 * interrupts even before it starts (signal_cp.S): -errno or the result. */
long host_call_cp(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* ---- Syscall User Dispatch (sud.c) --------------------------------------- */
void sud_prepare(void);
void sud_enable(void);
/* A new host thread: its own SIGSYS stack, and dispatch on for it. */
void sud_thread_start(void *altstack, size_t size);
/* exo-run --host-cost: the bench's host calls under SUD (host_cost.c). */
int host_cost_main(long iterations, const char *enforce);

/* ---- trace and statistics (trace.c) ----------------------------------------- */
long trace_report(exo_u64 record_addr);
void stats_print(const struct exo_stats *stats, unsigned processes);
/* stats_tree.c: --stats summed over the process tree */
int stats_tree_start(void);
int stats_tree_adopt(int fd, int root);
int stats_tree_fd(void);
int stats_tree_is_root(void);
void stats_tree_after_fork(exo_u64 process_area);
void stats_tree_end(const struct exo_stats *own);
const char *syscall_name(long nr);
void process_set_stats(const struct exo_stats *stats);

/* ---- host errno -> native status (status.c) ------------------------------- */
long status_from_errno(int err);

/* ---- the process (main.c) ------------------------------------------------- */
_Noreturn void process_exit(int status);
/* Flush the launcher's stdout and stderr if they hold output (process.c). */
void flush_pending_output(void);

/* entry.S */
long exo_hosted_entry(void);
_Noreturn void exo_enter_guest(exo_u64 entry, exo_u64 sp);
/* Enter user code with these registers, rax = 0, FS = fs and the vector
 * state of this thread's XSAVE area. */
_Noreturn void exo_resume_guest(const struct exo_user_regs *regs, exo_u64 fs);

#endif
