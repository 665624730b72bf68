/* The process table and the scheduler: round robin over the runnable
 * processes, one CPU. The kernel runs with interrupts off, so a process
 * leaves the CPU only through schedule(): when it blocks (wait), when it
 * ends, or when the timer interrupts it in ring 3 (sched_tick). Each
 * process has its own kernel stack, where switch_to keeps what it needs
 * to go on. The boot stack is the "kernel context": it starts a program's
 * first process and gets the CPU back when the last process of that tree
 * has ended. */
#include <exo/task.h>
#include "kernel.h"

static struct process table[MAX_PROCESSES];
static unsigned char kstacks[MAX_PROCESSES][KSTACK_SIZE] __attribute__((aligned(16)));
static u32 next_pid;
static u64 kernel_ctx;          /* the boot stack's rsp while processes run */
static struct process *root;    /* the first process of the running program */
static int root_status;

struct process *proc_alloc(void)
{
	for (unsigned i = 0; i < MAX_PROCESSES; i++) {
		struct process *p = &table[i];
		if (p->state == PROC_FREE && p != current) {
			memset(p, 0, sizeof *p);
			p->pid = ++next_pid;
			p->kstack_top = (u64)(kstacks[i] + KSTACK_SIZE);
			p->state = PROC_WAITING;   /* not runnable until its creator says */
			return p;
		}
	}
	return NULL;
}

struct process *proc_next(struct process *after)
{
	for (struct process *p = after ? after + 1 : table; p < table + MAX_PROCESSES; p++)
		if (p->state != PROC_FREE)
			return p;
	return NULL;
}

/* A process ends: its memory and capabilities go now; what wait reports
 * stays until the parent reaps it. Its children become orphans, reaped
 * by no one (this kernel has no init to adopt them). */
void proc_end(struct process *p, u32 how, s32 status)
{
	caps_clear(p);
	vm_destroy(&p->as);
	p->exit_how = how;
	p->exit_status = status;
	for (struct process *c = proc_next(NULL); c; c = proc_next(c)) {
		if (c->parent != p)
			continue;
		c->parent = NULL;
		if (c->state == PROC_ZOMBIE)
			c->state = PROC_FREE;
	}
	if (p == root)
		root_status = how == EXO_CHILD_EXITED ? status : 128 + status;
	if (p->parent) {
		p->state = PROC_ZOMBIE;
		if (p->parent->state == PROC_WAITING)
			p->parent->state = PROC_RUNNABLE;
	} else {
		p->state = PROC_FREE;   /* its stack stays in use until schedule() leaves it */
	}
}

static struct process *pick(struct process *prev)
{
	unsigned start = prev ? (unsigned)(prev - table) + 1 : 0;

	for (unsigned i = 0; i < MAX_PROCESSES; i++) {
		struct process *p = &table[(start + i) % MAX_PROCESSES];
		if (p->state == PROC_RUNNABLE)
			return p;
	}
	return NULL;
}

void schedule(void)
{
	struct process *prev = current, *next = pick(prev);

	if (next == prev)
		return;
	if (prev)
		prev->fs_base = rdmsr(MSR_FS_BASE);
	if (!next) {
		/* Nothing can run: every process has ended (a waiting parent
		 * always has a child that can, or it would not wait). */
		current = NULL;
		cpu_set_kernel_stack((u64)kernel_stack_top);
		switch_to(prev ? &prev->ksp : &kernel_ctx, kernel_ctx);
		return;
	}
	current = next;
	cpu_set_kernel_stack(next->kstack_top);
	vm_activate(&next->as);
	wrmsr(MSR_FS_BASE, next->fs_base);
	wrmsr(MSR_KERNEL_GS_BASE, next->thread_block);   /* user GS after swapgs */
	if (prev)
		switch_to(&prev->ksp, next->ksp);
	else
		switch_to(&kernel_ctx, next->ksp);
}

void sched_tick(void)
{
	if (current && pick(current) != current)
		schedule();
}

int sched_run_tree(struct process *p)
{
	root = p;
	root_status = 0;
	p->state = PROC_RUNNABLE;
	current = NULL;
	schedule();
	/* Back on the boot stack: every process has ended. */
	root = NULL;
	return root_status;
}
