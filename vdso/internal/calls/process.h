/* The legacy tier: processes, threads and leaving.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define VDSO_PROCESS_CALLS(X) \
	X(SYS_arch_prctl,      EXO_TIER_LEGACY, sys_arch_prctl) \
	X(SYS_exit,            EXO_TIER_LEGACY, sys_exit) \
	X(SYS_exit_group,      EXO_TIER_LEGACY, sys_exit_group)
