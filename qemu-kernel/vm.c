/* Address spaces: 4-level page tables, one PML4 per process. The upper
 * half (entries 256-511: direct map and kernel image) is copied from the
 * boot tables into every PML4; the lower half belongs to the process.
 *
 * The page tables are the only record of what a process has mapped: a
 * leaf entry is "mapped" when it is present or carries PTE_PROT_NONE (a
 * PROT_NONE page keeps its frame but is not present, so any access
 * faults). Pages marked PTE_SHARED (the kernel data page) are never freed
 * with the process.
 *
 * Copy-on-write: a fork gives the child the parent's frames, each with one
 * more reference (pmm.c); a writable page loses PTE_W in both and gains
 * PTE_COW. The first write (a fault, or the kernel's copy_to_user) gets a
 * private copy, or keeps the frame when no one else holds it any more. */
#include <exo/native.h>
#include "kernel.h"

#define PTE_P  (1ul << 0)
#define PTE_W  (1ul << 1)
#define PTE_U  (1ul << 2)
#define PTE_SHARED (1ul << 9)
#define PTE_PROT_NONE (1ul << 10)
#define PTE_COW (1ul << 11)
#define PTE_NX (1ul << 63)
#define PTE_ADDR 0x000ffffffffff000ul
#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)

extern char boot_pml4[];   /* linked at its physical address (boot.S) */

static u64 *table(u64 phys) { return phys_to_virt(phys); }
static int mapped(u64 pte) { return (pte & (PTE_P | PTE_PROT_NONE)) != 0; }
static void invlpg(u64 va) { __asm__ volatile ("invlpg (%0)" :: "r"(va) : "memory"); }

static u64 leaf_bits(unsigned prot)
{
	if (!(prot & (EXO_PROT_READ | EXO_PROT_WRITE | EXO_PROT_EXEC)))
		return PTE_PROT_NONE;
	return PTE_P | PTE_U | (prot & EXO_PROT_WRITE ? PTE_W : 0) |
	       (prot & EXO_PROT_EXEC ? 0 : PTE_NX);
}

static int in_user(u64 va, u64 len)
{
	return user_range(va, len);
}

/* The leaf entry for va; NULL if a table on the way is missing and create
 * is 0 (then *skip is how far that missing table reaches), or on OOM. */
