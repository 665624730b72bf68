/* The fast tier: answered in user space, no kernel entry.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define VDSO_FAST_CALLS(X) \
	X(SYS_getpid,          EXO_TIER_FAST,   sys_getpid) \
	X(SYS_getppid,         EXO_TIER_FAST,   sys_getppid) \
	X(SYS_gettid,          EXO_TIER_FAST,   sys_gettid) \
	X(SYS_clock_gettime,   EXO_TIER_FAST,   sys_clock_gettime) \
	X(SYS_clock_getres,    EXO_TIER_FAST,   sys_clock_getres) \
	X(SYS_gettimeofday,    EXO_TIER_FAST,   sys_gettimeofday) \
	X(SYS_time,            EXO_TIER_FAST,   sys_time) \
	X(SYS_getcpu,          EXO_TIER_FAST,   sys_getcpu) \
	X(SYS_set_tid_address, EXO_TIER_FAST,   sys_set_tid_address)
