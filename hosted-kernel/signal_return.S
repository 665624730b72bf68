/* The up-call at the return of a native call made outside a translated
 * call (ABI 1.7 behaviour, no new number).
 *
 * The vDSO enters the kernel directly from user-mode code that is not a
 * Linux system call: __vdso_clock_gettime's slow clocks (a thread's CPU
 * time), time(), gettimeofday. There the entry's slow path, which
 * delivers what was queued during the call, is not on the way back, and
 * a host signal that came during the call (the handler saw a kernel PC,
 * so it only marked the thread pending) waited for the thread's next
 * system call: a thread reading its CPU clock in a loop got its own
 * timer's signals only after the loop (tests/diff/sig_timer_burn.c).
 * entry.S's full path asks signal_native_return (signal_host.c), which
 * fills the context on the up-call stack; here the registers C does not
 * see (the callee-saved ones, still the guest's) go in, the guest's
 * vector state and FS come back, and the thread continues at the vDSO's
 * signal entry exactly as an up-call from user code does. */
#include "kpriv.h"

#define CTX_RBX 8
#define CTX_RBP 48
#define CTX_R12 96
#define CTX_R13 104
#define CTX_R14 112
#define CTX_R15 120

	.text
	.globl signal_native_upcall
	.hidden signal_native_upcall
	.type signal_native_upcall, @function
/* rax = the context (struct exo_signal_context) on the up-call stack. */
signal_native_upcall:
	mov %rbx, CTX_RBX(%rax)
	mov %rbp, CTX_RBP(%rax)
	mov %r12, CTX_R12(%rax)
	mov %r13, CTX_R13(%rax)
	mov %r14, CTX_R14(%rax)
	mov %r15, CTX_R15(%rax)
	mov %rax, %rdi
	lea -8(%rax), %rsp
	mov $-1, %eax
	mov $-1, %edx
	mov %gs:KP_XSAVE, %r11
	xrstor64 (%r11)
	mov %gs:KP_GUEST_FS, %r11
	wrfsbase %r11
	jmp *signal_entry_address(%rip)
	.size signal_native_upcall, . - signal_native_upcall

	.section .note.GNU-stack, "", @progbits