static u64 *walk(struct aspace *as, u64 va, int create, u64 *skip)
{
	u64 *t = table(as->pml4);

	for (int shift = 39; shift > 12; shift -= 9) {
		u64 *e = &t[(va >> shift) & 511];
		if (!(*e & PTE_P)) {
			if (!create) {
				if (skip)
					*skip = (1ul << shift) - (va & ((1ul << shift) - 1));
				return NULL;
			}
			u64 p = pmm_alloc();
			if (!p)
				return NULL;
			*e = p | TABLE_FLAGS;
		}
		t = table(*e & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

int vm_create(struct aspace *as)
{
	u64 p = pmm_alloc();

	if (!p)
		return EXO_ERR_NO_MEMORY;
	memcpy(table(p) + 256, (u64 *)phys_to_virt((u64)boot_pml4) + 256, 256 * 8);
	as->pml4 = p;
	as->stack_lo = as->stack_hi = 0;
	return 0;
}

static void free_level(u64 phys, int level)
{
	u64 *t = table(phys);

	for (int i = 0; i < 512; i++) {
		if (level == 1) {
			if (mapped(t[i]) && !(t[i] & PTE_SHARED))
				pmm_free(t[i] & PTE_ADDR);
		} else if (t[i] & PTE_P) {
			free_level(t[i] & PTE_ADDR, level - 1);
		}
	}
	pmm_free(phys);
}

void vm_destroy(struct aspace *as)
{
	u64 *pml4 = table(as->pml4);

	__asm__ volatile ("mov %0, %%cr3" :: "r"((u64)boot_pml4) : "memory");
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			free_level(pml4[i] & PTE_ADDR, 3);
	pmm_free(as->pml4);
	as->pml4 = 0;
}

void vm_activate(const struct aspace *as)
{
	__asm__ volatile ("mov %0, %%cr3" :: "r"(as->pml4) : "memory");
}

int vm_map_phys(struct aspace *as, u64 va, u64 phys, unsigned prot, unsigned flags)
{
	u64 *pte;

	if (!in_user(va, PAGE_SIZE))
		return EXO_ERR_INVALID;
	if (!(pte = walk(as, va, 1, NULL)))
		return EXO_ERR_NO_MEMORY;
	if (mapped(*pte))
		return EXO_ERR_EXISTS;
	*pte = phys | leaf_bits(prot) | (flags & VM_SHARED ? PTE_SHARED : 0);
	return 0;
}

int vm_map_anon(struct aspace *as, u64 va, u64 len, unsigned prot)
{
	len = PAGE_UP(len);
	if ((va & (PAGE_SIZE - 1)) || !in_user(va, len))
		return EXO_ERR_INVALID;
	/* Pages are allocated now, not on first touch: a request for more
	 * than is free can only fail, so fail before zeroing and freeing
	 * every page the machine has (a 16 TiB mmap must be a quick ENOMEM). */
	if (len / PAGE_SIZE > pmm_free_pages())
		return EXO_ERR_NO_MEMORY;
	for (u64 off = 0; off < len; off += PAGE_SIZE) {
		u64 p = pmm_alloc();
		int err = p ? vm_map_phys(as, va + off, p, prot, 0) : EXO_ERR_NO_MEMORY;
		if (err) {
			if (p)
				pmm_free(p);
			if (off)
				vm_unmap(as, va, off);
			return err;
		}
	}
	return 0;
}

int vm_unmap(struct aspace *as, u64 va, u64 len)
{
	u64 end = va + PAGE_UP(len);

	if ((va & (PAGE_SIZE - 1)) || !in_user(va, PAGE_UP(len)))
		return EXO_ERR_INVALID;
	while (va < end) {
		u64 skip = PAGE_SIZE;
		u64 *pte = walk(as, va, 0, &skip);
		if (pte && mapped(*pte)) {
			if (!(*pte & PTE_SHARED))
				pmm_free(*pte & PTE_ADDR);
			*pte = 0;
			invlpg(va);
		}
		va += skip;
	}
	return 0;
}

int vm_is_mapped(struct aspace *as, u64 va, u64 len)
{
	u64 end = va + PAGE_UP(len);

	if (!in_user(va, PAGE_UP(len)))
		return 0;
	for (; va < end; va += PAGE_SIZE) {
		u64 *pte = walk(as, va, 0, NULL);
		if (!pte || !mapped(*pte))
			return 0;
	}
	return 1;
}

int vm_protect(struct aspace *as, u64 va, u64 len, unsigned prot)
{
	u64 end = va + PAGE_UP(len);

	if (!vm_is_mapped(as, va, len))
		return EXO_ERR_NO_MEMORY;
	for (; va < end; va += PAGE_SIZE) {
		u64 *pte = walk(as, va, 0, NULL);
		u64 bits = leaf_bits(prot);
		/* A frame shared with a fork relative stays read-only until
		 * written, whatever the new protection. */
		if ((bits & PTE_W) && !(*pte & PTE_SHARED) && pmm_refs(*pte & PTE_ADDR) > 1)
			bits = (bits & ~PTE_W) | PTE_COW;
		*pte = (*pte & (PTE_ADDR | PTE_SHARED)) | bits;
		invlpg(va);
	}
	return 0;
}

int vm_zero(struct aspace *as, u64 va, u64 len)
{
	u64 end = va + PAGE_UP(len);

	if (!in_user(va, PAGE_UP(len)))
		return EXO_ERR_INVALID;
	while (va < end) {
		u64 skip = PAGE_SIZE;
		u64 *pte = walk(as, va, 0, &skip);
		if (pte && mapped(*pte) && !(*pte & PTE_SHARED)) {
			if (pmm_refs(*pte & PTE_ADDR) > 1) {
				/* Shared with a fork relative: a fresh zeroed frame. */
				u64 p = pmm_alloc();
				if (!p)
					return EXO_ERR_NO_MEMORY;
				pmm_free(*pte & PTE_ADDR);
				*pte = (*pte & ~PTE_ADDR) | p;
				invlpg(va);
			} else {
				memset(phys_to_virt(*pte & PTE_ADDR), 0, PAGE_SIZE);
			}
		}
		va += skip;
	}
	return 0;
}

int vm_prot_of(struct aspace *as, u64 va, unsigned *prot)
{
	u64 *pte = walk(as, va, 0, NULL);

	if (!pte || !mapped(*pte))
		return EXO_ERR_NO_MEMORY;
	*prot = 0;
	if (*pte & PTE_P)
		*prot = EXO_PROT_READ | (*pte & (PTE_W | PTE_COW) ? EXO_PROT_WRITE : 0) |
		        (*pte & PTE_NX ? 0 : EXO_PROT_EXEC);
	return 0;
}

/* The lowest mapped address in [va, end), or end. The stack reserve
 * counts as mapped: it fills on demand. */
static u64 first_mapped(struct aspace *as, u64 va, u64 end)
{
	if (as->stack_lo < end && va < as->stack_hi)
		return va > as->stack_lo ? va : as->stack_lo;
	while (va < end) {
		u64 skip = PAGE_SIZE;
		u64 *pte = walk(as, va, 0, &skip);
		if (pte && mapped(*pte))
			return va;
		va += skip;
	}
	return end;
}

int vm_is_free(struct aspace *as, u64 va, u64 len)
{
	len = PAGE_UP(len);
	return in_user(va, len) && first_mapped(as, va, va + len) == va + len;
}

/* A free range of len bytes ending at or below top, searched downwards as
 * Linux's mmap does; 0 if there is none above the first 64 KiB. */
u64 vm_find_free(struct aspace *as, u64 len, u64 top)
{
	len = PAGE_UP(len);
	while (top >= len + 0x10000) {
		u64 start = top - len;
		u64 hit = first_mapped(as, start, top);
		if (hit == top)
			return start;
		top = PAGE_DOWN(hit);
	}
	return 0;
}

/* Move the pages of [from, from+len) to [to, to+len), which is free: the
 * frames change address, their contents are not copied (mremap). */
int vm_move(struct aspace *as, u64 from, u64 to, u64 len)
{
	len = PAGE_UP(len);
	for (u64 off = 0; off < len; off += PAGE_SIZE) {
		u64 *src = walk(as, from + off, 0, NULL);
		if (!src || !mapped(*src))
			continue;
		u64 *dst = walk(as, to + off, 1, NULL);
		if (!dst)
			return EXO_ERR_NO_MEMORY;
		src = walk(as, from + off, 0, NULL);   /* the walk may have added tables, not moved them */
		*dst = *src;
		*src = 0;
		invlpg(from + off);
	}
	return 0;
}

int vm_demand_fault(struct aspace *as, u64 va)
{
	va = PAGE_DOWN(va);
	if (va < as->stack_lo || va >= as->stack_hi)
		return -1;
	return vm_map_anon(as, va, PAGE_SIZE, EXO_PROT_READ | EXO_PROT_WRITE) == 0 ? 0 : -1;
}

/* A write to a copy-on-write page: a private copy of the frame, or the
 * frame itself once no one else holds it. -1 if the page is not one. */
int vm_cow_fault(struct aspace *as, u64 va)
{
	u64 *pte = walk(as, PAGE_DOWN(va), 0, NULL);

	if (!pte || !(*pte & PTE_P) || !(*pte & PTE_COW))
		return -1;
	u64 old = *pte & PTE_ADDR;
	if (pmm_refs(old) > 1) {
		u64 p = pmm_alloc();
		if (!p)
			return -1;
		memcpy(phys_to_virt(p), phys_to_virt(old), PAGE_SIZE);
		pmm_free(old);
		*pte = (*pte & ~PTE_ADDR) | p;
	}
	*pte = (*pte & ~PTE_COW) | PTE_W;
	invlpg(PAGE_DOWN(va));
	return 0;
}

static void fork_level(u64 *dst, u64 *src, int level, int *err)
{
	for (int i = 0; i < (level == 4 ? 256 : 512) && !*err; i++) {
		if (level == 1) {
			u64 e = src[i];
			if (!mapped(e))
				continue;
			if (!(e & PTE_SHARED)) {
				if (e & PTE_W)
					e = (e & ~PTE_W) | PTE_COW;
				pmm_ref(e & PTE_ADDR);
			}
			src[i] = dst[i] = e;
			continue;
		}
		if (!(src[i] & PTE_P))
			continue;
		u64 p = pmm_alloc();
		if (!p) {
			*err = EXO_ERR_NO_MEMORY;
			return;
		}
		dst[i] = p | (src[i] & ~PTE_ADDR);
		fork_level(table(p), table(src[i] & PTE_ADDR), level - 1, err);
	}
}

/* The child's lower half: the parent's pages, shared copy-on-write. On
 * failure the child holds what was copied so far (vm_destroy frees it). */
int vm_fork(struct aspace *child, struct aspace *parent)
{
	int err = 0;
	u64 cr3;

	fork_level(table(child->pml4), table(parent->pml4), 4, &err);
	child->stack_lo = parent->stack_lo;
	child->stack_hi = parent->stack_hi;
	/* The parent's writable entries just became read-only. */
	__asm__ volatile ("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");
	return err;
}

/* The kernel address of user byte va, if the page allows the access. */
static char *user_byte(struct aspace *as, u64 va, int write)
{
	u64 *pte = walk(as, va, 0, NULL);

	if ((!pte || !mapped(*pte)) && vm_demand_fault(as, va) == 0)
		pte = walk(as, va, 0, NULL);
	if (write && pte && (*pte & PTE_COW) && vm_cow_fault(as, va) < 0)
		return NULL;
	if (!pte || !(*pte & PTE_P) || !(*pte & PTE_U) || (write && !(*pte & PTE_W)))
		return NULL;
	return (char *)phys_to_virt(*pte & PTE_ADDR) + (va & (PAGE_SIZE - 1));
}

/* Every byte of [va, va+len) can be read by the process. */
int user_readable(struct aspace *as, u64 va, u64 len)
{
	if (!len)
		return 1;
	if (!in_user(va, len))
		return 0;
	for (u64 page = PAGE_DOWN(va); page < va + len; page += PAGE_SIZE)
		if (!user_byte(as, page < va ? va : page, 0))
			return 0;
	return 1;
}

int copy_to_user(struct aspace *as, u64 dst, const void *src, u64 len)
{
	const char *s = src;

	if (len && !in_user(dst, len))
		return EXO_ERR_FAULT;
	while (len) {
		u64 chunk = PAGE_SIZE - (dst & (PAGE_SIZE - 1));
		char *d = user_byte(as, dst, 1);
		if (!d)
			return EXO_ERR_FAULT;
		if (chunk > len)
			chunk = len;
		memcpy(d, s, chunk);
		dst += chunk, s += chunk, len -= chunk;
	}
	return 0;
}

int copy_from_user(struct aspace *as, void *dst, u64 src, u64 len)
{
	char *d = dst;

	if (len && !in_user(src, len))
		return EXO_ERR_FAULT;
	while (len) {
		u64 chunk = PAGE_SIZE - (src & (PAGE_SIZE - 1));
		const char *s = user_byte(as, src, 0);
		if (!s)
			return EXO_ERR_FAULT;
		if (chunk > len)
			chunk = len;
		memcpy(d, s, chunk);
		src += chunk, d += chunk, len -= chunk;
	}
	return 0;
}
