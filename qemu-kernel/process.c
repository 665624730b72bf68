/* Starting and ending a process, the way an Exo-OS ELF loader does it,
 * through kernel-glue (docs/qemu-kernel.md walks through these calls):
 * check the image, map its segments, map the vDSO area at a random place,
 * write the process page and the starting descriptors, build the stack;
 * then the thread block, its ring, and ring 3. */
#include <exo/native.h>
#include <exo/process.h>
#include <exo/thread.h>
#include <exo/vdso.h>
#include "exo_glue.h"
#include "kernel.h"

#define STACK_BUILD_SIZE (64ul << 10)
#define RESIDENT_STACK (64ul << 10)   /* mapped at once; the rest on demand */
#define SIGNAL_STATUS(sig) (128 + (sig))

static struct process the_process;
struct process *current;
static unsigned char stack_build[STACK_BUILD_SIZE];

/* ---- kernel-glue's memory operations, on the new address space ---------- */

static int op_map_anon(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	return vm_map_anon(ctx, addr, len, prot);
}

static int op_map_kdata(void *ctx, exo_u64 addr)
{
	return vm_map_phys(ctx, addr, kdata_phys(), EXO_PROT_READ, VM_SHARED);
}

static int op_protect(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	return vm_protect(ctx, addr, len, prot);
}

static int op_copy_out(void *ctx, exo_u64 addr, const void *src, exo_u64 len)
{
	return copy_to_user(ctx, addr, src, len);
}

/* ---- pieces of the start ------------------------------------------------ */

static u64 random_page(u64 lo, u64 hi, u64 size)
{
	u64 pages = (hi - lo - size) / PAGE_SIZE;
	return lo + (random_u64() % pages) * PAGE_SIZE;
}

/* stdin reads as empty, stdout and stderr are the first two serial lines:
 * three capabilities on console objects, with the rights each needs. */
static unsigned start_fds(struct exo_start_fd fds[3])
{
	static const struct { int fd; unsigned rights; enum console_object backend; unsigned flags; } std[3] = {
		{ 0, EXO_RIGHT_READ | EXO_RIGHT_STAT, CONSOLE_IN, EXO_FD_READ },
		{ 1, EXO_RIGHT_WRITE | EXO_RIGHT_STAT, CONSOLE_OUT, EXO_FD_WRITE },
		{ 2, EXO_RIGHT_WRITE | EXO_RIGHT_STAT, CONSOLE_ERR, EXO_FD_WRITE },
	};
	unsigned n = 0;

	caps_reset();
	for (int i = 0; i < 3; i++) {
		long cap = cap_install(EXO_OBJ_CHARDEV, std[i].rights, std[i].backend);
		if (cap > 0)
			fds[n++] = (struct exo_start_fd){ std[i].fd, (exo_cap_t)cap, EXO_OBJ_CHARDEV, std[i].flags };
	}
	return n;
}

/* The thread block and the Fusion Ring: user pages (user code reads both),
 * the block first so GS points at a page boundary. */
static int thread_setup(struct process *p, const struct exo_glue_ops *ops)
{
	u64 ring_pages = PAGE_UP(EXO_RING_SIZE);
	u64 at = vm_find_free(&p->as, PAGE_SIZE + ring_pages, MMAP_TOP);
	struct exo_thread_block tb = {0};
	struct exo_ring_header h = {0};
	int err;

	if (!at)
		return EXO_ERR_NO_MEMORY;
	if ((err = vm_map_anon(&p->as, at, PAGE_SIZE + ring_pages, EXO_PROT_READ | EXO_PROT_WRITE)))
		return err;
	p->thread_block = at;
	p->ring = at + PAGE_SIZE;
	p->sq_head = p->cq_tail = 0;
	tb.self = at;
	tb.tid = tb.pid = 1;
	tb.ppid = 0;
	tb.ring = p->ring;
	h.sq_entries = h.cq_entries = EXO_RING_ENTRIES;
	h.sq_mask = h.cq_mask = EXO_RING_ENTRIES - 1;
	h.sqe_offset = EXO_RING_SQE_OFFSET;
	h.cqe_offset = EXO_RING_CQE_OFFSET;
	if ((err = ops->copy_out(ops->ctx, p->thread_block, &tb, sizeof tb)))
		return err;
	return ops->copy_out(ops->ctx, p->ring, &h, sizeof h);
}

static int refuse(const char *name, const char *why, int status)
{
	kprintf("exo-kernel: %s: %s\n", name, why);
	return status;
}

