/* The per-thread block.
 *
 * The kernel allocates one per thread and points the thread's GS base at
 * it, so the vDSO's fast path reads a field with one %gs-relative load and
 * never collides with libc's thread pointer (FS). `self` holds the block's
 * own address so C code gets an ordinary pointer with one load of %gs:0.
 * The kernel writes pid/ppid/tid before the thread runs its first user
 * instruction (in a fork child too), so no signal handler ever sees the
 * parent's values. */
#ifndef EXO_THREAD_H
#define EXO_THREAD_H

/* Offsets for assembly (checked against the structure below). */
#define EXO_TB_SELF 0
#define EXO_TB_TID  8
#define EXO_TB_PID  12
#define EXO_TB_PPID 16
#define EXO_TB_SIGMASK 40
#define EXO_TB_SIGNAL_PENDING 48
#define EXO_TB_SIGNAL_FLAGS 52
#define EXO_TB_SIGMASK_HELD 56
#define EXO_TB_SIGMASK_WATCH 96
#define EXO_TB_USER_FIXUP 120
#define EXO_TB_KERNEL_PRIVATE 128

/* signal_flags (ABI 1.3) */
#define EXO_TB_SIG_IN_CALL 1   /* inside a translated call: delivery waits for its return */
#define EXO_TB_SIG_SUSPEND 2   /* sigmask_saved is the mask to restore */
#define EXO_THREAD_BLOCK_SIZE 256

#ifndef __ASSEMBLER__
#include "types.h"

struct exo_thread_block {
	exo_u64 self;
	exo_u32 tid;
	exo_u32 pid;
	exo_u32 ppid;
	exo_u32 flags;
	exo_u64 ring;             /* address of this thread's Fusion Ring */
	exo_u64 clear_child_tid;  /* set_tid_address: zeroed and woken at exit */
	/* ABI 1.2: the blocked-signal mask (bit n-1 for signal n), kept by
	 * the vDSO; the kernel copies it into a new thread. */
	exo_u64 sigmask;
	/* ABI 1.3, signals (signal.h). The kernel sets signal_pending
	 * (nonzero) while a signal is queued for delivery to this thread; the
	 * vDSO takes it with EXO_NC_SIGNAL_TAKE at its next return to user
	 * code. sigmask_held: signals that arrived while sigmask blocked them,
	 * which the kernel holds back until EXO_NC_SIGNAL_MASK; the vDSO makes
	 * that call only when it unblocks one of them, so a mask change is
	 * otherwise a store. The rest is the vDSO's own per-thread state. */
	exo_u32 signal_pending;
	exo_u32 signal_flags;     /* EXO_TB_SIG_*: the vDSO's */
	exo_u64 sigmask_held;
	exo_u64 sigmask_saved;    /* sigsuspend: the mask to restore */
	exo_u64 altstack_sp;      /* sigaltstack */
	exo_u64 altstack_size;
	exo_u64 altstack_flags;
	/* ABI 1.5: signals whose blocking the kernel must hear of at once
	 * (the kernel's; the vDSO only reads it): when a new mask blocks one
	 * of them, the vDSO makes EXO_NC_SIGNAL_MASK after storing it, as it
	 * does when it unblocks a held signal. A kernel that sets it can
	 * leave the signal at a cheaper default while nothing blocks it (the
	 * hosted model's SIGCHLD, docs/legacy-processes.md). */
	exo_u64 sigmask_watch;
	exo_u64 reserved[2];
	/* ABI 1.3: where a fault in user mode resumes. The vDSO sets it around
	 * its copies of program memory (vdso/internal/uaccess.S); a kernel
	 * that takes a page fault in user mode while it is non-zero clears it
	 * and resumes the thread there, every other register as at the fault,
	 * instead of treating the fault as the program's. So a wild pointer
	 * given to a call is EFAULT, as Linux's exception tables make it,
	 * without a kernel entry on the good path. */
	exo_u64 user_fixup;
	/* Bytes the kernel keeps for itself; user code must not touch them.
	 * (A real kernel keeps this state elsewhere; the Linux-hosted model,
	 * which shares the address space, keeps its kernel stack and TLS here.) */
	exo_u64 kernel_private[16];
};

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, tid) == EXO_TB_TID, tb_tid_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, pid) == EXO_TB_PID, tb_pid_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, ppid) == 16, tb_ppid_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, ring) == 24, tb_ring_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, sigmask) == 40, tb_sigmask_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, signal_pending) == EXO_TB_SIGNAL_PENDING, tb_sigpend_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, signal_flags) == EXO_TB_SIGNAL_FLAGS, tb_sigflags_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, sigmask_held) == EXO_TB_SIGMASK_HELD, tb_sigheld_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, sigmask_watch) == EXO_TB_SIGMASK_WATCH, tb_sigwatch_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, user_fixup) == EXO_TB_USER_FIXUP, tb_fixup_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_thread_block, kernel_private) == 128, tb_kpriv_off);
EXO_ABI_ASSERT(sizeof(struct exo_thread_block) == EXO_THREAD_BLOCK_SIZE, tb_size);

EXO_ABI_ASSERT(EXO_TB_PPID == EXO_OFFSETOF(struct exo_thread_block, ppid), tb_ppid_asm);
EXO_ABI_ASSERT(EXO_TB_KERNEL_PRIVATE == EXO_OFFSETOF(struct exo_thread_block, kernel_private), tb_kp_asm);
#endif /* __ASSEMBLER__ */

#endif
