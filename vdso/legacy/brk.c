/* brk: the program break is the vDSO's own state, grown and shrunk with
 * fixed anonymous mappings above the break the kernel chose at load time.
 * Like Linux, a request that cannot be met returns the current break. */
#include "../internal/syscalls.h"

#define PAGE 4096ul
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

hidden long sys_brk(SYSCALL_ARGS)
{
	exo_u64 want = (exo_u64)a1;
	exo_u64 cur = exo_vdso_private.brk_current;
	exo_u64 start = exo_vdso_process.brk_start;

	if (!cur)
		cur = exo_vdso_private.brk_current = start;
	if (want < start || want > exo_vdso_process.brk_limit)
		return (long)cur;
	if (PAGE_UP(want) > PAGE_UP(cur)) {
		long r = native_call(EXO_NC_MEM_MAP, (long)PAGE_UP(cur), (long)(PAGE_UP(want) - PAGE_UP(cur)),
		                     EXO_PROT_READ | EXO_PROT_WRITE, EXO_MAP_FIXED_NOREPLACE, 0, 0);
		if (r < 0)
			return (long)cur;
	} else if (PAGE_UP(want) < PAGE_UP(cur)) {
		if (native2(EXO_NC_MEM_UNMAP, PAGE_UP(want), PAGE_UP(cur) - PAGE_UP(want)) < 0)
			return (long)cur;
	}
	exo_vdso_private.brk_current = want;
	return (long)want;
}
