/* Starting and ending a process, the way an Exo-OS ELF loader does it,
 * through kernel-glue (docs/qemu-kernel.md walks through these calls):
 * check the image, map its segments, map the vDSO area at a random place,
 * write the process page and the starting descriptors, build the stack;
 * then the thread block, its ring, and ring 3. */
#include <exo/native.h>
#include <exo/process.h>
#include <exo/thread.h>
#include <exo/vdso.h>
#include <exo/task.h>
#include <exo/objects.h>
#include "exo_glue.h"
#include "kernel.h"

#define STACK_BUILD_SIZE (64ul << 10)
#define RESIDENT_STACK (64ul << 10)   /* mapped at once; the rest on demand */
#define SIGNAL_STATUS(sig) (128 + (sig))

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
		{ 0, EXO_RIGHT_READ | EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE, CONSOLE_IN, EXO_FD_READ },
		{ 1, EXO_RIGHT_WRITE | EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE, CONSOLE_OUT, EXO_FD_WRITE },
		{ 2, EXO_RIGHT_WRITE | EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE, CONSOLE_ERR, EXO_FD_WRITE },
	};
	unsigned n = 0;

	for (int i = 0; i < 3; i++) {
		long cap = cap_install_console(std[i].rights, std[i].backend, std[i].flags);
		if (cap > 0)
			fds[n++] = (struct exo_start_fd){ std[i].fd, (exo_cap_t)cap, EXO_OBJ_CHARDEV, std[i].flags };
	}
	return n;
}

/* The thread block and the Fusion Ring: user pages (user code reads both),
 * the block first so GS points at a page boundary. */
