/* Exceptions and the timer interrupt. From ring 3 exceptions end the process with the signal Linux
 * would deliver (there is no signal delivery yet, so every signal is
 * fatal), except a fault on the stack's reserve, which maps a page. From
 * ring 0 they are kernel bugs: panic with the registers. */
#include "kernel.h"

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGSEGV 11

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check", "machine check",
	"SIMD error", "virtualization", "control protection",
};

static int signal_for(u64 vector)
{
	switch (vector) {
	case 0: case 16: case 19: return SIGFPE;
	case 1: case 3: return SIGTRAP;
	case 6: return SIGILL;
	case 17: return SIGBUS;
	default: return SIGSEGV;
	}
}

static u64 read_cr2(void)
{
	u64 v;
	__asm__ volatile ("mov %%cr2, %0" : "=r"(v));
	return v;
}

static void dump(const struct trap_frame *f)
{
	kprintf("  rip %lx cs %lx rflags %lx rsp %lx error %lx cr2 %lx\n",
	        f->rip, f->cs, f->rflags, f->rsp, f->error, read_cr2());
	kprintf("  rax %lx rbx %lx rcx %lx rdx %lx rsi %lx rdi %lx\n",
	        f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi);
}

void trap_handler(struct trap_frame *f)
{
	const char *name = f->vector < 32 && names[f->vector] ? names[f->vector] : "interrupt";

	if (f->vector == 32) {
		timer_interrupt();
		return;
	}
	if (f->vector >= 32)
		return;   /* masked PIC lines can still deliver a spurious IRQ 7/15 */
	if ((f->cs & 3) == 0) {
		dump(f);
		panic("%s (vector %lu) in the kernel at %lx", name, f->vector, f->rip);
	}
	if (f->vector == 14) {
		u64 addr = read_cr2();
		/* Not present, in the stack reserve: grow the stack. */
		if (!(f->error & 1) && current && vm_demand_fault(&current->as, addr) == 0)
			return;
		/* A write to a page shared copy-on-write with a fork relative. */
		if ((f->error & 3) == 3 && current && vm_cow_fault(&current->as, addr) == 0)
			return;
		process_kill(SIGSEGV, name, addr, f->rip);
	}
	process_kill(signal_for(f->vector), name, f->vector == 13 ? f->error : 0, f->rip);
}
