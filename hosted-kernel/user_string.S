/* A NUL-terminated name copied from program memory by the ring's short
 * path (ring_one_name.c), which runs under the guest's FS and so cannot
 * use memory.c's sigsetjmp recovery: the thread block's user_fixup, as
 * vdso/internal/uaccess.S's user_copy has it, which fault.c honours.
 *
 * long user_string_copy(char *dst, const char *src, unsigned long max):
 *   the length without the NUL; max when no NUL came in max bytes;
 *   -EFAULT (-14) when a byte up to the NUL is not accessible. The
 *   caller checks that [src, src + max) lies in the guest's range. */
#include <exo/thread.h>

	.text
	.globl user_string_copy
	.hidden user_string_copy
	.type user_string_copy, @function
	.balign 16
user_string_copy:
	.cfi_startproc
	lea 3f(%rip), %rax
	mov %rax, %gs:EXO_TB_USER_FIXUP
	xor %eax, %eax
	test %rdx, %rdx
	jz 2f
1:	movzbl (%rsi,%rax), %ecx
	mov %cl, (%rdi,%rax)
	test %cl, %cl
	jz 2f
	inc %rax
	cmp %rdx, %rax
	jb 1b
2:	movq $0, %gs:EXO_TB_USER_FIXUP
	ret
3:	movq $0, %gs:EXO_TB_USER_FIXUP
	mov $-14, %rax
	ret
	.cfi_endproc
	.size user_string_copy, . - user_string_copy

	.section .note.GNU-stack, "", @progbits
