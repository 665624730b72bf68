/* The dispatcher: Linux system call number -> handler, with accounting.
 *
 * Reached from entry/syscall.S with the six arguments and the number.
 * The switch compiles to a PC-relative jump table, so the image stays free
 * of relocations (a table of function pointers would need one each). */
#include "internal/syscalls.h"
#include "internal/signal.h"

static unsigned stats_slot(long nr)
{
	return (unsigned long)nr < EXO_STATS_SYSCALLS ? (unsigned)nr : EXO_STATS_SYSCALLS - 1;
}

static void trace(long nr, unsigned tier, long result, long a1, long a2, long a3,
                  long a4, long a5, long a6)
{
	struct exo_debug_record rec = {
		.nr = (exo_u64)nr, .args = { (exo_u64)a1, (exo_u64)a2, (exo_u64)a3,
		                             (exo_u64)a4, (exo_u64)a5, (exo_u64)a6 },
		.result = result, .tier = tier,
	};
	native1(EXO_NC_DEBUG_REPORT, &rec);
}

/* The slow path when the kernel asked for statistics or a trace. Calls are
 * counted on entry, so exit_group, which never returns, is counted too;
 * it is traced on entry (the kernel prints "= ?", as strace does). */
static long dispatch_debug(long a1, long a2, long a3, long a4, long a5, long a6, long nr)
{
	unsigned flags = exo_vdso_process.debug_flags;
	unsigned tier;
	long r;

	switch (nr) {
#define X(n, t, fn) case n: tier = t; break;
	VDSO_SYSCALLS(X)
#undef X
	default:
		return untranslated(nr, 0);
	}
	if (flags & EXO_DEBUG_STATS)
		__atomic_fetch_add(&exo_vdso_stats.calls[tier][stats_slot(nr)], 1, __ATOMIC_RELAXED);
	if ((flags & EXO_DEBUG_TRACE) && (nr == SYS_exit || nr == SYS_exit_group))
		trace(nr, tier, 0, a1, a2, a3, a4, a5, a6);
	switch (nr) {
#define X(n, t, fn) case n: r = fn(a1, a2, a3, a4, a5, a6); break;
	VDSO_SYSCALLS(X)
#undef X
	default:
		__builtin_unreachable();
	}
	if (flags & EXO_DEBUG_TRACE)
		trace(nr, tier, r, a1, a2, a3, a4, a5, a6);
	return r;
}

hidden long exo_dispatch(long a1, long a2, long a3, long a4, long a5, long a6, long nr)
{
	if (unlikely(exo_vdso_process.debug_flags))
		return dispatch_debug(a1, a2, a3, a4, a5, a6, nr);
	switch (nr) {
	case -2:  /* entry/syscall.S: the signal mask fast path's release */
		return vdso_signal_release();
#define X(n, tier, fn) case n: return fn(a1, a2, a3, a4, a5, a6);
	VDSO_SYSCALLS(X)
#undef X
	default:
		return untranslated(nr, 0);
	}
}

hidden long untranslated(long nr, long detail)
{
	struct exo_debug_record rec = { .nr = (exo_u64)nr, .result = -ENOSYS,
	                                .tier = EXO_TIER_UNTRANSLATED, .detail = (exo_u32)detail };

	if (exo_vdso_process.debug_flags & EXO_DEBUG_STATS)
		__atomic_fetch_add(&exo_vdso_stats.calls[EXO_TIER_UNTRANSLATED][stats_slot(nr)], 1,
		                   __ATOMIC_RELAXED);
	/* Always reported, whatever the debug flags: an untranslated call must
	 * never fail silently. */
	native1(EXO_NC_DEBUG_REPORT, &rec);
	return -ENOSYS;
}
