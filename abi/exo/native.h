/* Native Exo-OS calls: the only way into the kernel.
 *
 * Calling convention: the x86-64 `syscall` one. rax holds the call number,
 * rdi, rsi, rdx, r10, r8, r9 the arguments; the result (a value >= 0 or an
 * EXO_ERR_* status) comes back in rax; only rcx and r11 are clobbered. How
 * the vDSO enters the kernel is the kernel's choice, written into the
 * process page (exo_process_page.native_entry): the `syscall` instruction on
 * a real kernel, a plain call into the Linux-hosted kernel model.
 *
 * The numbers live in a block no Linux ABI uses. Linux x86-64 system calls
 * are below 1024 and x32 ones have bit 30 set; 0x00E10000 and up are
 * neither, so a native call that leaks to Linux fails with ENOSYS and a
 * Linux system call that reaches an Exo-OS kernel is refused as unknown,
 * instead of meaning something else (Exo-OS's earlier 300-334 block landed
 * on prlimit64, execveat and membarrier and broke stock musl silently). */
#ifndef EXO_NATIVE_H
#define EXO_NATIVE_H

#define EXO_NATIVE_BASE 0x00E10000u

/* Process the calling thread's Fusion Ring.
 * (to_submit, min_complete, flags) -> completions available, or status.
 * The kernel consumes up to to_submit entries from the submission queue,
 * runs them in order and posts one completion each. */
#define EXO_NC_RING_ENTER    (EXO_NATIVE_BASE + 0)
/* (status) -> does not return. Ends every thread of the process. */
#define EXO_NC_PROCESS_EXIT  (EXO_NATIVE_BASE + 1)
/* (status) -> does not return. Ends the calling thread only. */
#define EXO_NC_THREAD_EXIT   (EXO_NATIVE_BASE + 2)
/* (pointer) -> 0. Sets the calling thread's thread pointer (FS base). */
#define EXO_NC_THREAD_SET_TP (EXO_NATIVE_BASE + 3)
/* (addr, len, prot, flags) -> address. Maps a new zero-filled anonymous
 * memory object; addr is a hint unless flags has EXO_MAP_FIXED*. */
#define EXO_NC_MEM_MAP       (EXO_NATIVE_BASE + 4)
/* (addr, len) -> 0 */
#define EXO_NC_MEM_UNMAP     (EXO_NATIVE_BASE + 5)
/* (addr, len, prot) -> 0 */
#define EXO_NC_MEM_PROTECT   (EXO_NATIVE_BASE + 6)
/* (addr, len, advice) -> 0 */
#define EXO_NC_MEM_ADVISE    (EXO_NATIVE_BASE + 7)
/* (addr, old_len, new_len, flags, new_addr) -> address */
#define EXO_NC_MEM_REMAP     (EXO_NATIVE_BASE + 8)
/* (clock, struct exo_timespec *) -> 0. For clocks the data page cannot
 * serve (its clock_mode is EXO_CLOCK_MODE_NONE). */
#define EXO_NC_CLOCK_READ    (EXO_NATIVE_BASE + 9)
/* (const struct exo_debug_record *) -> 0. Reports a translated call to the
 * kernel's tracer; made only when exo_process_page.debug_flags asks, and
 * always for a call the vDSO does not translate. */
#define EXO_NC_DEBUG_REPORT  (EXO_NATIVE_BASE + 10)
/* ABI 1.2, processes and threads (abi/exo/task.h has the structures).
 * (const struct exo_thread_start *start or 0) -> child pid in the parent,
 * 0 in the child. A new process with a copy-on-write copy of the caller's
 * memory and a duplicate of each of its capabilities; only the calling
 * thread is copied. With start, the child begins with those registers
 * (clone on a new stack); without, it returns from this call. */
#define EXO_NC_PROCESS_FORK  (EXO_NATIVE_BASE + 11)
/* (id_type, id, options, struct exo_child_status *) -> pid, or 0 when
 * EXO_WAIT_NOHANG finds no child ready. */
#define EXO_NC_PROCESS_WAIT  (EXO_NATIVE_BASE + 12)
/* (pid, reason) -> 0. Ends a process (pid > 0), a group (-pgid), the
 * caller's group (0) as the default action of termination reason
 * `reason` (task.h), or only checks it may (reason 0). */
#define EXO_NC_PROCESS_KILL  (EXO_NATIVE_BASE + 13)
/* (EXO_GROUP_* op, pid, pgid) -> id or 0 */
#define EXO_NC_PROCESS_GROUP (EXO_NATIVE_BASE + 14)
/* (pid, EXO_LIMIT_* resource, const struct exo_limit *new or 0,
 * struct exo_limit *old or 0) -> 0 */
#define EXO_NC_PROCESS_LIMIT (EXO_NATIVE_BASE + 15)
/* (const struct exo_exec_args *) -> does not return, or a status with the
 * caller intact: not found, access (not a runnable file, or no permission),
 * wrong type (a malformed program), too big (arguments), not a directory,
 * loop, fault. The descriptors without CLOEXEC, the root and current
 * directories, the blocked-signal mask of the calling thread and the
 * resource limits survive; other threads end. (ABI 1.3: served.) */
