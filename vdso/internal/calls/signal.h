/* The legacy tier: signals as messages and up-calls.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define SYS_rt_sigprocmask 14

#define VDSO_SIGNAL_CALLS(X) \
	X(SYS_rt_sigprocmask,  EXO_TIER_FAST,   sys_rt_sigprocmask)