static int thread_setup(struct process *p, struct aspace *as, const struct exo_glue_ops *ops)
{
	u64 ring_pages = PAGE_UP(EXO_RING_SIZE);
	u64 at = vm_find_free(as, PAGE_SIZE + ring_pages, MMAP_TOP);
	struct exo_thread_block tb = {0};
	struct exo_ring_header h = {0};
	int err;

	if (!at)
		return EXO_ERR_NO_MEMORY;
	if ((err = vm_map_anon(as, at, PAGE_SIZE + ring_pages, EXO_PROT_READ | EXO_PROT_WRITE)))
		return err;
	p->thread_block = at;
	p->ring = at + PAGE_SIZE;
	p->sq_head = p->cq_tail = 0;
	tb.self = at;
	tb.tid = tb.pid = p->pid;
	tb.ppid = p->parent ? p->parent->pid : 0;
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

/* What a program starts with, besides its image: arguments, environment,
 * descriptors (capabilities already in the process's table), and the
 * root and current directories. */
struct start {
	char *const *argv, *const *envp;
	const struct exo_start_fd *fds;
	unsigned nfds;
	exo_cap_t root_cap, cwd_cap;
};

/* Builds a whole address space for the image into `as` (fresh from
 * vm_create), the way the real Exo-OS loader does, through kernel-glue;
 * the process's own state (pid, thread block, ring) is set only if all
 * of it worked. The caller's running address space is not touched, so a
 * failing exec leaves the caller intact. */
static int load_image(struct process *p, struct aspace *as, const struct exo_elf_image *img,
                      const void *file, const struct start *st, u64 *entry, u64 *sp)
{
	struct exo_glue_ops ops = { as, op_map_anon, op_map_kdata, op_protect, op_copy_out,
	                            NULL /* map_image: initrd files are copied */,
	                            NULL /* map_vdso_image: the image is copied */ };
	struct exo_vdso_mapping vm;
	u64 bias = 0;
	int err;

	as->stack_lo = STACK_TOP - STACK_SIZE;
	as->stack_hi = STACK_TOP;
	if (img->is_pie)
		bias = random_page(PIE_LO, PIE_LO + (1ul << 40), img->hi - img->lo) - img->lo;
	if ((err = exo_elf_load(img, file, bias, &ops)) < 0)
		return err;

	u64 area = exo_vdso_area_size(&exo_vdso_blob);
	if ((err = exo_vdso_map(&exo_vdso_blob, random_page(VDSO_LO, VDSO_HI, area), &ops, &vm)) < 0)
		return err;

	struct exo_process_params pp = {
		.native_entry = 0,   /* keep the vDSO's own `syscall` stub */
		.debug_flags = p->debug_flags,
		.brk_start = PAGE_UP(bias + img->hi),
		.brk_limit = PAGE_UP(bias + img->hi) + BRK_LIMIT,
		.root_cap = st->root_cap,
		.cwd_cap = st->cwd_cap,
		.nfds = st->nfds,
		.fds = st->fds,
	};
	if ((err = exo_process_setup(&vm, &pp, &ops)) < 0)
		return err;
	u32 sq_head = p->sq_head, cq_tail = p->cq_tail;
	u64 tb = p->thread_block, ring = p->ring;
	if ((err = thread_setup(p, as, &ops)) < 0) {
		p->sq_head = sq_head, p->cq_tail = cq_tail, p->thread_block = tb, p->ring = ring;
		return err;
	}

	unsigned char random16[16];
	u64 r0 = random_u64(), r1 = random_u64();
	memcpy(random16, &r0, 8);
	memcpy(random16 + 8, &r1, 8);
	struct exo_auxv_params aux = {
		.phdr = img->phdr_vaddr ? bias + img->phdr_vaddr : 0,
		.phent = img->phentsize, .phnum = img->phnum,
		.entry = bias + img->entry,
		.sysinfo_ehdr = vm.image,
		.hwcap = cpu_hwcap(),
		.clock_ticks = 100,
		.random16 = random16,
		.execfn = st->argv[0],
		.platform = "x86_64",
	};
	if ((err = exo_stack_build(stack_build, sizeof stack_build, STACK_TOP, st->argv, st->envp, &aux, sp)) < 0 ||
	    (err = vm_map_anon(as, STACK_TOP - RESIDENT_STACK, RESIDENT_STACK, EXO_PROT_READ | EXO_PROT_WRITE)) < 0 ||
	    (err = copy_to_user(as, *sp, stack_build + sizeof stack_build - (STACK_TOP - *sp), STACK_TOP - *sp)) < 0) {
		p->sq_head = sq_head, p->cq_tail = cq_tail, p->thread_block = tb, p->ring = ring;
		return err;
	}
	*entry = bias + img->entry;
	p->load_bias = bias;
	p->vdso_image = vm.image;
	p->process_area = vm.process;
	kprintf("exo-kernel: %s: entry %lx, bias %lx, vDSO at %lx, thread block at %lx, stack %lx\n",
	        p->name, *entry, bias, vm.image, p->thread_block, *sp);
	return 0;
}

/* Into ring 3 for the first time (a new program, or after exec). */
static noreturn void start_user(struct process *p, u64 entry, u64 sp)
{
	p->start_ns = clock_monotonic_ns();
	vm_activate(&p->as);
	wrmsr(MSR_FS_BASE, 0);
	p->fs_base = 0;
	wrmsr(MSR_KERNEL_GS_BASE, p->thread_block);   /* user GS after swapgs */
	enter_user(entry, sp);
}

/* Where a new program's kernel stack first returns to (switch_to). */
static u64 first_entry, first_sp;
static noreturn void first_return(void)
{
	start_user(current, first_entry, first_sp);
}

int process_run(const char *name, const void *file, u64 size,
                char *const argv[], char *const envp[], unsigned debug_flags, int bench)
{
	struct exo_elf_image img;
	struct process *p;
	int err;

	err = exo_elf_check(file, size, &img);
	if (err != EXO_ELF_OK) {
		kprintf("exo-kernel: %s: cannot run this program: %s\n", name, exo_elf_strerror(err));
		return EXIT_CANNOT_RUN;
	}
	if (!(p = proc_alloc()))
		return refuse(name, "no free process slot", EXIT_CANNOT_RUN);
	p->name = name;
	p->debug_flags = debug_flags;
	p->bench = bench;
	p->umask = 022;
	bench_reset();
	if (vm_create(&p->as) < 0) {
		p->state = PROC_FREE;
		return refuse(name, "no memory for its page tables", EXIT_CANNOT_RUN);
	}
	current = p;   /* the capability table the start descriptors go into */

	struct exo_start_fd fds[3];
	long root = root_install(), cwd = root_install();
	struct start st = { argv, envp, fds, start_fds(fds),
	                    root > 0 ? (exo_cap_t)root : 0, cwd > 0 ? (exo_cap_t)cwd : 0 };
	if ((err = load_image(p, &p->as, &img, file, &st, &first_entry, &first_sp)) < 0) {
		caps_clear(p);
		vm_destroy(&p->as);
		p->state = PROC_FREE;
		current = NULL;
		if (err == EXO_ERR_TOO_BIG)
			return refuse(name, "its arguments and environment do not fit on the stack", EXIT_CANNOT_RUN);
		kprintf("exo-kernel: %s: could not be loaded (status %d)\n", name, err);
		return EXIT_CANNOT_RUN;
	}
	current = NULL;
	/* Its kernel stack starts in first_return, below what switch_to pops. */
	u64 *ks = (u64 *)(p->kstack_top - 8) - 7;
	memset(ks, 0, 7 * 8);
	ks[6] = (u64)first_return;
	p->ksp = (u64)ks;
	return sched_run_tree(p);
}

/* ---- fork, wait, exec ----------------------------------------------------- */

long process_fork(u64 start, const struct trap_frame *f)
{
	struct process *parent = current, *c;
	struct exo_thread_start ts;
	struct trap_frame frame = *f;
	int err;

	if (start && copy_from_user(&parent->as, &ts, start, sizeof ts) < 0)
		return EXO_ERR_FAULT;
	if (!(c = proc_alloc()))
		return EXO_ERR_AGAIN;
	if (vm_create(&c->as) < 0) {
		c->state = PROC_FREE;
		return EXO_ERR_NO_MEMORY;
	}
	if ((err = vm_fork(&c->as, &parent->as)) < 0) {
		vm_destroy(&c->as);
		vm_activate(&parent->as);
		c->state = PROC_FREE;
		return err;
	}
	c->name = parent->name;
	c->parent = parent;
	c->thread_block = parent->thread_block;
	c->ring = parent->ring;
	c->sq_head = parent->sq_head;
	c->cq_tail = parent->cq_tail;
	c->debug_flags = parent->debug_flags;
	c->load_bias = parent->load_bias;
	c->vdso_image = parent->vdso_image;
	c->process_area = parent->process_area;
	c->umask = parent->umask;
	c->start_ns = clock_monotonic_ns();
	c->fs_base = rdmsr(MSR_FS_BASE);
	caps_copy(c, parent);

	/* The ids in its thread block are right before it runs (thread.h). */
	u32 ids[3] = { c->pid, c->pid, parent->pid };
	if (copy_to_user(&c->as, c->thread_block + EXO_TB_TID, ids, sizeof ids) < 0)
		panic("fork: the thread block of pid %u is not writable", c->pid);

	frame.rax = 0;
	if (start) {
		/* A clone child on a new stack (posix_spawn): those registers. */
		const struct exo_user_regs *r = &ts.regs;
		frame.rbx = r->rbx, frame.rbp = r->rbp, frame.r12 = r->r12, frame.r13 = r->r13;
		frame.r14 = r->r14, frame.r15 = r->r15, frame.rdi = r->rdi, frame.rsi = r->rsi;
		frame.rdx = r->rdx, frame.r8 = r->r8, frame.r9 = r->r9, frame.r10 = r->r10;
		frame.rip = r->rip, frame.rsp = r->rsp;
		if (ts.flags & EXO_THREAD_SET_TP)
			c->fs_base = ts.tp;
	}
	/* Its kernel stack: the user registers, and below them what switch_to
	 * pops before it returns into user_return. */
	struct trap_frame *cf = (struct trap_frame *)c->kstack_top - 1;
	*cf = frame;
	u64 *ks = (u64 *)cf - 7;
	memset(ks, 0, 6 * 8);
	ks[6] = (u64)user_return;
	c->ksp = (u64)ks;
	c->state = PROC_RUNNABLE;
	if (parent->debug_flags)
		kprintf("exo-kernel: %s: fork: pid %u\n", parent->name, c->pid);
	return c->pid;
}

static int wait_matches(const struct process *c, unsigned id_type, u64 id)
{
	switch (id_type) {
	case EXO_WAIT_ANY: return 1;
	case EXO_WAIT_PID: return c->pid == id;
	case EXO_WAIT_GROUP: return 1;   /* no process groups here: one group */
	}
	return 0;
}

long process_wait(unsigned id_type, u64 id, unsigned options, u64 status_addr)
{
	struct process *me = current;

	if (id_type > EXO_WAIT_GROUP)
		return EXO_ERR_INVALID;
	for (;;) {
		int children = 0;
		for (struct process *c = proc_next(NULL); c; c = proc_next(c)) {
			if (c->parent != me || !wait_matches(c, id_type, id))
				continue;
			children++;
			if (c->state != PROC_ZOMBIE || !(options & EXO_WAIT_EXITED))
				continue;
			struct exo_child_status cs = { .pid = c->pid, .how = c->exit_how, .status = c->exit_status };
			if (copy_to_user(&me->as, status_addr, &cs, sizeof cs) < 0)
				return EXO_ERR_FAULT;
			u32 pid = c->pid;
			if (!(options & EXO_WAIT_NOREAP))
				c->state = PROC_FREE;
			return pid;
		}
		if (!children)
			return EXO_ERR_NO_CHILD;
		if (options & EXO_WAIT_NOHANG)
			return 0;
		me->state = PROC_WAITING;   /* proc_end of a child wakes it */
		schedule();
	}
}

#define EXEC_STRINGS (64ul << 10)
static char exec_strings[EXEC_STRINGS];
static char *exec_argv[MAX_ARGS + 1], *exec_envp[MAX_ARGS + 1];
static struct exo_start_fd exec_fds[EXO_FD_TABLE_SIZE];
static char exec_name[64];

/* A NULL-terminated array of user strings, copied into exec_strings. */
static long copy_strings(u64 array, char **out, u64 *used)
{
	unsigned n = 0;

	for (;; n++) {
		u64 str;
		if (copy_from_user(&current->as, &str, array + n * 8, 8) < 0)
			return EXO_ERR_FAULT;
		if (!str)
			break;
		if (n == MAX_ARGS)
			return EXO_ERR_TOO_BIG;
		out[n] = exec_strings + *used;
		for (;;) {
			if (*used == EXEC_STRINGS)
				return EXO_ERR_TOO_BIG;
			if (copy_from_user(&current->as, exec_strings + *used, str++, 1) < 0)
				return EXO_ERR_FAULT;
			if (!exec_strings[(*used)++])
				break;
		}
	}
	out[n] = NULL;
	return 0;
}

/* The descriptors that survive exec (those without CLOEXEC), from the
 * caller's process area; the others' capabilities are released once the
 * new image is in place (release = 1). */
static long surviving_fds(unsigned *n, int release)
{
	struct exo_fd_entry e[64];

	*n = 0;
	for (unsigned fd = 0; fd < EXO_FD_TABLE_SIZE; fd += 64) {
		if (copy_from_user(&current->as, e, current->process_area + EXO_PROCESS_FDS_OFFSET + fd * sizeof e[0],
		                   sizeof e) < 0)
			return EXO_ERR_FAULT;
		for (unsigned i = 0; i < 64; i++) {
			if (e[i].cap == EXO_CAP_INVALID)
				continue;
			if (e[i].fd_flags & EXO_FD_CLOEXEC) {
				if (release)
					cap_release(e[i].cap);
				continue;
			}
			exec_fds[(*n)++] = (struct exo_start_fd){ (int)(fd + i), e[i].cap, e[i].object, e[i].status_flags };
		}
	}
	return 0;
}

long process_exec(u64 args_addr)
{
	struct process *p = current;
	struct exo_exec_args a;
	struct exo_process_page page;
	struct exo_elf_image img;
	struct aspace as, old;
	const struct initrd_node *n;
	u64 used = 0, entry, sp;
	unsigned nfds;
	int node, err;
	long status;

	if (copy_from_user(&p->as, &a, args_addr, sizeof a) < 0 ||
	    copy_from_user(&p->as, &page, p->process_area, sizeof page) < 0)
		return EXO_ERR_FAULT;
	/* ABI 1.3: NOFOLLOW needs nothing here (the initrd holds no symbolic
	 * links), and neither does PREFIX_CLOSES (name_prefix only changes the
	 * name a script's interpreter is given, and this kernel runs no
	 * scripts). An absolute name starts at the caller's `root`. */
	if ((a.flags & ~(EXO_EXEC_EMPTY_PATH | EXO_EXEC_NOFOLLOW | EXO_EXEC_PREFIX_CLOSES)) ||
	    a.reserved)
		return EXO_ERR_INVALID;
	if (a.flags & EXO_EXEC_EMPTY_PATH) {
		struct kcap *c = cap_get(a.dir, 0, &status);
		if (!c)
			return status;
		if (c->obj->object != EXO_OBJ_FILE)
			return EXO_ERR_ACCESS;
		node = c->obj->node;
	} else if ((err = fs_lookup(a.dir, a.root, a.path, 0, &node)) < 0) {
		return err;
	}
	n = initrd_node(node);
	if (n->is_dir || !(n->perms & 0111))
		return EXO_ERR_ACCESS;   /* EACCES, as Linux's execve of a directory */
	err = exo_elf_check(n->data, n->size, &img);
	if (err != EXO_ELF_OK) {
		kprintf("exo-kernel: %s: exec refused: %s\n", p->name, exo_elf_strerror(err));
		return EXO_ERR_WRONG_TYPE;   /* ENOEXEC */
	}
	if ((status = copy_strings(a.argv, exec_argv, &used)) < 0 ||
	    (status = copy_strings(a.envp, exec_envp, &used)) < 0)
		return status;
	if (!exec_argv[0])
		exec_argv[0] = (char *)"", exec_argv[1] = NULL;   /* as Linux 5.18+ */
	if ((status = surviving_fds(&nfds, 0)) < 0)
		return status;

	/* The new image, built beside the old one. */
	if (vm_create(&as) < 0)
		return EXO_ERR_NO_MEMORY;
	struct start st = { exec_argv, exec_envp, exec_fds, nfds, page.root_cap, page.cwd_cap };
	u32 len = n->leaf_len < sizeof exec_name - 1 ? n->leaf_len : sizeof exec_name - 1;
	const char *old_name = p->name;
	memcpy(exec_name, n->leaf, len);
	exec_name[len] = 0;
	p->name = exec_name;
	if ((err = load_image(p, &as, &img, n->data, &st, &entry, &sp)) < 0) {
		p->name = old_name;
		vm_destroy(&as);
		vm_activate(&p->as);
		return err == EXO_ERR_TOO_BIG ? EXO_ERR_TOO_BIG : EXO_ERR_NO_MEMORY;
	}
	/* The point of no return: the old image goes. */
	surviving_fds(&nfds, 1);
	kprintf("exo-kernel: %s: exec %s\n", old_name, exec_name);
	old = p->as;
	p->as = as;
	vm_destroy(&old);
	start_user(p, entry, sp);
}

void process_exit(int status)
{
	kprintf("exo-kernel: %s: exit status %d\n", current->name, status);
	if (current->bench)
		bench_report();   /* uses the process's ring: before it is freed */
	proc_end(current, EXO_CHILD_EXITED, status);
	schedule();
	panic("an ended process was scheduled");
}

void process_kill(int sig, const char *why, u64 addr, u64 rip)
{
	static const char *const names[] = {
		[4] = "SIGILL", [5] = "SIGTRAP", [7] = "SIGBUS", [8] = "SIGFPE", [11] = "SIGSEGV",
	};
	kprintf("exo-kernel: %s: %s at %lx (rip %lx): killed by %s, status %d\n",
	        current->name, why, addr, rip, names[sig], SIGNAL_STATUS(sig));
	proc_end(current, EXO_CHILD_KILLED, sig);
	schedule();
	panic("an ended process was scheduled");
}
