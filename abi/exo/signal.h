/* Signals (ABI 1.3): POSIX signals do not exist in Exo-OS; a signal is a
 * message queued to a process or to one thread, and its delivery is an
 * up-call into the vDSO, which runs the program's handler.
 *
 * Numbering is borrowed from POSIX on x86-64, as task.h borrows it for
 * termination reasons: signal n (1..64) is bit n-1 of a set, and a
 * message's `code` uses POSIX's si_code values (the sender's kind, or a
 * fault's cause), since that is what a handler must be told and Exo-OS has
 * no other name for it. No Linux structure crosses: the vDSO builds
 * Linux's signal frame from these.
 *
 * Who keeps what: the dispositions (handler, flags, mask) are the vDSO's,
 * in the process area; the kernel only learns whether a signal is
 * defaulted, ignored or handled (EXO_NC_SIGNAL_ACTION), which is what it
 * needs to queue, discard or act. The blocked mask is in the thread
 * block, written by the vDSO without entering the kernel (thread.h). */
#ifndef EXO_SIGNAL_H
#define EXO_SIGNAL_H

#include "types.h"

#define EXO_SIG_MAX 64
#define EXO_SIG_BIT(sig) (1ull << ((sig) - 1))

/* EXO_NC_SIGNAL_ACTION kinds */
#define EXO_SIGACT_DEFAULT 0u  /* the kernel applies POSIX's default action */
#define EXO_SIGACT_IGNORE  1u  /* discarded when sent, and now if pending */
#define EXO_SIGACT_HANDLE  2u  /* queued to a thread and up-called */

/* EXO_NC_SIGNAL_ACTION flags, for the child-status signal (SIGCHLD) */
#define EXO_SIGACT_NO_CHILD_STOP 1u  /* not sent when a child stops or continues */
#define EXO_SIGACT_NO_CHILD_WAIT 2u  /* children are reaped when they end, never waited for */

/* EXO_NC_SIGNAL_SEND targets */
#define EXO_SIGNAL_TO_PROCESS 0u  /* id: a process (> 0), -group, 0 = the caller's group, -1 = all */
#define EXO_SIGNAL_TO_THREAD  1u  /* id: a thread of process id2 (id2 = 0: the caller's) */

/* exo_siginfo.code values used by the kernel itself (POSIX numbering). */
#define EXO_SI_USER    0     /* sent by a process (kill) */
#define EXO_SI_KERNEL  0x80
#define EXO_SI_QUEUE   (-1)  /* sigqueue: value is meaningful */
#define EXO_SI_TIMER   (-2)
#define EXO_SI_TKILL   (-6)  /* sent to one thread */

/* A queued signal: what the handler's siginfo says. */
struct exo_siginfo {
	exo_s32 signo;
	exo_s32 code;
	exo_s32 err;
	exo_u32 pid;              /* sender, or the child for SIGCHLD */
	exo_u32 uid;
	exo_s32 status;           /* SIGCHLD: exit status or signal */
	exo_u64 addr;             /* faults: the address */
	exo_u64 value;            /* sigqueue and timers: the value */
	exo_s32 timer;            /* timers: id and overrun count */
	exo_u32 overrun;
	exo_u64 utime, stime;     /* SIGCHLD: the child's CPU time, clock ticks */
	exo_u64 trapno, error;    /* faults: the processor's vector and error code */
};

/* The interrupted user context an up-call hands to the vDSO's signal
 * entry (exo_vdso_table.signal_entry): rdi points at it, the stack is a
 * kernel-provided one, and every signal is blocked in the thread block
 * (`mask` is the mask that was in force), so the vDSO copies it before
 * anything can up-call again. The vector state is the interrupted one,
 * live in the registers. */
struct exo_signal_context {
	exo_u64 rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	exo_u64 r8, r9, r10, r11, r12, r13, r14, r15;
	exo_u64 rip, rflags, fs;
	exo_u64 mask;
};

/* EXO_NC_SIGNAL_TIMER: the interval timer that sends SIGALRM. */
struct exo_itimer {
	exo_u64 interval_ns;
	exo_u64 value_ns;         /* 0: disarmed */
};

/* ABI 1.3: EXO_NC_SIGNAL_ITIMER, the process's interval timers. */
#define EXO_ITIMER_REAL    0u  /* real time, SIGALRM (as EXO_NC_SIGNAL_TIMER) */
#define EXO_ITIMER_VIRTUAL 1u  /* the process's user CPU time, SIGVTALRM */
#define EXO_ITIMER_PROF    2u  /* its user and system CPU time, SIGPROF */

/* ABI 1.3: POSIX timers (EXO_NC_TIMER_*). A timer counts one of the
 * EXO_CLOCK_* clocks (native.h; the CPU-time ones are the calling
 * process's or thread's) and, when it expires, notifies as the event says.
 * Its id is a small integer, the process's own, as the program expects
 * from Linux. */
#define EXO_TIMER_NOTIFY_SIGNAL 0u  /* signo to the process, code EXO_SI_TIMER */
#define EXO_TIMER_NOTIFY_NONE   1u  /* nothing; read it with EXO_NC_TIMER_GET */
#define EXO_TIMER_NOTIFY_THREAD 2u  /* signo to thread `thread` of the process */

/* EXO_NC_TIMER_SET flags */
#define EXO_TIMER_ABSOLUTE 1u  /* value_ns is a time of the clock, not a delay */

struct exo_timer_event {
	exo_u32 notify;           /* EXO_TIMER_NOTIFY_* */
	exo_s32 signo;
	exo_s32 thread;           /* EXO_TIMER_NOTIFY_THREAD: its id */
	exo_u32 reserved;         /* 0 */
	exo_u64 value;            /* the message's value (exo_siginfo.value) */
};

EXO_ABI_ASSERT(sizeof(struct exo_timer_event) == 24, timer_event_size);
EXO_ABI_ASSERT(sizeof(struct exo_siginfo) == 80, siginfo_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_siginfo, addr) == 24, siginfo_addr_off);
EXO_ABI_ASSERT(sizeof(struct exo_signal_context) == 160, sigctx_size);
EXO_ABI_ASSERT(sizeof(struct exo_itimer) == 16, itimer_size);

#endif