#define EXO_NC_PROCESS_EXEC  (EXO_NATIVE_BASE + 16)
/* (EXO_IDS_* op, a, b, c) -> id or 0: user and group identities. */
#define EXO_NC_PROCESS_IDS   (EXO_NATIVE_BASE + 17)
/* (const struct exo_thread_start *) -> tid. A new thread of the process,
 * with its own thread block and ring, entering user code with the given
 * registers and rax = 0. */
#define EXO_NC_THREAD_CREATE (EXO_NATIVE_BASE + 18)
/* () -> 0 */
#define EXO_NC_THREAD_YIELD  (EXO_NATIVE_BASE + 19)
/* (tid, reason) -> 0. The default action of `reason` for the thread's
 * process (termination reasons end the whole process). */
#define EXO_NC_THREAD_KILL   (EXO_NATIVE_BASE + 20)
/* (addr, expected, bitset, flags, const struct exo_timespec *timeout or 0)
 * -> 0 when woken; EXO_ERR_WOULD_BLOCK if *addr != expected,
 * EXO_ERR_TIMED_OUT, EXO_ERR_INTERRUPTED. */
#define EXO_NC_FUTEX_WAIT    (EXO_NATIVE_BASE + 21)
/* (addr, count, bitset, flags) -> threads woken */
#define EXO_NC_FUTEX_WAKE    (EXO_NATIVE_BASE + 22)
/* (addr, wake_count, addr2, requeue_count, expected, flags) -> woken +
 * requeued. With EXO_FUTEX_COMPARE, EXO_ERR_WOULD_BLOCK if *addr differs
 * from expected. */
#define EXO_NC_FUTEX_REQUEUE (EXO_NATIVE_BASE + 23)
/* (addr, len, prot, flags, cap, offset) -> address. Maps the memory
 * object behind a capability (EXO_RIGHT_MAP; write sharing needs
 * EXO_RIGHT_WRITE too); EXO_MAP_SHARED writes reach the object. */
#define EXO_NC_MEM_MAP_OBJECT (EXO_NATIVE_BASE + 24)
/* (addr, len, EXO_SYNC_* flags) -> 0 */
#define EXO_NC_MEM_SYNC      (EXO_NATIVE_BASE + 25)
/* ABI 1.3, the system and accounting (abi/exo/system.h has the structures).
 * (op = EXO_SYSTEM_*, out) -> 0 */
#define EXO_NC_SYSTEM_INFO   (EXO_NATIVE_BASE + 28)
/* (op = EXO_AFFINITY_*, tid, size, mask) -> bytes written (GET) or 0 */
#define EXO_NC_CPU_AFFINITY  (EXO_NATIVE_BASE + 29)
/* (who = EXO_USAGE_*, struct exo_usage *) -> 0 */
#define EXO_NC_PROCESS_USAGE (EXO_NATIVE_BASE + 30)
/* (op = EXO_PRIORITY_GET/SET, which, who, nice) -> nice + 20 (GET) or 0 */
#define EXO_NC_PROCESS_PRIORITY (EXO_NATIVE_BASE + 31)
/* ABI 1.4. (buf, len, EXO_RANDOM_* flags) -> bytes written (len, or
 * fewer when interrupted), EXO_ERR_WOULD_BLOCK when the kernel's pool is
 * not ready yet and EXO_RANDOM_NONBLOCK is set, EXO_ERR_INVALID for an
 * unknown flag. Random bytes from the kernel's cryptographic generator. */
#define EXO_NC_RANDOM        (EXO_NATIVE_BASE + 36)
#define EXO_RANDOM_NONBLOCK  1u

/* ABI 1.3, signals (abi/exo/signal.h has the structures). Numbers +26 ..
 * +47 belong to other families of ABI 1.3.
 * (signo, EXO_SIGACT_* kind, EXO_SIGACT_NO_CHILD_* flags) -> 0. What the kernel does with the signal
 * from now on; SIGKILL and SIGSTOP cannot change (EXO_ERR_INVALID). */
#define EXO_NC_SIGNAL_ACTION  (EXO_NATIVE_BASE + 48)
/* () -> 0. The thread block's sigmask now allows signals the kernel held
 * for this thread (thread.h, sigmask_held): release them; those that are
 * deliverable are queued for EXO_NC_SIGNAL_TAKE. */
#define EXO_NC_SIGNAL_MASK    (EXO_NATIVE_BASE + 49)
/* (struct exo_siginfo *) -> signo, or 0 if none. Takes the first signal
 * queued for delivery to the calling thread that its mask allows. */
#define EXO_NC_SIGNAL_TAKE    (EXO_NATIVE_BASE + 50)
/* (EXO_SIGNAL_TO_* target, id, id2, signo, const struct exo_siginfo * or 0)
 * -> 0. Queues a signal message (signo 0: only checks the target exists
 * and may be signalled). With a siginfo, its code and value are the
 * sender's (sigqueue); a code >= 0 is refused for another process. */
