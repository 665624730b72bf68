/* EXO_NC_MEM_*: anonymous memory for the running process. Pages are
 * allocated and zeroed when mapped (no demand paging outside the stack);
 * a hint-less mapping goes below MMAP_TOP, searched downwards. */
#include <exo/native.h>
#include "kernel.h"

static int bad_range(u64 addr, u64 len)
{
	return (addr & (PAGE_SIZE - 1)) || len == 0 || addr + len < addr || addr + len > USER_END;
}

long mem_map(u64 addr, u64 len, unsigned prot, unsigned flags)
{
	struct aspace *as = &current->as;
	long err;

	if ((flags & ~(EXO_MAP_FIXED | EXO_MAP_FIXED_NOREPLACE)) || (prot & ~7u) || len == 0)
		return EXO_ERR_INVALID;
	if (len > USER_END)
		return EXO_ERR_NO_MEMORY;
	len = PAGE_UP(len);
	if (flags) {
		if (bad_range(addr, len))
			return EXO_ERR_INVALID;
		if (!vm_is_free(as, addr, len)) {
			if (flags & EXO_MAP_FIXED_NOREPLACE)
				return EXO_ERR_EXISTS;
			vm_unmap(as, addr, len);
		}
	} else if (!addr || (addr & (PAGE_SIZE - 1)) || !vm_is_free(as, addr, len)) {
		addr = vm_find_free(as, len, MMAP_TOP);
		if (!addr)
			return EXO_ERR_NO_MEMORY;
	}
	err = vm_map_anon(as, addr, len, prot);
	return err ? err : (long)addr;
}

long mem_unmap(u64 addr, u64 len)
{
	if (bad_range(addr, PAGE_UP(len)))
		return EXO_ERR_INVALID;
	return vm_unmap(&current->as, addr, len);
}

long mem_protect(u64 addr, u64 len, unsigned prot)
{
	if ((addr & (PAGE_SIZE - 1)) || (prot & ~7u))
		return EXO_ERR_INVALID;
	if (len == 0)
		return 0;
	if (bad_range(addr, PAGE_UP(len)))
		return EXO_ERR_NO_MEMORY;
	return vm_protect(&current->as, addr, len, prot);
}

long mem_advise(u64 addr, u64 len, unsigned advice)
{
	if (addr & (PAGE_SIZE - 1))
		return EXO_ERR_INVALID;
	if (len == 0)
		return 0;
	if (bad_range(addr, PAGE_UP(len)))
		return EXO_ERR_INVALID;
	switch (advice) {
	case EXO_ADVICE_DISCARD:
	case EXO_ADVICE_FREE:   /* "may be dropped": dropping now is allowed */
		return vm_zero(&current->as, addr, len);
	case EXO_ADVICE_WILLNEED:
		return 0;
	default:
		return EXO_ERR_INVALID;
	}
}

/* Like Linux's mremap: shrink in place, grow in place when the pages
 * above are free, else move the frames (no copy) when allowed. */
long mem_remap(u64 addr, u64 old_len, u64 new_len, unsigned flags, u64 new_addr)
{
	struct aspace *as = &current->as;
	unsigned prot;
	u64 to;

	if ((flags & ~(EXO_REMAP_MAY_MOVE | EXO_REMAP_FIXED)) ||
	    ((flags & EXO_REMAP_FIXED) && !(flags & EXO_REMAP_MAY_MOVE)))
		return EXO_ERR_INVALID;
	old_len = PAGE_UP(old_len);
	new_len = PAGE_UP(new_len);
	if (bad_range(addr, old_len) || new_len == 0 || new_len > USER_END)
		return EXO_ERR_INVALID;
	if (!vm_is_mapped(as, addr, old_len))
		return EXO_ERR_FAULT;
	vm_prot_of(as, addr, &prot);
	if (flags & EXO_REMAP_FIXED) {
		if (bad_range(new_addr, new_len) ||
		    (new_addr < addr + old_len && addr < new_addr + new_len))
			return EXO_ERR_INVALID;
		vm_unmap(as, new_addr, new_len);
		to = new_addr;
	} else if (new_len <= old_len) {
		vm_unmap(as, addr + new_len, old_len - new_len);
		return (long)addr;
	} else if (addr + new_len <= USER_END && vm_is_free(as, addr + old_len, new_len - old_len)) {
		long err = vm_map_anon(as, addr + old_len, new_len - old_len, prot);
		return err ? err : (long)addr;
	} else if (!(flags & EXO_REMAP_MAY_MOVE)) {
		return EXO_ERR_NO_MEMORY;
	} else if (!(to = vm_find_free(as, new_len, MMAP_TOP))) {
		return EXO_ERR_NO_MEMORY;
	}
	u64 keep = old_len < new_len ? old_len : new_len;
	if (new_len > keep && vm_map_anon(as, to + keep, new_len - keep, prot) < 0)
		return EXO_ERR_NO_MEMORY;
	if (vm_move(as, addr, to, keep) < 0)
		return EXO_ERR_NO_MEMORY;
	vm_unmap(as, addr, old_len);
	return (long)to;
}
