/* Ring transitions: the syscall entry, the exception and interrupt stubs,
 * the first entry into ring 3.
 *
 * GS discipline: in ring 3 the GS base is the thread block (user code
 * reads %gs:EXO_TB_*), IA32_KERNEL_GS_BASE holds &percpu. Every path from
 * ring 3 starts with swapgs and every path back ends with one; an
 * exception from ring 0 (CS.RPL == 0) swaps nothing. */
#define NATIVE_ARGS_SAVED 6

	.text
	.globl syscall_entry
	.type syscall_entry, @function
	.balign 16
/* rax = native call number, rdi rsi rdx r10 r8 r9 = arguments, rcx = user
 * rip, r11 = user rflags (syscall saved them). Everything but rax, rcx and
 * r11 is given back as it came (abi/exo/native.h). Interrupts are off
 * (SFMASK clears IF). The user registers are saved as a whole struct
 * trap_frame (the layout an interrupt leaves), so that fork can copy them
 * into the child and a process can leave the CPU inside a call. */
syscall_entry:
	swapgs
	mov %rsp, %gs:8
	mov %gs:0, %rsp
	pushq $0x23                     /* ss */
	pushq %gs:8                     /* rsp */
	push %r11                       /* rflags */
	pushq $0x2b                     /* cs */
	push %rcx                       /* rip */
	pushq $0                        /* error */
	pushq $-1                       /* vector: none, a native call */
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, %gs:16                /* percpu.user_frame */
	sub $8, %rsp
	push %rax                       /* 7th C argument: the number */
	mov %r10, %rcx
	call native_call
	add $16, %rsp
	mov %rax, 14*8(%rsp)            /* the result, in the frame's rax */
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
	add $16, %rsp                   /* vector, error */
	pop %rcx                        /* rip */
	add $8, %rsp                    /* cs */
	pop %r11                        /* rflags */
	mov (%rsp), %rsp
	swapgs
	sysretq
	.size syscall_entry, . - syscall_entry

/* Exceptions and interrupts: one stub per vector pushes a dummy error code
 * where the CPU pushes none, then the vector. */
.macro isr_stub vector
	.balign 16
isr_\vector:
	.if \vector == 8 || (\vector >= 10 && \vector <= 14) || \vector == 17 || \vector == 21 || \vector == 29 || \vector == 30
	.else
	pushq $0
	.endif
	pushq $\vector
	jmp isr_common
.endm

	.balign 16
isr_stubs_start:
	.altmacro
	.set i, 0
	.rept 256
	isr_stub %i
	.set i, i + 1
	.endr

	.section .rodata
	.balign 8
	.globl isr_table
isr_table:
.macro isr_addr vector
	.quad isr_\vector
.endm
	.set i, 0
	.rept 256
	isr_addr %i
	.set i, i + 1
	.endr
	.text

isr_common:
	testb $3, 24(%rsp)              /* CS of the interrupted code */
	jz 1f
	swapgs
1:	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, %rdi
	mov %rsp, %rbx
	and $-16, %rsp
	call trap_handler
	mov %rbx, %rsp
/* user_return: rsp at a struct trap_frame; back to where it says (how a
 * fork child first runs, after switch_to returns into it). */
	.globl user_return
user_return:
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
	testb $3, 24(%rsp)
	jz 2f
	swapgs
2:	add $16, %rsp
	iretq

/* enter_user(rip, rsp): the first instruction of a process. Registers are
 * zero, as Linux starts a static program (rdx = 0: no atexit function);
 * IF is set, though nothing is unmasked. */
	.globl enter_user
	.type enter_user, @function
enter_user:
	pushq $0x23                     /* SEL_USER_DATA */
	push %rsi
	pushq $0x202
	pushq $0x2b                     /* SEL_USER_CODE */
	push %rdi
	xor %eax, %eax
	xor %ebx, %ebx
	xor %ecx, %ecx
	xor %edx, %edx
	xor %esi, %esi
	xor %edi, %edi
	xor %ebp, %ebp
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r11d, %r11d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	swapgs
	iretq
	.size enter_user, . - enter_user

/* switch_to(&save_rsp, new_rsp): the kernel half of a process switch.
 * The callee-saved registers go on the old stack, its rsp to *save_rsp;
 * the new stack holds the same (a fresh one: zeros and the address to
 * return to). */
	.globl switch_to
	.type switch_to, @function
switch_to:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size switch_to, . - switch_to

/* switch_stack_and_call(top, fn): abandon the current kernel stack (a
 * process that ended deep in a native call) and run fn on a fresh one. */
	.globl switch_stack_and_call
switch_stack_and_call:
	mov %rdi, %rsp
	xor %ebp, %ebp
	call *%rsi
3:	hlt
	jmp 3b

	.bss
	.balign 4096
	.globl kernel_stack_top
kernel_stack:
	.skip 32768
kernel_stack_top:

	.section .note.GNU-stack, "", @progbits
