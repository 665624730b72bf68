/* The hosted kernel's slots in exo_thread_block.kernel_private: what the
 * entry trampoline needs before it has a stack or TLS. Usable from C and
 * assembly. */
#ifndef HOSTED_KPRIV_H
#define HOSTED_KPRIV_H

#include <exo/thread.h>

#define KP_KERNEL_FS (EXO_TB_KERNEL_PRIVATE + 0)   /* the launcher thread's FS base (glibc TLS) */
#define KP_KSTACK    (EXO_TB_KERNEL_PRIVATE + 8)   /* top of this thread's kernel stack */
#define KP_GUEST_FS  (EXO_TB_KERNEL_PRIVATE + 16)  /* the guest's FS base while in the kernel */
#define KP_XSAVE     (EXO_TB_KERNEL_PRIVATE + 24)  /* 64-byte aligned XSAVE area */
#define KP_KTHREAD   (EXO_TB_KERNEL_PRIVATE + 32)  /* struct kthread * */
#define KP_COPY_FIXUP (EXO_TB_KERNEL_PRIVATE + 40) /* sigjmp_buf * while copying guest memory */
#define KP_SIGNALS   (EXO_TB_KERNEL_PRIVATE + 48)  /* struct ksignals *: signal*.c */
#define KP_VSAVE     (EXO_TB_KERNEL_PRIVATE + 56)  /* 32-byte aligned, 512 bytes: ymm0-15 on
                                                     * the ring entry's light path (entry.S) */
#define KP_FORK_SLOT (EXO_TB_KERNEL_PRIVATE + 64)  /* image slot index + 1 reserved at this
                                                     * thread's last fork (images.c) */

#ifndef __ASSEMBLER__
/* The FS base: the guest's (musl's TLS) or the kernel's (glibc's). */
static inline exo_u64 rdfs(void)
{
	exo_u64 v;
	__asm__ volatile ("rdfsbase %0" : "=r"(v));
	return v;
}

static inline void wrfs(exo_u64 v)
{
	__asm__ volatile ("wrfsbase %0" :: "r"(v) : "memory");
}
#endif

#endif
