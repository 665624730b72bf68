/* The Linux x86-64 ABI of processes, threads and memory objects, as the
 * vDSO accepts it from programs: Linux's published values
 * (asm/unistd_64.h, linux/sched.h, linux/wait.h, linux/futex.h,
 * asm-generic/resource.h, asm-generic/mman-common.h). Nothing here
 * crosses into the kernel. */
#ifndef VDSO_LINUX_PROC_H
#define VDSO_LINUX_PROC_H

#include "linux.h"

#define SYS_nanosleep 35
#define SYS_clock_nanosleep 230
#define SYS_msync 26
#define SYS_clone 56
#define SYS_fork 57
#define SYS_vfork 58
#define SYS_execve 59
#define SYS_wait4 61
#define SYS_kill 62
#define SYS_getrlimit 97
#define SYS_getuid 102
#define SYS_getgid 104
#define SYS_setuid 105
#define SYS_setgid 106
#define SYS_geteuid 107
#define SYS_getegid 108
#define SYS_setpgid 109
#define SYS_getpgrp 111
#define SYS_setsid 112
#define SYS_setresuid 117
#define SYS_getresuid 118
#define SYS_setresgid 119
#define SYS_getresgid 120
#define SYS_getpgid 121
#define SYS_getsid 124
#define SYS_setrlimit 160
#define SYS_tkill 200
#define SYS_futex 202
#define SYS_tgkill 234
#define SYS_waitid 247
#define SYS_prlimit64 302
#define SYS_execveat 322

#define ESRCH 3
#define E2BIG 7
#define ENOEXEC 8
#define ENODEV 19

/* clone flags */
#define CSIGNAL 0xff
#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_VFORK 0x4000
#define CLONE_PARENT 0x8000
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_DETACHED 0x400000
#define CLONE_CHILD_SETTID 0x1000000

/* wait4 and waitid */
#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x1000000
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define SIGCHLD 17
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define NSIG 65
#define SIGCONT_NR 18

struct linux_rusage {
	struct linux_timeval ru_utime, ru_stime;
	exo_s64 rest[14];
};

/* The prefix of siginfo_t that waitid fills (128 bytes in all). */
struct linux_siginfo_child {
	exo_s32 si_signo, si_errno, si_code, pad;
	exo_s32 si_pid;
	exo_u32 si_uid;
	exo_s32 si_status;
	exo_s32 pad2;
	exo_s64 si_utime, si_stime;
};

/* futex */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256

struct linux_rlimit {
	exo_u64 rlim_cur, rlim_max;
};
#define RLIM_NLIMITS 16

/* mmap and msync */
#define MAP_SHARED_VALIDATE 0x03
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_POPULATE 0x8000
#define MAP_STACK 0x20000
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

#endif
