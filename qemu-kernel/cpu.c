/* The CPU's tables and modes: GDT with a TSS, IDT, the syscall MSRs, the
 * control-register features user code needs (SSE) and the ones that keep
 * the kernel honest (SMEP, SMAP: ring 0 never touches user pages). */
#include "kernel.h"

extern const u64 isr_table[256];
void syscall_entry(void);

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct idt_gate {
	u16 offset_lo, selector;
	u8 ist, type;
	u16 offset_mid;
	u32 offset_hi, reserved;
};

struct descriptor_pointer {
	u16 limit;
	u64 base;
} __attribute__((packed));

/* Order fixed by SYSRET: user data at STAR[63:48] + 8, user code at + 16. */
static u64 gdt[8] = {
	0,
	0x00af9a000000ffff,     /* 0x08 kernel code */
	0x00cf92000000ffff,     /* 0x10 kernel data */
	0x00cffa000000ffff,     /* 0x18 user code, 32-bit (unused; SYSRET's base) */
	0x00cff2000000ffff,     /* 0x20 user data */
	0x00affa000000ffff,     /* 0x28 user code */
	0, 0,                   /* 0x30 TSS */
};
static struct tss tss;
static struct idt_gate idt[256];
static char double_fault_stack[8192] __attribute__((aligned(16)));
struct percpu percpu;

static int has_rdrand;
static u64 hwcap;

int cpu_has_rdrand(void) { return has_rdrand; }
u64 cpu_hwcap(void) { return hwcap; }

static void load_gdt(void)
{
	u64 base = (u64)&tss, limit = sizeof tss - 1;
	struct descriptor_pointer p = { sizeof gdt - 1, (u64)gdt };

	tss.iomap_base = sizeof tss;
	tss.rsp[0] = (u64)kernel_stack_top;
	tss.ist[0] = (u64)(double_fault_stack + sizeof double_fault_stack);
	gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ul << 40) |
	         ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	gdt[7] = base >> 32;
	__asm__ volatile ("lgdt %0" :: "m"(p));
	__asm__ volatile (
		"pushq %0\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"mov %1, %%ds\n\t"
		"mov %1, %%es\n\t"
		"mov %1, %%ss\n\t"
		:: "i"(SEL_KERNEL_CODE), "r"(SEL_KERNEL_DATA) : "rax", "memory");
	__asm__ volatile ("mov %0, %%fs; mov %0, %%gs" :: "r"(0));
	__asm__ volatile ("ltr %w0" :: "r"(0x30));
}

static void load_idt(void)
{
	struct descriptor_pointer p = { sizeof idt - 1, (u64)idt };

	for (int v = 0; v < 256; v++) {
		u64 a = isr_table[v];
		idt[v] = (struct idt_gate){
			.offset_lo = (u16)a, .selector = SEL_KERNEL_CODE,
			/* int3 and into may be executed in ring 3 (DPL 3), so a
			 * program's breakpoint is SIGTRAP as on Linux, not a #GP. */
			.ist = v == 8 ? 1 : 0, .type = v == 3 || v == 4 ? 0xee : 0x8e,
			.offset_mid = (u16)(a >> 16), .offset_hi = (u32)(a >> 32),
		};
	}
	__asm__ volatile ("lidt %0" :: "m"(p));
}

/* The legacy PICs would raise IRQs on the exception vectors: move them to
 * 0x20-0x2f and mask everything; timer.c unmasks IRQ 0. */
static void pic_disable(void)
{
	outb(0x20, 0x11); outb(0xa0, 0x11);
	outb(0x21, 0x20); outb(0xa1, 0x28);
	outb(0x21, 0x04); outb(0xa1, 0x02);
	outb(0x21, 0x01); outb(0xa1, 0x01);
	outb(0x21, 0xff); outb(0xa1, 0xff);
}

static void setup_features(void)
{
	u32 r[4];
	u64 cr0, cr4;

	cpuid(1, 0, r);
	hwcap = r[3];                  /* AT_HWCAP on x86: CPUID.1:EDX, as Linux gives it */
	has_rdrand = (r[2] >> 30) & 1;
	__asm__ volatile ("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~(1ul << 2)) | (1ul << 1) | (1ul << 16);   /* no EM; MP; WP */
	__asm__ volatile ("mov %0, %%cr0" :: "r"(cr0));
	__asm__ volatile ("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ul << 9) | (1ul << 10);                         /* OSFXSR, OSXMMEXCPT */
	cpuid(7, 0, r);
	if (r[1] & (1u << 7))
		cr4 |= 1ul << 20;                                /* SMEP */
	if (r[1] & (1u << 20))
		cr4 |= 1ul << 21;                                /* SMAP */
	__asm__ volatile ("mov %0, %%cr4" :: "r"(cr4));
	cpuid(0x80000001, 0, r);
	if (r[3] & (1u << 27))
		wrmsr(MSR_TSC_AUX, 0);                           /* getcpu: cpu 0, node 0 */
}

/* Where the CPU switches stacks from ring 3: the running process's own
 * kernel stack, for syscall (percpu) and for interrupts (TSS.RSP0). */
void cpu_set_kernel_stack(u64 top)
{
	percpu.kstack_top = top;
	tss.rsp[0] = top;
}

void cpu_init(void)
{
	load_gdt();
	load_idt();
	pic_disable();
	setup_features();
	percpu.kstack_top = (u64)kernel_stack_top;
	wrmsr(MSR_GS_BASE, (u64)&percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | 1 | (1u << 11));      /* SCE, NXE */
	wrmsr(MSR_STAR, ((u64)0x18 << 48) | ((u64)SEL_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	/* TF, DF, IF, IOPL, NT, AC cleared on entry, as Linux does. */
	wrmsr(MSR_SFMASK, 0x47700);
}
