/* Physical pages: handed out from the RAM ranges of the PVH memory map,
 * minus what is in use at boot (the kernel, the initrd, the boot
 * information). Freed pages go on a list threaded through the pages
 * themselves; fresh ones come from a cursor over the ranges, so start-up
 * touches no page it does not hand out. Only the first GiB is used: that
 * is what the direct map covers. */
#include "kernel.h"

#define MAX_RANGES 32

struct range { u64 start, end; };

static struct range ram[MAX_RANGES], reserved[MAX_RANGES];
/* How many mappings hold each frame: a fork shares a process's pages
 * copy-on-write (vm.c) and a frame is free when its last holder lets go. */
static u16 refs[DIRECT_MAP_SIZE / PAGE_SIZE];
static unsigned nram, nreserved, cursor_range;
static u64 cursor, free_list, nfree_listed, total_pages, used_pages;

void pmm_add_range(u64 start, u64 end)
{
	start = PAGE_UP(start);
	end = PAGE_DOWN(end);
	if (start < 0x100000)
		start = 0x100000;   /* leave the first MiB to the firmware */
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	if (start < end && nram < MAX_RANGES)
		ram[nram++] = (struct range){ start, end };
}

void pmm_reserve(u64 start, u64 end)
{
	if (nreserved < MAX_RANGES)
		reserved[nreserved++] = (struct range){ PAGE_DOWN(start), PAGE_UP(end) };
}

void pmm_init_done(void)
{
	for (unsigned i = 0; i < nram; i++)
		total_pages += (ram[i].end - ram[i].start) / PAGE_SIZE;
	cursor = nram ? ram[0].start : 0;
	kprintf("exo-kernel: %lu MiB of RAM usable\n", total_pages / 256);
}

static int is_reserved(u64 p)
{
	for (unsigned i = 0; i < nreserved; i++)
		if (p >= reserved[i].start && p < reserved[i].end)
			return 1;
	return 0;
}

static u64 next_fresh(void)
{
	while (cursor_range < nram) {
		if (cursor >= ram[cursor_range].end) {
			if (++cursor_range < nram)
				cursor = ram[cursor_range].start;
			continue;
		}
		u64 p = cursor;
		cursor += PAGE_SIZE;
		if (!is_reserved(p))
			return p;
	}
	return 0;
}

u64 pmm_alloc(void)
{
	u64 p = free_list;

	if (p) {
		free_list = *(u64 *)phys_to_virt(p);
		nfree_listed--;
	} else if (!(p = next_fresh())) {
		return 0;
	}
	memset(phys_to_virt(p), 0, PAGE_SIZE);
	used_pages++;
	refs[p / PAGE_SIZE] = 1;
	return p;
}

void pmm_ref(u64 p)
{
	refs[p / PAGE_SIZE]++;
}

unsigned pmm_refs(u64 p)
{
	return refs[p / PAGE_SIZE];
}

void pmm_free(u64 p)
{
	if (refs[p / PAGE_SIZE] > 1) {
		refs[p / PAGE_SIZE]--;
		return;
	}
	refs[p / PAGE_SIZE] = 0;
	*(u64 *)phys_to_virt(p) = free_list;
	free_list = p;
	nfree_listed++;
	used_pages--;
}

u64 pmm_free_pages(void)
{
	return total_pages - used_pages;
}
