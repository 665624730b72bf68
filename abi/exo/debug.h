/* Tiers, call statistics and the trace record.
 *
 * The vDSO counts every system call by tier in the process page when the
 * kernel sets EXO_DEBUG_STATS, and reports each one with
 * EXO_NC_DEBUG_REPORT when it sets EXO_DEBUG_TRACE. A call the vDSO does not
 * translate is always reported (tier EXO_TIER_UNTRANSLATED), so it fails
 * loudly, by name, and never silently. */
#ifndef EXO_DEBUG_H
#define EXO_DEBUG_H

#define EXO_TIER_FAST         0  /* served in user space, no kernel entry */
#define EXO_TIER_HYBRID       1  /* fd -> capability, one ring submission */
#define EXO_TIER_LEGACY       2  /* emulated: spawn, signals, memory objects */
#define EXO_TIER_UNTRANSLATED 3  /* not translated: -ENOSYS (or the call's own "unsupported" errno) */
#define EXO_TIER_COUNT        4

/* exo_process_page.debug_flags */
#define EXO_DEBUG_STATS 1
#define EXO_DEBUG_TRACE 2

/* Linux x86-64 numbers below this are counted; above, into the last slot. */
#define EXO_STATS_SYSCALLS 512

#ifndef __ASSEMBLER__
#include "types.h"

struct exo_stats {
	exo_u32 calls[EXO_TIER_COUNT][EXO_STATS_SYSCALLS];
};

struct exo_debug_record {
	exo_u64 nr;          /* the Linux system call number the program made */
	exo_u64 args[6];
	exo_s64 result;      /* what the program got back (-errno on failure) */
	exo_u32 tier;        /* EXO_TIER_* */
	exo_u32 detail;      /* e.g. the ioctl request that was not translated */
};

EXO_ABI_ASSERT(sizeof(struct exo_stats) == 8192, stats_size);
EXO_ABI_ASSERT(sizeof(struct exo_debug_record) == 72, debug_record_size);
#endif /* __ASSEMBLER__ */

#endif
