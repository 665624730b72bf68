/* Copies between the vDSO and program memory that a bad address cannot
 * turn into a fault of the program: Linux's copy_{from,to}_user with the
 * exception table replaced by the thread block's user_fixup (ABI 1.3,
 * abi/exo/thread.h). The recovery address is armed for the one `rep movsb`
 * and disarmed after it; on a fault the kernel disarms it and resumes at
 * 1:, where rsp and every callee-saved register are as at the call.
 *
 * long user_copy(void *dst, const void *src, unsigned long n):
 *   0, or -EFAULT (-14) when a byte of either range is not accessible. */
#include <exo/thread.h>

	.text
	.globl user_copy
	.hidden user_copy
	.type user_copy, @function
	.balign 16
user_copy:
	.cfi_startproc
	lea 1f(%rip), %rax
	mov %rax, %gs:EXO_TB_USER_FIXUP
	mov %rdx, %rcx
	rep movsb
	movq $0, %gs:EXO_TB_USER_FIXUP
	xor %eax, %eax
	ret
1:	movq $0, %gs:EXO_TB_USER_FIXUP
	mov $-14, %rax
	ret
	.cfi_endproc
	.size user_copy, . - user_copy

	.section .note.GNU-stack, "", @progbits
