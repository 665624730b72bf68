/* Native memory calls, served with host mmap and friends.
 *
 * The model shares its address space with the guest, so a guest
 * MAP_FIXED, munmap or mprotect could otherwise land on the kernel's own
 * memory (its image, heap, stacks, the rings it reads). Every mapping that
 * exists when the guest starts and is not one of the guest's own ranges is
 * recorded as the kernel's, as is every later kernel allocation, and
 * guest operations that touch them are refused. The guest can still write
 * there with plain stores: isolation is not this model's job, robustness
 * against what a program asks for through the ABI is. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"

#define MAX_RANGES 256

struct range { exo_u64 start, end; };

static struct range kernel_ranges[MAX_RANGES], guest_ranges[16];
static unsigned nkernel, nguest;

static int overlaps(const struct range *r, unsigned n, exo_u64 start, exo_u64 end)
{
	for (unsigned i = 0; i < n; i++)
		if (start < r[i].end && r[i].start < end)
			return 1;
	return 0;
}

static void add_kernel_range(exo_u64 start, exo_u64 end)
{
	if (nkernel < MAX_RANGES)
		kernel_ranges[nkernel++] = (struct range){ start, end };
}

void mem_add_guest_range(exo_u64 start, exo_u64 end)
{
	if (nguest < sizeof guest_ranges / sizeof guest_ranges[0])
		guest_ranges[nguest++] = (struct range){ start, end };
}

/* The launcher's own host stack (main's frames, its arguments, its
 * environment and auxiliary vector) is not copied into a fork child: the
 * child runs on its kernel stack and never returns into main, and that
 * stack is a private mapping with written pages far from every other
 * mapping, so each fork copied it with a page-table branch of its own
 * (three page-table pages; docs/legacy-processes.md, what a fork
 * copies). What a child could still read there is moved to the heap
 * first: the environment (exec passes it on), the program's name
 * (glibc's assertion messages) and the --vdso path (exec maps it again).
 * If a copy fails the stack is simply copied as before. */
static void stack_not_forked(unsigned long start, unsigned long end)
{
	extern char **environ;
	size_t n = 0;
	char **env, *name, *vdso = NULL;

	while (environ[n])
		n++;
	if (!(env = malloc((n + 1) * sizeof *env)))
		return;
	for (size_t i = 0; i < n; i++)
		if (!(env[i] = strdup(environ[i])))
			return;
	env[n] = NULL;
	if (!(name = strdup(program_invocation_name)) ||
	    (opt.vdso_path && !(vdso = strdup(opt.vdso_path))))
		return;
	environ = env;
	program_invocation_name = name;
	program_invocation_short_name = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	if (vdso)
		opt.vdso_path = vdso;
	madvise((void *)start, end - start, MADV_DONTFORK);
}

void mem_protect_kernel(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end;
	char line[512];

	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 &&
		    !overlaps(guest_ranges, nguest, start, end)) {
			add_kernel_range(start, end);
			if (strstr(line, "[stack]"))
				stack_not_forked(start, end);
		}
	fclose(f);
}

/* The kernel's pool: a reserved range right above the guest's stack
 * (loader.c). Its pages, mapped in place as they are taken, are one host
 * mapping with the stack and share its top's page-table page, where
 * allocations placed by the host were a mapping and often a page-table
 * page of their own, each copied by every fork (docs/legacy-processes.md,
 * fork's mappings). Taken with a compare-and-swap: guest threads may be
 * created at once. When it is used up, the host places them. */
static exo_u64 pool_next, pool_end;

void mem_pool_set(exo_u64 start, exo_u64 end)
{
	pool_next = start;
	pool_end = end;
	add_kernel_range(start, end);
}