int process_run(const char *name, const void *file, u64 size,
                char *const argv[], char *const envp[], unsigned debug_flags, int bench)
{
	struct process *p = &the_process;
	struct exo_glue_ops ops = { &p->as, op_map_anon, op_map_kdata, op_protect, op_copy_out };
	struct exo_elf_image img;
	struct exo_vdso_mapping vm;
	u64 bias = 0, sp;
	int err;

	err = exo_elf_check(file, size, &img);
	if (err != EXO_ELF_OK) {
		kprintf("exo-kernel: %s: cannot run this program: %s\n", name, exo_elf_strerror(err));
		return EXIT_CANNOT_RUN;
	}
	p->name = name;
	p->debug_flags = debug_flags;
	p->bench = bench;
	bench_reset();
	if (vm_create(&p->as) < 0)
		return refuse(name, "no memory for its page tables", EXIT_CANNOT_RUN);
	p->as.stack_lo = STACK_TOP - STACK_SIZE;
	p->as.stack_hi = STACK_TOP;
	current = p;

	if (img.is_pie)
		bias = random_page(PIE_LO, PIE_LO + (1ul << 40), img.hi - img.lo) - img.lo;
	if ((err = exo_elf_load(&img, file, bias, &ops)) < 0)
		goto fail;

	u64 area = exo_vdso_area_size(&exo_vdso_blob);
	if ((err = exo_vdso_map(&exo_vdso_blob, random_page(VDSO_LO, VDSO_HI, area), &ops, &vm)) < 0)
		goto fail;

	struct exo_start_fd fds[3];
	struct exo_process_params pp = {
		.native_entry = 0,   /* keep the vDSO's own `syscall` stub */
		.debug_flags = debug_flags,
		.brk_start = PAGE_UP(bias + img.hi),
		.brk_limit = PAGE_UP(bias + img.hi) + BRK_LIMIT,
		.nfds = start_fds(fds),
		.fds = fds,
	};
	if ((err = exo_process_setup(&vm, &pp, &ops)) < 0)
		goto fail;
	if ((err = thread_setup(p, &ops)) < 0)
		goto fail;

	unsigned char random16[16];
	u64 r0 = random_u64(), r1 = random_u64();
	memcpy(random16, &r0, 8);
	memcpy(random16 + 8, &r1, 8);
	struct exo_auxv_params aux = {
		.phdr = img.phdr_vaddr ? bias + img.phdr_vaddr : 0,
		.phent = img.phentsize, .phnum = img.phnum,
		.entry = bias + img.entry,
		.sysinfo_ehdr = vm.image,
		.hwcap = cpu_hwcap(),
		.clock_ticks = 100,
		.random16 = random16,
		.execfn = argv[0],
		.platform = "x86_64",
	};
	if ((err = exo_stack_build(stack_build, sizeof stack_build, STACK_TOP, argv, envp, &aux, &sp)) < 0) {
		vm_destroy(&p->as);
		return refuse(name, "its arguments and environment do not fit on the stack", EXIT_CANNOT_RUN);
	}
	if ((err = vm_map_anon(&p->as, STACK_TOP - RESIDENT_STACK, RESIDENT_STACK,
	                       EXO_PROT_READ | EXO_PROT_WRITE)) < 0 ||
	    (err = copy_to_user(&p->as, sp, stack_build + sizeof stack_build - (STACK_TOP - sp),
	                        STACK_TOP - sp)) < 0)
		goto fail;

	kprintf("exo-kernel: %s: entry %lx, bias %lx, vDSO at %lx, thread block at %lx, stack %lx\n",
	        name, bias + img.entry, bias, vm.image, p->thread_block, sp);
	p->load_bias = bias;
	p->vdso_image = vm.image;
	p->start_ns = clock_monotonic_ns();
	vm_activate(&p->as);
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, p->thread_block);   /* user GS after swapgs */
	enter_user(bias + img.entry, sp);

fail:
	vm_destroy(&p->as);
	current = NULL;
	kprintf("exo-kernel: %s: could not be loaded (status %d)\n", name, err);
	return EXIT_CANNOT_RUN;
}

static int exit_status;

static void after_exit(void)
{
	vm_destroy(&current->as);
	current = NULL;
	kernel_continue();
}

int process_last_status(void)
{
	return exit_status;
}

void process_exit(int status)
{
	kprintf("exo-kernel: %s: exit status %d\n", current->name, status);
	if (current->bench)
		bench_report();   /* uses the process's ring: before it is freed */
	exit_status = status;
	switch_stack_and_call((u64)kernel_stack_top, after_exit);
}

void process_kill(int sig, const char *why, u64 addr, u64 rip)
{
	static const char *const names[] = {
		[4] = "SIGILL", [5] = "SIGTRAP", [7] = "SIGBUS", [8] = "SIGFPE", [11] = "SIGSEGV",
	};
	kprintf("exo-kernel: %s: %s at %lx (rip %lx): killed by %s, status %d\n",
	        current->name, why, addr, rip, names[sig], SIGNAL_STATUS(sig));
	exit_status = SIGNAL_STATUS(sig);
	switch_stack_and_call((u64)kernel_stack_top, after_exit);
}