#define EXO_NC_SIGNAL_SEND    (EXO_NATIVE_BASE + 51)
/* (set, struct exo_siginfo *, const struct exo_timespec *timeout or 0)
 * -> signo. Waits for a signal of set and takes it instead of
 * delivering it; EXO_ERR_TIMED_OUT, EXO_ERR_INTERRUPTED (another signal
 * was queued for delivery). */
#define EXO_NC_SIGNAL_WAIT    (EXO_NATIVE_BASE + 52)
/* () -> EXO_ERR_INTERRUPTED. Waits until a signal is queued for delivery
 * to the calling thread, under the mask now in its thread block. */
#define EXO_NC_SIGNAL_SUSPEND (EXO_NATIVE_BASE + 53)
/* (exo_u64 *set) -> 0. The signals pending for the calling thread or its
 * process that its mask blocks. */
#define EXO_NC_SIGNAL_PENDING (EXO_NATIVE_BASE + 54)
/* (signo) -> 0. Applies signo's default action to the calling process now
 * (terminate, with a core image or not, or stop until continued); returns
 * only after a stop, or for a signal whose default is to be ignored. */
#define EXO_NC_SIGNAL_DEFAULT (EXO_NATIVE_BASE + 55)
/* (const struct exo_itimer *new or 0, struct exo_itimer *old or 0) -> 0.
 * The process's real-time interval timer: SIGALRM when it expires. */
#define EXO_NC_SIGNAL_TIMER   (EXO_NATIVE_BASE + 56)
/* ABI 1.3, the other interval timers and POSIX timers.
 * (EXO_ITIMER_* which, const struct exo_itimer *new or 0, struct exo_itimer
 * *old or 0) -> 0. One of the process's three interval timers. */
#define EXO_NC_SIGNAL_ITIMER  (EXO_NATIVE_BASE + 57)
/* (EXO_CLOCK_* clock, const struct exo_timer_event * or 0) -> timer id
 * (>= 0), disarmed; no event: signal 14 (SIGALRM) valued with the id. EXO_ERR_INVALID: a clock or event it cannot have. */
#define EXO_NC_TIMER_CREATE   (EXO_NATIVE_BASE + 58)
/* (id, EXO_TIMER_ABSOLUTE or 0, const struct exo_itimer *new, struct
 * exo_itimer *old or 0) -> 0. value_ns 0 disarms; old is the time that
 * was left and the interval. */
#define EXO_NC_TIMER_SET      (EXO_NATIVE_BASE + 59)
/* (id, struct exo_itimer *) -> 0. The time left (0: disarmed). */
#define EXO_NC_TIMER_GET      (EXO_NATIVE_BASE + 60)
/* (id) -> the expirations that the last message delivered for it stood
 * for besides its own (they happened while it waited). */
#define EXO_NC_TIMER_OVERRUN  (EXO_NATIVE_BASE + 61)
/* (id) -> 0. The timer goes, with its expiry not yet delivered if the
 * kernel still holds it. */
#define EXO_NC_TIMER_DELETE   (EXO_NATIVE_BASE + 62)
#define EXO_NC_SIGNAL_FIRST   EXO_NC_SIGNAL_ACTION
#define EXO_NC_SIGNAL_LAST    (EXO_NATIVE_BASE + 63)
/* One past the highest native call number assigned (+26, +27 and +32 ..
 * +47 are free). */
#define EXO_NC_COUNT 63

/* EXO_NC_MEM_* protection bits */
#define EXO_PROT_READ  1u
#define EXO_PROT_WRITE 2u
#define EXO_PROT_EXEC  4u

/* EXO_NC_MEM_MAP flags */
#define EXO_MAP_FIXED           1u  /* exactly at addr, replacing what is there */
#define EXO_MAP_FIXED_NOREPLACE 2u  /* exactly at addr, fail if anything is there */
#define EXO_MAP_SHARED          4u  /* ABI 1.2: one object for every process that inherits it */

/* EXO_NC_MEM_SYNC flags */
#define EXO_SYNC_WAIT       1u
#define EXO_SYNC_INVALIDATE 2u

/* EXO_NC_MEM_REMAP flags */
#define EXO_REMAP_MAY_MOVE 1u
#define EXO_REMAP_FIXED    2u

/* EXO_NC_MEM_ADVISE advice */
#define EXO_ADVICE_DISCARD 1u /* contents dropped now; reads see zeros */
#define EXO_ADVICE_FREE    2u /* contents may be dropped later */
#define EXO_ADVICE_WILLNEED 3u

/* EXO_NC_CLOCK_READ clocks */
#define EXO_CLOCK_MONOTONIC 0u
#define EXO_CLOCK_REALTIME  1u
#define EXO_CLOCK_BOOTTIME  2u
#define EXO_CLOCK_MONOTONIC_RAW 3u  /* the counter itself, never slewed */
#define EXO_CLOCK_PROCESS_CPU 4u    /* CPU time used by the calling process */
#define EXO_CLOCK_THREAD_CPU  5u    /* CPU time used by the calling thread */
#define EXO_CLOCK_COUNT 6u

#endif
