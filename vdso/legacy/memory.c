/* Memory as native memory objects: anonymous ones the kernel creates
 * (private, or shared with every process that inherits them), and the
 * objects behind descriptors' capabilities (files). */
#include "../internal/syscalls.h"

#define PAGE 4096ul

static unsigned native_prot(long prot)
{
	return (prot & PROT_READ ? EXO_PROT_READ : 0) |
	       (prot & PROT_WRITE ? EXO_PROT_WRITE : 0) |
	       (prot & PROT_EXEC ? EXO_PROT_EXEC : 0);
}

static long mem_status(long r)
{
	return r < 0 ? errno_from_status(r) : r;
}

static long map_object(long addr, long len, long prot, unsigned nflags, long fd, long off)
{
	struct exo_fd_entry *e = fd_lookup_io(fd);
	long r;

	if (!e)
		return -EBADF;
	if (off & (long)(PAGE - 1))
		return -EINVAL;
	r = native_call(EXO_NC_MEM_MAP_OBJECT, addr, len, native_prot(prot), nflags, e->cap, off);
	switch (r) {
	case EXO_ERR_RIGHTS: return -EACCES;
	case EXO_ERR_WRONG_TYPE: return -ENODEV;
	default: return mem_status(r);
	}
}

hidden long sys_mmap(SYSCALL_ARGS)
{
	long addr = a1, len = a2, prot = a3, flags = a4;
	unsigned nflags = 0;

	if (len == 0 || (addr & (PAGE - 1)))
		return -EINVAL;
	if ((unsigned long)len > (1ul << 47))
		return -ENOMEM;
	switch (flags & MAP_TYPE) {
	case MAP_PRIVATE: break;
	case MAP_SHARED: case MAP_SHARED_VALIDATE: nflags |= EXO_MAP_SHARED; break;
	default: return -EINVAL;
	}
	if (prot & ~(long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		nflags |= EXO_MAP_FIXED_NOREPLACE;
	else if (flags & MAP_FIXED)
		nflags |= EXO_MAP_FIXED;
	if (!(flags & MAP_ANONYMOUS))
		return map_object(addr, len, prot, nflags, a5, a6);
	return mem_status(native_call(EXO_NC_MEM_MAP, addr, len, native_prot(prot), nflags, 0, 0));
}

hidden long sys_msync(SYSCALL_ARGS)
{
	unsigned flags = 0;

	if ((a1 & (PAGE - 1)) || (a3 & ~(long)(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((a3 & MS_ASYNC) && (a3 & MS_SYNC)))
		return -EINVAL;
	if (a3 & MS_SYNC) flags |= EXO_SYNC_WAIT;
	if (a3 & MS_INVALIDATE) flags |= EXO_SYNC_INVALIDATE;
	return mem_status(native3(EXO_NC_MEM_SYNC, a1, a2, flags));
}

hidden long sys_munmap(SYSCALL_ARGS)
{
	if ((a1 & (PAGE - 1)) || a2 == 0)
		return -EINVAL;
	return mem_status(native2(EXO_NC_MEM_UNMAP, a1, a2));
}

hidden long sys_mprotect(SYSCALL_ARGS)
{
	if (a1 & (PAGE - 1))
		return -EINVAL;
	if (a3 & ~(long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return untranslated(SYS_mprotect, a3);
	return mem_status(native3(EXO_NC_MEM_PROTECT, a1, a2, native_prot(a3)));
}

hidden long sys_mremap(SYSCALL_ARGS)
{
	unsigned flags = 0;

	if (a4 & ~(long)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return untranslated(SYS_mremap, a4);
	if (a4 & MREMAP_MAYMOVE)
		flags |= EXO_REMAP_MAY_MOVE;
	if (a4 & MREMAP_FIXED)
		flags |= EXO_REMAP_FIXED;
	return mem_status(native_call(EXO_NC_MEM_REMAP, a1, a2, a3, flags, a5, 0));
}

hidden long sys_madvise(SYSCALL_ARGS)
{
	unsigned advice;

	switch (a3) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
		/* Access-pattern hints: nothing a memory object acts on. */
		return (a1 & (PAGE - 1)) ? -EINVAL : 0;
	case MADV_WILLNEED: advice = EXO_ADVICE_WILLNEED; break;
	case MADV_DONTNEED: advice = EXO_ADVICE_DISCARD; break;
	case MADV_FREE: advice = EXO_ADVICE_FREE; break;
	default: return untranslated(SYS_madvise, a3);
	}
	return mem_status(native3(EXO_NC_MEM_ADVISE, a1, a2, advice));
}
