/* The legacy tier: signals as messages and up-calls.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. rt_sigreturn is the
 * entry's own (entry/syscall.S). */
#include "../linux_signal.h"

#define VDSO_SIGNAL_CALLS(X) \
	X(SYS_rt_sigprocmask,  EXO_TIER_FAST,   sys_rt_sigprocmask) \
	X(SYS_rt_sigaction,    EXO_TIER_LEGACY, sys_rt_sigaction) \
	X(SYS_rt_sigpending,   EXO_TIER_LEGACY, sys_rt_sigpending) \
	X(SYS_rt_sigsuspend,   EXO_TIER_LEGACY, sys_rt_sigsuspend) \
	X(SYS_pause,           EXO_TIER_LEGACY, sys_pause) \
	X(SYS_rt_sigtimedwait, EXO_TIER_LEGACY, sys_rt_sigtimedwait) \
	X(SYS_sigaltstack,     EXO_TIER_LEGACY, sys_sigaltstack) \
	X(SYS_rt_sigqueueinfo, EXO_TIER_LEGACY, sys_rt_sigqueueinfo) \
	X(SYS_rt_tgsigqueueinfo, EXO_TIER_LEGACY, sys_rt_tgsigqueueinfo) \
	X(SYS_alarm,           EXO_TIER_LEGACY, sys_alarm) \
	X(SYS_setitimer,       EXO_TIER_LEGACY, sys_setitimer) \
	X(SYS_getitimer,       EXO_TIER_LEGACY, sys_getitimer) \
	X(SYS_timer_create,    EXO_TIER_LEGACY, sys_timer_create) \
	X(SYS_timer_settime,   EXO_TIER_LEGACY, sys_timer_settime) \
	X(SYS_timer_gettime,   EXO_TIER_LEGACY, sys_timer_gettime) \
	X(SYS_timer_getoverrun, EXO_TIER_LEGACY, sys_timer_getoverrun) \
	X(SYS_timer_delete,    EXO_TIER_LEGACY, sys_timer_delete)
