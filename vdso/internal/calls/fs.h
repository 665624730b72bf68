/* The hybrid tier: names, resolved below directory capabilities.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define VDSO_FS_CALLS(X) \
	X(SYS_open,            EXO_TIER_HYBRID, sys_open) \
	X(SYS_openat,          EXO_TIER_HYBRID, sys_openat) \
	X(SYS_creat,           EXO_TIER_HYBRID, sys_creat) \
	X(SYS_stat,            EXO_TIER_HYBRID, sys_stat) \
	X(SYS_lstat,           EXO_TIER_HYBRID, sys_lstat) \
	X(SYS_newfstatat,      EXO_TIER_HYBRID, sys_newfstatat) \
	X(SYS_access,          EXO_TIER_HYBRID, sys_access) \
	X(SYS_faccessat,       EXO_TIER_HYBRID, sys_faccessat) \
	X(SYS_faccessat2,      EXO_TIER_HYBRID, sys_faccessat2)
