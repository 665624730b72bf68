/* The legacy tier: memory as native memory objects.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_proc.h"

#define VDSO_MEMORY_CALLS(X) \
	X(SYS_mmap,            EXO_TIER_LEGACY, sys_mmap) \
	X(SYS_munmap,          EXO_TIER_LEGACY, sys_munmap) \
	X(SYS_mprotect,        EXO_TIER_LEGACY, sys_mprotect) \
	X(SYS_mremap,          EXO_TIER_LEGACY, sys_mremap) \
	X(SYS_madvise,         EXO_TIER_LEGACY, sys_madvise) \
	X(SYS_msync,           EXO_TIER_LEGACY, sys_msync) \
	X(SYS_brk,             EXO_TIER_LEGACY, sys_brk)
