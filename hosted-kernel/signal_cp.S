/* host_call_cp(nr, a1..a6): a blocking host system call that a guest
 * signal interrupts even if it arrives before the call starts, the way
 * musl's cancellation points work: the host handler (signal_host.c)
 * moves a PC found in [host_cp_begin, host_cp_end) to host_cp_cancel,
 * and the check at host_cp_begin sees a signal queued earlier. Without
 * this a signal landing between the kernel's last look and the
 * `syscall` would leave the thread asleep with its handler unrun.
 * Returns the result or -errno, as the raw instruction does. */
#include <exo/thread.h>

	.text
	.globl host_call_cp, host_cp_begin, host_cp_end, host_cp_cancel
	.hidden host_cp_begin, host_cp_end, host_cp_cancel
	.type host_call_cp, @function
host_call_cp:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
	mov 8(%rsp), %r9
	rdgsbase %r11			/* 0: not a guest thread (unit tests) */
host_cp_begin:
	test %r11, %r11
	jz 1f
	cmpl $0, EXO_TB_SIGNAL_PENDING(%r11)
	jne host_cp_cancel
1:	syscall
host_cp_end:
	ret
host_cp_cancel:
	mov $-4, %rax			/* -EINTR */
	ret
	.size host_call_cp, . - host_call_cp

/* The host's rt_sigreturn for handlers installed with the raw call
 * (glibc refuses signals 32 and 33, musl's SIGCANCEL among them). */
	.globl host_sigreturn
	.hidden host_sigreturn
	.type host_sigreturn, @function
host_sigreturn:
	mov $15, %eax
	syscall
	.size host_sigreturn, . - host_sigreturn

	.section .note.GNU-stack, "", @progbits
