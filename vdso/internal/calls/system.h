/* The legacy tier: the system and a process's accounting (ABI 1.3).
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_system.h"

#define VDSO_SYSTEM_CALLS(X) \
	X(SYS_uname,             EXO_TIER_LEGACY, sys_uname) \
	X(SYS_sysinfo,           EXO_TIER_LEGACY, sys_sysinfo) \
	X(SYS_sched_getaffinity, EXO_TIER_LEGACY, sys_sched_getaffinity) \
	X(SYS_sched_setaffinity, EXO_TIER_LEGACY, sys_sched_setaffinity) \
	X(SYS_getrusage,         EXO_TIER_LEGACY, sys_getrusage) \
	X(SYS_times,             EXO_TIER_LEGACY, sys_times) \
	X(SYS_getpriority,       EXO_TIER_LEGACY, sys_getpriority) \
	X(SYS_setpriority,       EXO_TIER_LEGACY, sys_setpriority) \
	X(SYS_getgroups,         EXO_TIER_LEGACY, sys_getgroups) \
	X(SYS_setgroups,         EXO_TIER_LEGACY, sys_setgroups) \
	X(SYS_getrandom,         EXO_TIER_LEGACY, sys_getrandom)
