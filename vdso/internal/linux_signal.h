/* Linux's x86-64 signal ABI as programs see it (asm/signal.h,
 * asm/sigcontext.h, asm/ucontext.h, asm-generic/siginfo.h): what the vDSO
 * accepts and the frame it builds. Nothing here crosses into the kernel. */
#ifndef VDSO_LINUX_SIGNAL_H
#define VDSO_LINUX_SIGNAL_H

#include <exo/types.h>

#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_rt_sigreturn 15
#define SYS_pause 34
#define SYS_nanosleep_nr 35
#define SYS_getitimer 36
#define SYS_alarm 37
#define SYS_setitimer 38
#define SYS_rt_sigpending 127
#define SYS_rt_sigtimedwait 128
#define SYS_rt_sigqueueinfo 129
#define SYS_rt_sigsuspend 130
#define SYS_sigaltstack 131
#define SYS_rt_tgsigqueueinfo 297
#define SYS_timer_create 222
#define SYS_timer_settime 223
#define SYS_timer_gettime 224
#define SYS_timer_getoverrun 225
#define SYS_timer_delete 226

#define LINUX_SIGKILL 9
#define LINUX_SIGSTOP 19
#define LINUX_SIGCHLD 17
#define LINUX_NSIG 64
#define LINUX_UNBLOCKABLE ((1ull << 8) | (1ull << 18))

#define LINUX_SIG_DFL 0ul
#define LINUX_SIG_IGN 1ul

#define LINUX_SA_NOCLDSTOP 0x00000001ul
#define LINUX_SA_NOCLDWAIT 0x00000002ul
#define LINUX_SA_SIGINFO   0x00000004ul
#define LINUX_SA_RESTORER  0x04000000ul
#define LINUX_SA_ONSTACK   0x08000000ul
#define LINUX_SA_RESTART   0x10000000ul
#define LINUX_SA_NODEFER   0x40000000ul
#define LINUX_SA_RESETHAND 0x80000000ul

#define LINUX_SIG_BLOCK 0
#define LINUX_SIG_UNBLOCK 1
#define LINUX_SIG_SETMASK 2

#define LINUX_SS_ONSTACK 1
#define LINUX_SS_DISABLE 2
#define LINUX_SS_AUTODISARM (1u << 31)
#define LINUX_MINSIGSTKSZ 2048

#define LINUX_SI_QUEUE (-1)
#define LINUX_SI_TIMER (-2)
#define LINUX_SI_TKILL (-6)

/* struct sigaction as rt_sigaction takes it (the kernel's, not libc's). */
struct linux_sigaction {
	exo_u64 handler;
	exo_u64 flags;
	exo_u64 restorer;
	exo_u64 mask;
};

struct linux_stack {
	exo_u64 sp;
	exo_s32 flags;
	exo_s32 pad;
	exo_u64 size;
};

struct linux_sigcontext {
	exo_u64 r8, r9, r10, r11, r12, r13, r14, r15;
	exo_u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	exo_u16 cs, gs, fs, ss;
	exo_u64 err, trapno, oldmask, cr2;
	exo_u64 fpstate;
	exo_u64 reserved1[8];
};

#define LINUX_UC_FP_XSTATE 1
#define LINUX_UC_SIGCONTEXT_SS 2
#define LINUX_UC_STRICT_RESTORE_SS 4

struct linux_ucontext {
	exo_u64 flags;
	exo_u64 link;
	struct linux_stack stack;
	struct linux_sigcontext mcontext;
	exo_u64 sigmask;
};

struct linux_siginfo {
	exo_s32 signo, err, code, pad;
	union {
		struct { exo_s32 pid; exo_u32 uid; exo_u64 value; } kill;
		struct { exo_s32 pid; exo_u32 uid; exo_s32 status; exo_s32 pad; exo_s64 utime, stime; } chld;
		struct { exo_u64 addr; } fault;
		struct { exo_s32 tid; exo_s32 overrun; exo_u64 value; } timer;
		exo_u8 bytes[112];
	} u;
};

/* The fxsave area's software bytes that say an XSAVE image follows. */
#define LINUX_FP_XSTATE_MAGIC1 0x46505853u
#define LINUX_FP_XSTATE_MAGIC2 0x46505845u

struct linux_itimerval {
	exo_s64 interval_sec, interval_usec;
	exo_s64 value_sec, value_usec;
};

EXO_ABI_ASSERT(sizeof(struct linux_sigcontext) == 256, lsc_size);
EXO_ABI_ASSERT(sizeof(struct linux_ucontext) == 304, luc_size);
EXO_ABI_ASSERT(sizeof(struct linux_siginfo) == 128, lsi_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct linux_ucontext, sigmask) == 296, luc_mask_off);

#endif
