/* The legacy tier: processes, threads and leaving.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_proc.h"

#define VDSO_PROCESS_CALLS(X) \
	X(SYS_arch_prctl,      EXO_TIER_LEGACY, sys_arch_prctl) \
	X(SYS_exit,            EXO_TIER_LEGACY, sys_exit) \
	X(SYS_exit_group,      EXO_TIER_LEGACY, sys_exit_group) \
	X(SYS_fork,            EXO_TIER_LEGACY, sys_fork) \
	X(SYS_vfork,           EXO_TIER_LEGACY, sys_vfork) \
	X(SYS_clone,           EXO_TIER_LEGACY, sys_clone) \
	X(SYS_execve,          EXO_TIER_LEGACY, sys_execve) \
	X(SYS_execveat,        EXO_TIER_LEGACY, sys_execveat) \
	X(SYS_wait4,           EXO_TIER_LEGACY, sys_wait4) \
	X(SYS_waitid,          EXO_TIER_LEGACY, sys_waitid) \
	X(SYS_kill,            EXO_TIER_LEGACY, sys_kill) \
	X(SYS_tkill,           EXO_TIER_LEGACY, sys_tkill) \
	X(SYS_tgkill,          EXO_TIER_LEGACY, sys_tgkill) \
	X(SYS_getpgid,         EXO_TIER_LEGACY, sys_getpgid) \
	X(SYS_getpgrp,         EXO_TIER_LEGACY, sys_getpgrp) \
	X(SYS_setpgid,         EXO_TIER_LEGACY, sys_setpgid) \
	X(SYS_getsid,          EXO_TIER_LEGACY, sys_getsid) \
	X(SYS_setsid,          EXO_TIER_LEGACY, sys_setsid) \
	X(SYS_prlimit64,       EXO_TIER_LEGACY, sys_prlimit64) \
	X(SYS_getrlimit,       EXO_TIER_LEGACY, sys_getrlimit) \
	X(SYS_setrlimit,       EXO_TIER_LEGACY, sys_setrlimit) \
	X(SYS_getuid,          EXO_TIER_LEGACY, sys_getuid) \
	X(SYS_geteuid,         EXO_TIER_LEGACY, sys_geteuid) \
	X(SYS_getgid,          EXO_TIER_LEGACY, sys_getgid) \
	X(SYS_getegid,         EXO_TIER_LEGACY, sys_getegid) \
	X(SYS_getresuid,       EXO_TIER_LEGACY, sys_getresuid) \
	X(SYS_getresgid,       EXO_TIER_LEGACY, sys_getresgid) \
	X(SYS_setuid,          EXO_TIER_LEGACY, sys_setuid) \
	X(SYS_setgid,          EXO_TIER_LEGACY, sys_setgid) \
	X(SYS_setresuid,       EXO_TIER_LEGACY, sys_setresuid) \
	X(SYS_setresgid,       EXO_TIER_LEGACY, sys_setresgid) \
	X(SYS_futex,           EXO_TIER_LEGACY, sys_futex) \
	X(SYS_sched_yield,     EXO_TIER_LEGACY, sys_sched_yield) \
	X(SYS_nanosleep,       EXO_TIER_LEGACY, sys_nanosleep) \
	X(SYS_clock_nanosleep, EXO_TIER_LEGACY, sys_clock_nanosleep)
