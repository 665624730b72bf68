/* Kernel threads: the thread block, ring, kernel stack and XSAVE area of
 * each guest thread. */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "kernel.h"

#define KSTACK_SIZE (256 * 1024)

/* Read by entry.S: 1 when the full path saves with XSAVEC (the compact
 * format: on a CPU with AVX and PKRU 840 bytes, not XSAVEOPT's 2696),
 * so that the thread block, both save areas and the top of the kernel
 * stack share one page (kthread_create). XRSTOR reads either format. */
int exo_entry_xsavec;

/* The size of the XSAVE image for the features XCR0 enables, which do
 * not change while the process runs: CPUID.(EAX=0Dh,ECX=1):EBX for the
 * compact format when the CPU has XSAVEC (it covers XCR0 | IA32_XSS, an
 * upper bound here), else CPUID.(EAX=0Dh,ECX=0):EBX. Asked once: under
 * a hypervisor CPUID traps to it, and kthread_inherit_vectors runs at
 * every thread creation (it was a fifth of the launcher's user time in
 * a loop of pthread_create + join, docs/legacy-processes.md "Threads"). */
static size_t xsave_size(void)
{
	static size_t size;
	unsigned a, b, c, d;

	if (!__atomic_load_n(&size, __ATOMIC_RELAXED)) {
		__cpuid_count(0xd, 1, a, b, c, d);
		if ((a & 2) && b && !getenv("EXO_RUN_XSAVEOPT")) {
			exo_entry_xsavec = 1;
		} else {
			__cpuid_count(0xd, 0, a, b, c, d);
		}
		__atomic_store_n(&size, b, __ATOMIC_RELAXED);
	}
	return __atomic_load_n(&size, __ATOMIC_RELAXED);
}

/* Read by entry.S: 1 when the ring entry may save only ymm0-15. That is
 * all the vector state the kernel's ring path can change on a CPU whose
 * XCR0 enables no more than x87, SSE, AVX (and PKRU, which nothing here
 * writes): its C code and glibc's string functions use xmm/ymm0-15 and
 * vzeroupper, never x87 or MXCSR. With AVX-512 or AMX, glibc's EVEX
 * variants use ymm16-31 and mask registers, so every entry keeps XSAVE. */
int exo_entry_light_vectors;

void entry_choose_vector_save(void)
{
	unsigned a, b, c, d, lo, hi;
	static int chosen;

	if (chosen)
		return;
	chosen = 1;
	__cpuid(1, a, b, c, d);
	if (!(c & bit_OSXSAVE) || !(c & bit_AVX))
		return;
	__asm__ volatile ("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	/* x87 (0), SSE (1), AVX (2), MPX (3, 4), PKRU (9) */
	if ((lo & 7) == 7 && !(lo & ~0x21fu) && !hi && !getenv("EXO_RUN_FULL_XSAVE"))
		exo_entry_light_vectors = 1;
}

/* A new thread's vector and x87 state is its creator's, as Linux's clone
 * copies the FPU state: the creator's came into its XSAVE area when it
 * entered the kernel to create the thread (entry.S's full path), and the
 * new thread's first exo_resume_guest loads it. A zeroed area would start
 * the thread with MXCSR 0: every SSE exception unmasked, so the first
 * inexact floating-point result in the thread would raise SIGFPE. */
void kthread_inherit_vectors(struct kthread *t, struct kthread *creator)
{
	exo_u64 *to = &t->block->kernel_private[(KP_XSAVE - EXO_TB_KERNEL_PRIVATE) / 8];
	exo_u64 *from = &creator->block->kernel_private[(KP_XSAVE - EXO_TB_KERNEL_PRIVATE) / 8];

	memcpy((void *)*to, (const void *)*from, xsave_size());
}

struct kthread *kthread_create(void)
{
	struct kthread *t = calloc(1, sizeof *t);
	size_t ring_pages = (EXO_RING_SIZE + 4095) / 4096;
	size_t xsave_fit = (xsave_size() + 63) & ~(size_t)63;
	size_t xsave_bytes = (xsave_size() + 4095) & ~(size_t)4095;
	/* One allocation: the kernel stack, the thread block's page, the
	 * ring. The page holds, from its end down, the XSAVE area, the 512
	 * bytes entry.S's light path uses (never the XSAVE area itself:
	 * XSAVEOPT may skip writing a component it believes is already
	 * there), the thread block, and the kernel stack's top, which grows
	 * down into the pages below. entry.S writes the block, a save area
	 * and the stack on every native call, and after fork each page so
	 * written is a fault and a copy in each process: one page instead of
	 * two where the calls that follow a fork (wait, exit) stay within
	 * it (docs/legacy-processes.md). */
	char *all = kernel_alloc_pages(KSTACK_SIZE + (1 + ring_pages) * 4096);
	char *mem = all ? all + KSTACK_SIZE : NULL;
	char *xsave, *vsave, *block;

	if (mem && EXO_THREAD_BLOCK_SIZE + 512 + xsave_fit <= 4096) {
		xsave = mem + 4096 - xsave_fit;
		vsave = xsave - 512;
		block = vsave - EXO_THREAD_BLOCK_SIZE;
	} else {
		xsave = kernel_alloc_pages(xsave_bytes + 4096);
		vsave = xsave ? xsave + xsave_bytes : NULL;
		block = mem;
	}
	if (!t || !mem || !xsave)
		return NULL;
	t->block = (struct exo_thread_block *)block;
	t->ring = (struct exo_ring_header *)(mem + 4096);
	ring_init(t->ring);

	struct exo_thread_block *tb = t->block;
	tb->self = (exo_u64)tb;
	tb->pid = (exo_u32)getpid();
	tb->ppid = (exo_u32)getppid();
	tb->tid = (exo_u32)syscall(SYS_gettid);
	tb->ring = (exo_u64)t->ring;
	tb->kernel_private[(KP_KSTACK - EXO_TB_KERNEL_PRIVATE) / 8] = (exo_u64)block;
	tb->kernel_private[(KP_XSAVE - EXO_TB_KERNEL_PRIVATE) / 8] = (exo_u64)xsave;
	tb->kernel_private[(KP_VSAVE - EXO_TB_KERNEL_PRIVATE) / 8] = (exo_u64)vsave;
	entry_choose_vector_save();
	tb->kernel_private[(KP_KTHREAD - EXO_TB_KERNEL_PRIVATE) / 8] = (exo_u64)t;
	if (signal_thread_init(t) < 0)
		return NULL;
	return t;
}

struct kthread *kthread_current(void)
{
	struct kthread *t;

	__asm__ ("mov %%gs:%c1, %0" : "=r"(t) : "i"(KP_KTHREAD));
	return t;
}
