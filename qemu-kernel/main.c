/* kmain: from the PVH boot information to the programs of the initrd.
 *
 * QEMU's PVH boot (-kernel with the Xen note) passes struct hvm_start_info
 * (Xen's public/arch-x86/hvm/start_info.h): the command line (-append),
 * the modules (-initrd is module 0) and the memory map. */
#include <exo/debug.h>
#include "kernel.h"

#define HVM_START_MAGIC 0x336ec578u
#define E820_RAM 1

struct hvm_start_info {
	u32 magic, version, flags, nr_modules;
	u64 modlist_paddr, cmdline_paddr, rsdp_paddr;
	u64 memmap_paddr;      /* version >= 1 */
	u32 memmap_entries, reserved;
};

struct hvm_modlist_entry {
	u64 paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	u64 addr, size;
	u32 type, reserved;
};

extern char __kernel_end_phys[];

static struct boot_options options;
static unsigned next_program;

static void memory_init(const struct hvm_start_info *si)
{
	const struct hvm_memmap_entry *map = phys_to_virt(si->memmap_paddr);

	if (si->version < 1 || !si->memmap_paddr)
		panic("the boot information carries no memory map (PVH start_info version %u)", si->version);
	for (u32 i = 0; i < si->memmap_entries; i++)
		if (map[i].type == E820_RAM)
			pmm_add_range(map[i].addr, map[i].addr + map[i].size);
	pmm_reserve(0x100000, (u64)__kernel_end_phys);
	pmm_reserve((u64)si - DIRECT_MAP, (u64)si - DIRECT_MAP + sizeof *si);
	pmm_reserve(si->memmap_paddr, si->memmap_paddr + si->memmap_entries * sizeof *map);
	if (si->cmdline_paddr)
		pmm_reserve(si->cmdline_paddr, si->cmdline_paddr + 4096);
	if (si->nr_modules) {
		const struct hvm_modlist_entry *m = phys_to_virt(si->modlist_paddr);
		pmm_reserve(si->modlist_paddr, si->modlist_paddr + si->nr_modules * sizeof *m);
		for (u32 i = 0; i < si->nr_modules; i++)
			pmm_reserve(m[i].paddr, m[i].paddr + m[i].size);
	}
	pmm_init_done();
}

static void initrd_from(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *m = phys_to_virt(si->modlist_paddr);

	if (!si->nr_modules) {
		kprintf("exo-kernel: no initrd: nothing to run\n");
		return;
	}
	if (m->paddr + m->size > DIRECT_MAP_SIZE)
		panic("the initrd lies above the first GiB (give QEMU less memory)");
	initrd_init(phys_to_virt(m->paddr), m->size);
}

static int run_named(char *const argv[])
{
	struct initrd_file f;

	if (initrd_find(argv[0], &f) < 0) {
		kprintf("exo-kernel: %s: no such program in the initrd\n", argv[0]);
		return EXIT_NOT_FOUND;
	}
	return process_run(f.name, f.data, f.size, argv, options.envp,
	                   options.trace ? EXO_DEBUG_TRACE : 0, options.bench);
}

/* Runs the programs (each with the processes it starts) one after the
 * other, and powers off with the last one's status. */
void kernel_continue(void)
{
	int status = 0;
	struct initrd_file f;

	if (options.have_program)
		power_off(run_named(options.argv));
	while (initrd_entry(next_program++, &f) == 0) {
		char *argv[2] = { (char *)f.name, NULL };
		status = run_named(argv);
	}
	power_off(status);
}

void kmain(u64 start_info_phys);
void kmain(u64 start_info_phys)
{
	const struct hvm_start_info *si = phys_to_virt(start_info_phys);

	console_init();
	cpu_init();
	if (si->magic != HVM_START_MAGIC)
		panic("not booted through PVH (start_info magic %x)", si->magic);
	memory_init(si);
	clock_init();
	initrd_from(si);
	cmdline_parse(si->cmdline_paddr ? phys_to_virt(si->cmdline_paddr) : NULL, &options);
	timer_init(options.clock_call);
	kernel_continue();
}