static void *pool_take(size_t len)
{
	exo_u64 at = __atomic_load_n(&pool_next, __ATOMIC_RELAXED);

	len = (len + 4095) & ~(size_t)4095;
	do {
		if (!at || len > pool_end - at)
			return NULL;
	} while (!__atomic_compare_exchange_n(&pool_next, &at, at + len, 0, __ATOMIC_RELAXED,
	                                      __ATOMIC_RELAXED));
	void *p = mmap((void *)at, len, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void *kernel_alloc_pages(size_t len)
{
	void *p = pool_take(len);

	if (p)
		return p;   /* the pool's range is recorded as a whole */
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	add_kernel_range((exo_u64)p, (exo_u64)p + len);
	return p;
}

/* The guard range under the guest's stack (loader.c): on Linux a gap
 * with nothing mapped, so an overflow is SEGV_MAPERR; here a PROT_NONE
 * mapping that keeps the host from placing anything there, whose faults
 * are SEGV_ACCERR: signal_host.c reports them as Linux would, until the
 * guest itself maps, unmaps or changes anything there. */
static exo_u64 guard_start, guard_end;

void mem_stack_guard_set(exo_u64 start, exo_u64 end)
{
	guard_start = start;
	guard_end = end;
}

int mem_stack_guard_hit(exo_u64 addr)
{
	return addr >= guard_start && addr < guard_end;
}

static void guard_touched(exo_u64 addr, exo_u64 len)
{
	if (addr < guard_end && guard_start < addr + len)
		guard_start = guard_end = 0;
}

static int host_prot(unsigned prot)
{
	return (prot & EXO_PROT_READ ? PROT_READ : 0) |
	       (prot & EXO_PROT_WRITE ? PROT_WRITE : 0) |
	       (prot & EXO_PROT_EXEC ? PROT_EXEC : 0);
}

static int bad_range(exo_u64 addr, exo_u64 len)
{
	return (addr & 4095) || len == 0 || addr + len < addr || addr + len > (1ull << 47);
}

static int touches_kernel(exo_u64 addr, exo_u64 len)
{
	return overlaps(kernel_ranges, nkernel, addr, addr + ((len + 4095) & ~4095ull));
}

long mem_map(exo_u64 addr, exo_u64 len, unsigned prot, unsigned flags)
{
	int hflags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

	if (flags & ~(EXO_MAP_FIXED | EXO_MAP_FIXED_NOREPLACE | EXO_MAP_SHARED) || prot & ~7u)
		return EXO_ERR_INVALID;
	/* Shared anonymous memory is one object for every process that
	 * inherits it: the host's MAP_SHARED anonymous memory survives fork
	 * as the same pages. */
	if (flags & EXO_MAP_SHARED)
		hflags = MAP_SHARED | MAP_ANONYMOUS;
	flags &= ~EXO_MAP_SHARED;
	if (flags) {
		if (bad_range(addr, len))
			return EXO_ERR_INVALID;
		if (touches_kernel(addr, len))
			return (flags & EXO_MAP_FIXED_NOREPLACE) ? EXO_ERR_EXISTS : EXO_ERR_NO_MEMORY;
		hflags |= (flags & EXO_MAP_FIXED_NOREPLACE) ? MAP_FIXED_NOREPLACE : MAP_FIXED;
		guard_touched(addr, len);
	}
	p = mmap((void *)addr, len, host_prot(prot), hflags, -1, 0);
	if (p == MAP_FAILED)
		return status_from_errno(errno);
	return (long)p;
}

/* The memory object behind a capability: a file, through the host
 * descriptor. Rights as Linux's checks on the open file: reading is
 * needed for any mapping, writing for a shared writable one. */
long mem_map_object(exo_u64 addr, exo_u64 len, unsigned prot, unsigned flags, exo_cap_t cap,
                    exo_u64 offset)
{
	unsigned need = EXO_RIGHT_MAP | EXO_RIGHT_READ;
	int hflags = (flags & EXO_MAP_SHARED) ? MAP_SHARED : MAP_PRIVATE;
	struct kcap *c;
	long status;
	void *p;

	if (flags & ~(EXO_MAP_FIXED | EXO_MAP_FIXED_NOREPLACE | EXO_MAP_SHARED) || prot & ~7u ||
	    (offset & 4095))
		return EXO_ERR_INVALID;
	if ((flags & EXO_MAP_SHARED) && (prot & EXO_PROT_WRITE))
		need |= EXO_RIGHT_WRITE;
	if (!(c = cap_get(cap, 0, &status)))
		return status;
	if (!(c->rights & EXO_RIGHT_MAP))
		return c->object == EXO_OBJ_FILE ? EXO_ERR_RIGHTS : EXO_ERR_WRONG_TYPE;
	if (!cap_get(cap, need, &status))
		return status;
	if (flags & (EXO_MAP_FIXED | EXO_MAP_FIXED_NOREPLACE)) {
		if (bad_range(addr, len))
			return EXO_ERR_INVALID;
		if (touches_kernel(addr, len))
			return (flags & EXO_MAP_FIXED_NOREPLACE) ? EXO_ERR_EXISTS : EXO_ERR_NO_MEMORY;
		hflags |= (flags & EXO_MAP_FIXED_NOREPLACE) ? MAP_FIXED_NOREPLACE : MAP_FIXED;
		guard_touched(addr, len);
	}
	p = mmap((void *)addr, len, host_prot(prot), hflags, c->host_fd, (off_t)offset);
	if (p == MAP_FAILED)
		return status_from_errno(errno);
	return (long)p;
}

long mem_sync(exo_u64 addr, exo_u64 len, unsigned flags)
{
	int h = (flags & EXO_SYNC_WAIT) ? MS_SYNC : MS_ASYNC;

	if (flags & EXO_SYNC_INVALIDATE)
		h |= MS_INVALIDATE;
	if (touches_kernel(addr, len ? len : 1))
		return EXO_ERR_NO_MEMORY;
	return msync((void *)addr, len, h) < 0 ? status_from_errno(errno) : 0;
}

long mem_unmap(exo_u64 addr, exo_u64 len)
{
	if (bad_range(addr, len))
		return EXO_ERR_INVALID;
	if (touches_kernel(addr, len))
		return EXO_ERR_INVALID;
	guard_touched(addr, len);
	if (munmap((void *)addr, len) < 0)
		return status_from_errno(errno);
	thread_pool_unmapped(addr, len);   /* a joined thread's memory */
	return 0;
}

long mem_protect(exo_u64 addr, exo_u64 len, unsigned prot)
{
	if ((addr & 4095) || prot & ~7u)
		return EXO_ERR_INVALID;
	if (len == 0)
		return 0;
	if (touches_kernel(addr, len))
		return EXO_ERR_NO_MEMORY;
	guard_touched(addr, len);
	return mprotect((void *)addr, len, host_prot(prot)) < 0 ? status_from_errno(errno) : 0;
}

long mem_advise(exo_u64 addr, exo_u64 len, unsigned advice)
{
	int h;

	if (addr & 4095)
		return EXO_ERR_INVALID;
	if (len == 0)
		return 0;
	if (touches_kernel(addr, len))
		return EXO_ERR_INVALID;
	switch (advice) {
	case EXO_ADVICE_DISCARD: h = MADV_DONTNEED; break;
	case EXO_ADVICE_FREE: h = MADV_FREE; break;
	case EXO_ADVICE_WILLNEED: h = MADV_WILLNEED; break;
	default: return EXO_ERR_INVALID;
	}
	return madvise((void *)addr, len, h) < 0 ? status_from_errno(errno) : 0;
}

long mem_remap(exo_u64 addr, exo_u64 old_len, exo_u64 new_len, unsigned flags, exo_u64 new_addr)
{
	int hflags = 0;
	void *p;

	if (flags & ~(EXO_REMAP_MAY_MOVE | EXO_REMAP_FIXED))
		return EXO_ERR_INVALID;
	if ((addr & 4095) || touches_kernel(addr, old_len ? old_len : 1))
		return EXO_ERR_INVALID;
	if (flags & EXO_REMAP_MAY_MOVE)
		hflags |= MREMAP_MAYMOVE;
	if (flags & EXO_REMAP_FIXED) {
		if (bad_range(new_addr, new_len) || touches_kernel(new_addr, new_len))
			return EXO_ERR_INVALID;
		hflags |= MREMAP_FIXED;
		guard_touched(new_addr, new_len);
	}
	guard_touched(addr, old_len > new_len ? old_len : new_len);
	/* Growing in place never swallows another mapping: the host moves
	 * the range (MAYMOVE) or fails, so only the old range is checked. */
	p = mremap((void *)addr, old_len, new_len, hflags, (void *)new_addr);
	if (p == MAP_FAILED)
		return status_from_errno(errno);
	return (long)p;
}

/* Copies between kernel and guest memory, as a real kernel's uaccess
 * routines: a plain copy with a recovery point. A fault inside it (a guest
 * address that is not mapped, or not writable) reaches fault.c's handler,
 * which jumps back here: EXO_ERR_FAULT, never a crash. Cheap on the good
 * path (no host call), unlike process_vm_readv/writev, which pin pages.
 * A thread with no thread block (a kernel thread, a unit test) falls back
 * to process_vm_*. */

static long copy_slow(void *dst, const void *src, size_t len, int to_guest)
{
	struct iovec local = { to_guest ? (void *)src : dst, len };
	struct iovec remote = { to_guest ? dst : (void *)src, len };
	ssize_t n = to_guest ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0)
	                     : process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	return n == (ssize_t)len ? 0 : EXO_ERR_FAULT;
}

static long copy_guarded(void *dst, const void *src, size_t len, int to_guest)
{
	exo_u64 gs;
	sigjmp_buf env;

	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	if (!gs)
		return copy_slow(dst, src, len, to_guest);
	exo_u64 *fixup = &((struct exo_thread_block *)gs)->kernel_private[(KP_COPY_FIXUP - EXO_TB_KERNEL_PRIVATE) / 8];
	if (sigsetjmp(env, 0)) {
		__atomic_store_n(fixup, 0, __ATOMIC_RELAXED);
		return EXO_ERR_FAULT;
	}
	__atomic_store_n(fixup, (exo_u64)&env, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	memcpy(dst, src, len);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(fixup, 0, __ATOMIC_RELAXED);
	return 0;
}

long copy_to_guest(exo_u64 addr, const void *src, size_t len)
{
	if (!guest_range_ok(addr, len))
		return EXO_ERR_FAULT;
	return copy_guarded((void *)addr, src, len, 1);
}

/* Without a thread block (the unit tests): page by page through
 * copy_slow, still never past the page the NUL is in. */
static long copy_string_paged(char *dst, exo_u64 addr, size_t max)
{
	size_t done = 0;

	while (done < max) {
		size_t chunk = EXO_PAGE_SIZE - ((addr + done) & (EXO_PAGE_SIZE - 1));
		char *nul;

		if (chunk > max - done)
			chunk = max - done;
		if (copy_slow(dst + done, (const void *)(addr + done), chunk, 0) < 0)
			return EXO_ERR_FAULT;
		if ((nul = memchr(dst + done, 0, chunk)))
			return nul - dst;
		done += chunk;
	}
	return EXO_ERR_NAME_TOO_LONG;
}

/* A NUL-terminated string of at most max bytes with its NUL, read byte by
 * byte under one recovery point: only the bytes up to the NUL are
 * touched, so a name that ends just before an unmapped page is read and
 * one that runs into it is a fault, without copying whole pages (which
 * cost most of a stat by name; perf, docs/hybrid-perf.md). Returns the
 * length, EXO_ERR_FAULT, or EXO_ERR_NAME_TOO_LONG. */
long copy_string_from_guest(char *dst, exo_u64 addr, size_t max)
{
	exo_u64 gs, *fixup;
	sigjmp_buf env;
	size_t n;

	if (addr >= (1ull << 47))
		return EXO_ERR_FAULT;
	if (max > (1ull << 47) - addr)
		max = (1ull << 47) - addr;
	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	if (!gs)
		return copy_string_paged(dst, addr, max);
	fixup = &((struct exo_thread_block *)gs)->kernel_private[(KP_COPY_FIXUP - EXO_TB_KERNEL_PRIVATE) / 8];
	if (sigsetjmp(env, 0)) {
		__atomic_store_n(fixup, 0, __ATOMIC_RELAXED);
		return EXO_ERR_FAULT;
	}
	__atomic_store_n(fixup, (exo_u64)&env, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	for (n = 0; n < max; n++)
		if (!(dst[n] = ((const volatile char *)addr)[n]))
			break;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(fixup, 0, __ATOMIC_RELAXED);
	return n < max ? (long)n : EXO_ERR_NAME_TOO_LONG;
}

long copy_from_guest(void *dst, exo_u64 addr, size_t len)
{
	if (!guest_range_ok(addr, len))
		return EXO_ERR_FAULT;
	return copy_guarded(dst, (const void *)addr, len, 0);
}
